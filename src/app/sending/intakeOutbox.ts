// Adapts the SQLite outbox to what the intake needs (src/intake/IntakeOutbox.ts), and decides
// where a finished document's files go: sent/ for a sent document, error/ (with the reason file)
// for a refused or failed one; a duplicate follows the document it repeats.
import type { CheckedDocument, CheckProblem } from '../../domain/ports/DocumentChecker.js';
import type {
  IntakeOutbox,
  IntakeRecord,
  IntakeRecordResult,
  PlacementTask,
} from '../../intake/index.js';
import type { ReasonCause } from '../../intake/reasonFile.js';
import type { OutboxItem, OutboxRepository, PendingPlacement } from '../../store/outbox/index.js';

export interface IntakeOutboxOptions {
  /** Every document recorded through this adapter joins this batch. */
  readonly batchId?: number;
}

export function createIntakeOutbox(
  outbox: OutboxRepository,
  opts: IntakeOutboxOptions = {},
): IntakeOutbox {
  const batch = opts.batchId === undefined ? {} : { batchId: opts.batchId };
  const common = (record: IntakeRecord) => ({
    contentHash: record.contentHash,
    fileName: record.fileName,
    claim: record.claim,
    ...(record.sidecarName === undefined ? {} : { sidecarName: record.sidecarName }),
    ...batch,
  });
  return {
    findClaim(claimId) {
      const item = outbox.findByClaim(claimId);
      return item === undefined ? undefined : { itemId: item.id };
    },
    enqueue(record: IntakeRecord, document: CheckedDocument): IntakeRecordResult {
      const { status, item } = outbox.enqueue({
        ...common(record),
        uniqueId: document.uniqueId,
        kind: document.kind,
        ...(document.title === undefined ? {} : { title: document.title }),
        ...(document.setId === undefined ? {} : { setId: document.setId }),
        ...(document.visibility === undefined ? {} : { visibility: document.visibility }),
        ...(document.payload === undefined ? {} : { payload: document.payload }),
      });
      return { status, itemId: item.id };
    },
    recordRejected(record, problems, kind) {
      const { status, item } = outbox.recordRejected({
        ...common(record),
        problems,
        ...(kind === undefined ? {} : { kind }),
      });
      return { status, itemId: item.id };
    },
    pendingPlacements() {
      return outbox
        .pendingPlacements()
        .map(placementTask)
        .filter((t) => t !== undefined);
    },
    choosePlacement(itemId, name) {
      outbox.choosePlacement(itemId, name);
    },
    resetPlacement(itemId) {
      outbox.resetPlacement(itemId);
    },
    markPlaced(itemId) {
      outbox.markPlaced(itemId);
    },
  };
}

/** The intake's view of a finished row (undefined for a row without a claim: nothing to move). */
export function placementTask({ item, original }: PendingPlacement): PlacementTask | undefined {
  if (item.claim === null) return undefined;
  const base = {
    itemId: item.id,
    claim: item.claim,
    fileName: item.fileName,
    ...(item.sidecarName === null ? {} : { sidecarName: item.sidecarName }),
    ...(item.placedName === null ? {} : { placedName: item.placedName }),
  };
  const decider = original ?? item;
  if (decider.state === 'sent') return { ...base, destination: 'sent' };
  const cause: ReasonCause =
    original !== null
      ? 'duplicate'
      : item.state === 'failed'
        ? 'failed'
        : item.errorCode === 'OUTBOX_UNIQUE_ID_CONFLICT'
          ? 'conflict'
          : item.attempts === 0
            ? 'checks'
            : 'dmp';
  return {
    ...base,
    destination: 'error',
    reason: {
      cause,
      summary: decider.lastError ?? 'Le document a été refusé.',
      problems: problemsOf(decider),
      fileName: item.fileName,
      at: item.finishedAt ?? item.updatedAt,
      itemId: item.id,
      ...(item.uniqueId === null ? {} : { uniqueId: item.uniqueId }),
      ...(cause === 'failed' ? { attempts: item.attempts } : {}),
      ...(original === null ? {} : { originalFileName: original.fileName }),
    },
  };
}

function problemsOf(item: OutboxItem): readonly CheckProblem[] {
  return item.problems ?? [];
}
