// Converts outbox rows between SQL and the repository's types. The JSON columns are read
// defensively: a value that no longer has the expected shape reads as null (the row stays usable;
// what is lost is a display detail, never the document or its state).
import type { DocumentVisibility } from '../../domain/documents/visibility.js';
import type { CheckProblem } from '../../domain/ports/DocumentChecker.js';
import type { SendReceipt } from '../../domain/ports/DocumentSender.js';
import { isOutboxState, type OutboxState } from './outboxStates.js';
import type { OutboxItem } from './outboxTypes.js';

export interface OutboxRow {
  id: number;
  batch_id: number | null;
  state: string;
  unique_id: string | null;
  content_hash: string;
  kind: string | null;
  title: string | null;
  set_id: string | null;
  visibility: string | null;
  file_name: string;
  sidecar_name: string | null;
  claim_id: string | null;
  claim_dir: string | null;
  sent_dir: string | null;
  error_dir: string | null;
  attempts: number;
  next_at: string | null;
  needs_reconcile: number;
  error_code: string | null;
  last_error: string | null;
  problems: string | null;
  duplicate_of: number | null;
  receipt: string | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
  placed_name: string | null;
  placed_at: string | null;
}

export const OUTBOX_COLUMNS =
  'id, batch_id, state, unique_id, content_hash, kind, title, set_id, visibility, file_name, ' +
  'sidecar_name, claim_id, claim_dir, sent_dir, error_dir, attempts, next_at, needs_reconcile, ' +
  'error_code, last_error, problems, duplicate_of, receipt, created_at, updated_at, ' +
  'finished_at, placed_name, placed_at';

export function fromRow(row: OutboxRow): OutboxItem {
  return {
    id: row.id,
    batchId: row.batch_id,
    state: stateOf(row),
    uniqueId: row.unique_id,
    contentHash: row.content_hash,
    kind: row.kind,
    title: row.title,
    setId: row.set_id,
    visibility: parseVisibility(row.visibility),
    fileName: row.file_name,
    sidecarName: row.sidecar_name,
    claim:
      row.claim_id === null || row.claim_dir === null
        ? null
        : {
            claimId: row.claim_id,
            claimDir: row.claim_dir,
            sentDir: row.sent_dir ?? '',
            errorDir: row.error_dir ?? '',
          },
    attempts: row.attempts,
    nextAt: toDate(row.next_at),
    needsReconcile: row.needs_reconcile === 1,
    errorCode: row.error_code,
    lastError: row.last_error,
    problems: parseProblems(row.problems),
    duplicateOf: row.duplicate_of,
    receipt: parseReceipt(row.receipt),
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    finishedAt: toDate(row.finished_at),
    placedName: row.placed_name,
    placedAt: toDate(row.placed_at),
  };
}

function stateOf(row: OutboxRow): OutboxState {
  // The CHECK constraint makes anything else impossible short of editing the file by hand.
  if (!isOutboxState(row.state)) throw new TypeError(`outbox row ${row.id}: unknown state`);
  return row.state;
}

function toDate(text: string | null): Date | null {
  return text === null ? null : new Date(text);
}

function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseVisibility(text: string | null): DocumentVisibility | null {
  const v = parseJson(text);
  if (!isRecord(v)) return null;
  const { hiddenFromProfessionals, hiddenFromPatient, hiddenFromLegalRepresentatives } = v;
  if (
    typeof hiddenFromProfessionals !== 'boolean' ||
    typeof hiddenFromPatient !== 'boolean' ||
    typeof hiddenFromLegalRepresentatives !== 'boolean'
  ) {
    return null;
  }
  return { hiddenFromProfessionals, hiddenFromPatient, hiddenFromLegalRepresentatives };
}

function parseProblems(text: string | null): CheckProblem[] | null {
  const v = parseJson(text);
  if (!Array.isArray(v)) return null;
  const problems: CheckProblem[] = [];
  for (const p of v as unknown[]) {
    if (!isRecord(p) || typeof p.code !== 'string' || typeof p.message !== 'string') continue;
    problems.push({
      code: p.code,
      message: p.message,
      ...(typeof p.fix === 'string' ? { fix: p.fix } : {}),
      ...(typeof p.where === 'string' ? { where: p.where } : {}),
    });
  }
  return problems;
}

function parseReceipt(text: string | null): SendReceipt | null {
  const v = parseJson(text);
  if (!isRecord(v)) return null;
  const details: Record<string, string | number | boolean> = {};
  if (isRecord(v.details)) {
    for (const [k, d] of Object.entries(v.details)) {
      if (typeof d === 'string' || typeof d === 'number' || typeof d === 'boolean') details[k] = d;
    }
  }
  return {
    ...(typeof v.entryUuid === 'string' ? { entryUuid: v.entryUuid } : {}),
    ...(typeof v.dmpStatus === 'string' ? { dmpStatus: v.dmpStatus } : {}),
    ...(Object.keys(details).length > 0 ? { details } : {}),
  };
}

/** JSON text of a problem list, keeping only the documented fields (nothing else is stored). */
export function problemsJson(problems: readonly CheckProblem[]): string {
  return JSON.stringify(
    problems.map((p) => ({
      code: p.code,
      message: p.message,
      ...(p.fix !== undefined ? { fix: p.fix } : {}),
      ...(p.where !== undefined ? { where: p.where } : {}),
    })),
  );
}

export function receiptJson(receipt: SendReceipt | undefined): string | null {
  if (receipt === undefined) return null;
  return JSON.stringify({
    ...(receipt.entryUuid !== undefined ? { entryUuid: receipt.entryUuid } : {}),
    ...(receipt.dmpStatus !== undefined ? { dmpStatus: receipt.dmpStatus } : {}),
    ...(receipt.details !== undefined ? { details: receipt.details } : {}),
  });
}

export function visibilityJson(v: DocumentVisibility | undefined): string | null {
  if (v === undefined) return null;
  return JSON.stringify({
    hiddenFromProfessionals: v.hiddenFromProfessionals,
    hiddenFromPatient: v.hiddenFromPatient,
    hiddenFromLegalRepresentatives: v.hiddenFromLegalRepresentatives,
  });
}
