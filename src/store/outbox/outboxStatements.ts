// The SQL of the outbox repository, prepared once per connection. The state lists are spelled out
// exactly as in the partial indexes of migration 0030: SQLite uses a partial index only when the
// query repeats its WHERE term (test/integration/store/outboxMigration.test.ts checks the plans).
import type { Database } from '../Database.js';
import { OUTBOX_COLUMNS, fromRow, visibilityJson, type OutboxRow } from './outboxRows.js';
import type { OutboxState } from './outboxStates.js';
import type { EnqueueInput, OutboxItem, RejectedInput } from './outboxTypes.js';

const LIVE = `('queued', 'sending', 'retry-wait', 'sent')`;
const DUE = `('queued', 'retry-wait')`;
const FINAL = `('sent', 'refused', 'failed', 'duplicate')`;

/** A row before SQLite gives it its id. */
export type NewRow = Omit<OutboxRow, 'id'>;

export function prepareOutboxStatements(db: Database) {
  const select = `SELECT ${OUTBOX_COLUMNS} FROM outbox`;
  return {
    insert: db.prepare<[NewRow]>(
      `INSERT INTO outbox (${OUTBOX_COLUMNS.replace('id, ', '')}) VALUES (@batch_id, @state,
        @unique_id, @content_hash, @kind, @title, @set_id, @visibility, @file_name,
        @sidecar_name, @claim_id, @claim_dir, @sent_dir, @error_dir, @attempts, @next_at,
        @needs_reconcile, @error_code, @last_error, @problems, @duplicate_of, @receipt,
        @created_at, @updated_at, @finished_at, @placed_name, @placed_at)`,
    ),
    insertPayload: db.prepare<[number, Uint8Array]>(
      'INSERT INTO outbox_payload (item_id, bytes) VALUES (?, ?)',
    ),
    payload: db.prepare<[number], { bytes: Buffer }>(
      'SELECT bytes FROM outbox_payload WHERE item_id = ?',
    ),
    byId: db.prepare<[number], OutboxRow>(`${select} WHERE id = ?`),
    byClaim: db.prepare<[string], OutboxRow>(`${select} WHERE claim_id = ?`),
    liveByUniqueId: db.prepare<[string], OutboxRow>(
      `${select} WHERE unique_id = ? AND state IN ${LIVE}`,
    ),
    liveByHash: db.prepare<[string], OutboxRow>(
      `${select} WHERE content_hash = ? AND state IN ${LIVE} ORDER BY id LIMIT 1`,
    ),
    nextDue: db.prepare<[string], OutboxRow>(
      `${select} WHERE state IN ${DUE} AND next_at <= ? ORDER BY next_at, id LIMIT 1`,
    ),
    firstDueAt: db.prepare<[], { at: string | null }>(
      `SELECT min(next_at) AS at FROM outbox WHERE state IN ${DUE}`,
    ),
    recover: db.prepare<[string, string]>(
      `UPDATE outbox SET state = 'retry-wait', needs_reconcile = 1, next_at = ?, updated_at = ?,
         error_code = 'OUTBOX_INTERRUPTED',
         last_error = 'L''envoi a été interrompu (arrêt de Navette) ; il reprend après ' ||
           'vérification auprès du DMP.'
       WHERE state = 'sending'`,
    ),
    unplaced: db.prepare<[], OutboxRow>(
      `${select} WHERE placed_at IS NULL AND claim_id IS NOT NULL AND state IN ${FINAL}
       ORDER BY id`,
    ),
    choosePlacement: db.prepare<[string, number]>(
      'UPDATE outbox SET placed_name = ? WHERE id = ? AND placed_name IS NULL',
    ),
    resetPlacement: db.prepare<[number]>(
      'UPDATE outbox SET placed_name = NULL WHERE id = ? AND placed_at IS NULL',
    ),
    markPlaced: db.prepare<[string, number]>(
      'UPDATE outbox SET placed_at = ? WHERE id = ? AND placed_at IS NULL',
    ),
    insertBatch: db.prepare<[string, string], { id: number }>(
      'INSERT INTO outbox_batch (label, created_at) VALUES (?, ?) RETURNING id',
    ),
    batchById: db.prepare<[number], { id: number; label: string; created_at: string }>(
      'SELECT id, label, created_at FROM outbox_batch WHERE id = ?',
    ),
    countsAll: db.prepare<[], { state: string; n: number }>(
      'SELECT state, count(*) AS n FROM outbox GROUP BY state',
    ),
    countsBatch: db.prepare<[number], { state: string; n: number }>(
      'SELECT state, count(*) AS n FROM outbox WHERE batch_id = ? GROUP BY state',
    ),
  };
}

export type OutboxStatements = ReturnType<typeof prepareOutboxStatements>;

export function newRow(input: EnqueueInput | RejectedInput, at: string): NewRow {
  const checked = 'uniqueId' in input ? input : undefined;
  return {
    batch_id: input.batchId ?? null,
    state: 'queued',
    unique_id: checked?.uniqueId ?? null,
    content_hash: input.contentHash,
    kind: input.kind ?? null,
    title: checked?.title ?? null,
    set_id: checked?.setId ?? null,
    visibility: visibilityJson(checked?.visibility),
    file_name: input.fileName,
    sidecar_name: input.sidecarName ?? null,
    claim_id: input.claim?.claimId ?? null,
    claim_dir: input.claim?.claimDir ?? null,
    sent_dir: input.claim?.sentDir ?? null,
    error_dir: input.claim?.errorDir ?? null,
    attempts: 0,
    next_at: null,
    needs_reconcile: 0,
    error_code: null,
    last_error: null,
    problems: null,
    duplicate_of: null,
    receipt: null,
    created_at: at,
    updated_at: at,
    finished_at: null,
    placed_name: null,
    placed_at: null,
  };
}

export interface ListQuery {
  readonly states?: readonly OutboxState[];
  readonly batchId?: number;
  /** 1 to 10 000, default 100. */
  readonly limit?: number;
  readonly offset?: number;
}

/** Rows by id, optionally of some states and/or one batch. */
export function listItems(db: Database, query: ListQuery): OutboxItem[] {
  const limit = query.limit ?? 100;
  const offset = query.offset ?? 0;
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > 10_000) {
    throw new RangeError('limit must be an integer from 1 to 10000');
  }
  if (!Number.isSafeInteger(offset) || offset < 0) throw new RangeError('offset must be >= 0');
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (query.states !== undefined && query.states.length > 0) {
    where.push(`state IN (${query.states.map(() => '?').join(', ')})`);
    params.push(...query.states);
  }
  if (query.batchId !== undefined) {
    where.push('batch_id = ?');
    params.push(query.batchId);
  }
  const sql =
    `SELECT ${OUTBOX_COLUMNS} FROM outbox` +
    (where.length > 0 ? ` WHERE ${where.join(' AND ')}` : '') +
    ' ORDER BY id LIMIT ? OFFSET ?';
  return db
    .prepare<(string | number)[], OutboxRow>(sql)
    .all(...params, limit, offset)
    .map(fromRow);
}
