// The audit journal: who did what, for which patient (by keyed reference), with what result.
// Hash-chained so that an edited, deleted or reordered entry is detected by `verify()`.
import { createHash } from 'node:crypto';
import type { Database } from './Database.js';
import { AuditEntryInvalidError } from './errors.js';
import { canonicalJson, isWellFormedText, type JsonObject } from './json.js';
import { PATIENT_REF_PATTERN } from './patientReference.js';
import { SettingsRepository } from './SettingsRepository.js';
import { immediate } from './transaction.js';

/** `prev_hash` of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);
/** Settings key of the journal head, written in the same transaction as each entry. */
export const AUDIT_HEAD_KEY = 'audit.journal.head';

/** What a caller records. `at` is not here: it comes from the journal's clock. */
export interface AuditEntry {
  /** Who acted: the professional's idNat_PS, or 'system' for automatic work. */
  readonly actor: string;
  /** DMP transaction or local operation code: 'TD2.1', 'TD3.2', 'import'… */
  readonly transaction: string;
  /** Outcome code: 'success', 'failure', a DMP error code… */
  readonly result: string;
  /** Structure identifier (FINESS, SIRET…) the action was done for. */
  readonly structure?: string | null;
  /** `patientReference(key, ins)`: a keyed hash, NEVER the clear INS (refused by code and schema). */
  readonly patientRef?: string | null;
  /** DMP access mode (NORMAL, BRIS_DE_GLACE, CENTRE_15…). */
  readonly accessMode?: string | null;
  /** Non-identifying extra facts (document uniqueId, error code, counts). No names, no INS. */
  readonly details?: JsonObject;
}

/** The fields covered by the hash, in their stored form. */
export interface AuditContent {
  readonly at: string;
  readonly actor: string;
  readonly structure: string | null;
  readonly patientRef: string | null;
  readonly transaction: string;
  readonly accessMode: string | null;
  readonly result: string;
  readonly details: JsonObject;
}

export interface AuditRecord extends AuditContent {
  readonly id: number;
  readonly prevHash: string;
  readonly hash: string;
}

/** What the last append left: vouches for the end of the journal (a deleted last entry). */
export interface AuditHead {
  readonly count: number;
  readonly lastId: number;
  readonly hash: string;
}

export type AuditProblem = 'modified' | 'deleted' | 'reordered';

export interface AuditVerification {
  readonly ok: boolean;
  /** Entries verified before the first problem (all of them when ok). */
  readonly checked: number;
  /** First entry that fails; for 'deleted', the id of the first missing entry. */
  readonly firstBadId?: number;
  /** Best reading of the evidence; an edit followed by a recomputed hash reads as 'deleted'. */
  readonly problem?: AuditProblem;
}

export interface AuditListQuery {
  /** Inclusive lower bound on `at`. */
  readonly from?: Date;
  /** Exclusive upper bound on `at`. */
  readonly to?: Date;
  readonly patientRef?: string;
  /** 1 to 10 000, default 100. */
  readonly limit?: number;
  readonly offset?: number;
}

interface Row {
  id: number;
  at: string;
  actor: string;
  structure: string | null;
  patient_ref: string | null;
  txn: string;
  access_mode: string | null;
  result: string;
  details: string;
  prev_hash: string;
  hash: string;
}

const COLUMNS =
  'id, at, actor, structure, patient_ref, txn, access_mode, result, details, prev_hash, hash';
const HASH_PATTERN = /^[0-9a-f]{64}$/;
const MAX_TEXT = 500;
const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 10_000;
// Upper bound above any ISO 8601 UTC time ('~' sorts after every digit).
const END_OF_TIME = '~';

/**
 * `hash = hex(SHA-256(UTF-8(prevHash + canonicalJson(content))))` where `content` has exactly the
 * eight keys of `AuditContent` (absent optional fields as null) and canonicalJson is RFC 8785.
 * The row id is not hashed: order is carried by the chain itself, which is what lets `verify()`
 * tell a reordering from an edit.
 */
export function auditHash(prevHash: string, content: AuditContent): string {
  // Pick the eight keys explicitly: a full AuditRecord (id, hashes) may be passed in.
  const hashed: AuditContent = {
    at: content.at,
    actor: content.actor,
    structure: content.structure,
    patientRef: content.patientRef,
    transaction: content.transaction,
    accessMode: content.accessMode,
    result: content.result,
    details: content.details,
  };
  return createHash('sha256')
    .update(prevHash + canonicalJson(hashed), 'utf8')
    .digest('hex');
}

/**
 * Appends and verifies entries. One instance per connection; `now` is the clock (tests pass a fixed
 * one). Limit of the design: someone able to write the file can rebuild the whole chain and the
 * head; publishing `head().hash` outside the database (logs, support bundle) anchors it.
 */
export class AuditJournal {
  private readonly settings: SettingsRepository;
  private readonly insertRow;
  private readonly selectAll;
  private readonly selectLast;
  private readonly countRows;
  private readonly hashExists;
  private readonly listAll;
  private readonly listByPatient;

  constructor(
    private readonly db: Database,
    private readonly now: () => Date,
  ) {
    this.settings = new SettingsRepository(db, now);
    this.insertRow = db.prepare<[Row]>(
      `INSERT INTO audit_journal (${COLUMNS}) VALUES (@id, @at, @actor, @structure, @patient_ref,
        @txn, @access_mode, @result, @details, @prev_hash, @hash)`,
    );
    this.selectAll = db.prepare<[], Row>(`SELECT ${COLUMNS} FROM audit_journal ORDER BY id`);
    this.selectLast = db.prepare<[], Row>(
      `SELECT ${COLUMNS} FROM audit_journal ORDER BY id DESC LIMIT 1`,
    );
    this.countRows = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM audit_journal');
    this.hashExists = db.prepare<[string], { id: number }>(
      'SELECT id FROM audit_journal WHERE hash = ?',
    );
    this.listAll = db.prepare<[string, string, number, number], Row>(
      `SELECT ${COLUMNS} FROM audit_journal WHERE at >= ? AND at < ?
       ORDER BY at, id LIMIT ? OFFSET ?`,
    );
    this.listByPatient = db.prepare<[string, string, string, number, number], Row>(
      `SELECT ${COLUMNS} FROM audit_journal WHERE patient_ref = ? AND at >= ? AND at < ?
       ORDER BY at, id LIMIT ? OFFSET ?`,
    );
  }

  /**
   * Records `entry` at `now()`, chained to the current head, and moves the head, in one immediate
   * transaction. Throws AuditEntryInvalidError (nothing written) on a malformed entry, notably a
   * patientRef that is not a 64-hex keyed hash.
   */
  append(entry: AuditEntry): AuditRecord {
    const content = this.contentOf(entry);
    return immediate(this.db, () => {
      const head = this.currentHead();
      const id = head.lastId + 1;
      const hash = auditHash(head.hash, content);
      this.insertRow.run(toRow({ ...content, id, prevHash: head.hash, hash }));
      // Same instant as the entry: one clock reading per append.
      this.settings.set(
        AUDIT_HEAD_KEY,
        { count: head.count + 1, lastId: id, hash },
        new Date(content.at),
      );
      return { ...content, id, prevHash: head.hash, hash };
    });
  }

  /** The head as last written (genesis for an empty journal). */
  head(): AuditHead {
    return parseHead(this.settings.get(AUDIT_HEAD_KEY)) ?? emptyHead();
  }

  /**
   * Walks the whole chain in one read snapshot and compares its end with the stored head.
   * Cost is linear: about 0.75 s per 100 000 entries (measured on the build machine).
   */
  verify(): AuditVerification {
    return this.db.transaction(() => this.verifySnapshot()).deferred();
  }

  /** Entries by time (`at`, then id), optionally for one patient reference. */
  list(query: AuditListQuery = {}): AuditRecord[] {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const offset = query.offset ?? 0;
    if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
      throw new RangeError(`limit must be an integer from 1 to ${MAX_LIMIT}`);
    }
    if (!Number.isSafeInteger(offset) || offset < 0) throw new RangeError('offset must be >= 0');
    const from = query.from?.toISOString() ?? '';
    const to = query.to?.toISOString() ?? END_OF_TIME;
    const rows =
      query.patientRef === undefined
        ? this.listAll.all(from, to, limit, offset)
        : this.listByPatient.all(query.patientRef, from, to, limit, offset);
    return rows.map(fromRow);
  }

  private verifySnapshot(): AuditVerification {
    const rawHead = this.settings.get(AUDIT_HEAD_KEY);
    const head = parseHead(rawHead);
    let expectedPrev = GENESIS_HASH;
    let lastId = 0;
    let checked = 0;
    let broken: { row: Row; link: boolean } | undefined;
    for (const row of this.selectAll.iterate()) {
      if (!rowHashMatches(row)) {
        broken = { row, link: false };
        break; // leaving the loop resets the statement, freeing the connection for the lookup
      }
      if (row.prev_hash !== expectedPrev) {
        broken = { row, link: true };
        break;
      }
      expectedPrev = row.hash;
      lastId = row.id;
      checked += 1;
    }

    if (broken !== undefined) {
      if (!broken.link)
        return { ok: false, checked, firstBadId: broken.row.id, problem: 'modified' };
      // The entry is intact but does not follow its predecessor: if the entry it claims to follow
      // is still in the table, the rows were moved; otherwise entries were removed.
      return this.hashExists.get(broken.row.prev_hash) !== undefined
        ? { ok: false, checked, firstBadId: broken.row.id, problem: 'reordered' }
        : { ok: false, checked, firstBadId: lastId + 1, problem: 'deleted' };
    }
    if (head === undefined) {
      if (rawHead !== undefined) return { ok: false, checked, problem: 'modified' };
      // No head and no entries: a journal never written. Entries without a head: the record that
      // vouches for the end of the journal was removed.
      return checked === 0 ? { ok: true, checked } : { ok: false, checked, problem: 'deleted' };
    }
    if (head.hash === expectedPrev && head.count === checked && head.lastId === lastId) {
      return { ok: true, checked };
    }
    if (head.count > checked)
      return { ok: false, checked, firstBadId: lastId + 1, problem: 'deleted' };
    // More entries than the head vouches for (appended outside Navette), or an edited head.
    return { ok: false, checked, firstBadId: head.lastId + 1, problem: 'modified' };
  }

  /** The head to chain onto. A missing or unreadable head is rebuilt from the last row. */
  private currentHead(): AuditHead {
    const head = parseHead(this.settings.get(AUDIT_HEAD_KEY));
    if (head !== undefined) return head;
    const last = this.selectLast.get();
    if (last === undefined) return emptyHead();
    return { count: this.countRows.get()?.n ?? 0, lastId: last.id, hash: last.hash };
  }

  private contentOf(entry: AuditEntry): AuditContent {
    const content: AuditContent = {
      at: this.now().toISOString(),
      actor: requiredText(entry.actor, 'actor'),
      structure: optionalText(entry.structure, 'structure'),
      patientRef: entry.patientRef ?? null,
      transaction: requiredText(entry.transaction, 'transaction'),
      accessMode: optionalText(entry.accessMode, 'accessMode'),
      result: requiredText(entry.result, 'result'),
      details: entry.details ?? {},
    };
    // Never echo the value: a caller passing a clear INS here must not see it in a log.
    if (content.patientRef !== null && !PATIENT_REF_PATTERN.test(content.patientRef)) {
      throw new AuditEntryInvalidError('patientRef is not a keyed hash (64 lower-case hex digits)');
    }
    if (typeof content.details !== 'object' || Array.isArray(content.details)) {
      throw new AuditEntryInvalidError('details is not a JSON object');
    }
    try {
      canonicalJson(content.details);
    } catch {
      throw new AuditEntryInvalidError('details is not representable as JSON');
    }
    return content;
  }
}

function requiredText(value: string, field: string): string {
  if (typeof value !== 'string' || value === '')
    throw new AuditEntryInvalidError(`${field} is empty`);
  return checkText(value, field);
}

function optionalText(value: string | null | undefined, field: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || value === '')
    throw new AuditEntryInvalidError(`${field} is empty`);
  return checkText(value, field);
}

function checkText(value: string, field: string): string {
  if (value.length > MAX_TEXT) throw new AuditEntryInvalidError(`${field} is too long`);
  if (!isWellFormedText(value)) throw new AuditEntryInvalidError(`${field} is not valid text`);
  return value;
}

function rowHashMatches(row: Row): boolean {
  try {
    return auditHash(row.prev_hash, fromRow(row)) === row.hash;
  } catch {
    return false; // details no longer JSON: edited
  }
}

function toRow(r: AuditRecord): Row {
  return {
    id: r.id,
    at: r.at,
    actor: r.actor,
    structure: r.structure,
    patient_ref: r.patientRef,
    txn: r.transaction,
    access_mode: r.accessMode,
    result: r.result,
    details: canonicalJson(r.details),
    prev_hash: r.prevHash,
    hash: r.hash,
  };
}

function fromRow(row: Row): AuditRecord {
  return {
    id: row.id,
    at: row.at,
    actor: row.actor,
    structure: row.structure,
    patientRef: row.patient_ref,
    transaction: row.txn,
    accessMode: row.access_mode,
    result: row.result,
    details: JSON.parse(row.details) as JsonObject,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

function emptyHead(): AuditHead {
  return { count: 0, lastId: 0, hash: GENESIS_HASH };
}

function parseHead(value: unknown): AuditHead | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { count, lastId, hash } = value as Record<string, unknown>;
  const isCount = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) >= 0;
  if (!isCount(count) || !isCount(lastId) || typeof hash !== 'string' || !HASH_PATTERN.test(hash)) {
    return undefined;
  }
  return { count, lastId, hash };
}
