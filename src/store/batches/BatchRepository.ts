// The batches of the secretary's screen (migration 0050-batches): what the pre-flight found for
// each document, and which outbox row sends it. Every write is one BEGIN IMMEDIATE transaction.
import type { Database } from '../Database.js';
import { immediate } from '../transaction.js';

export const BATCH_STATES = ['preflight', 'sending', 'done'] as const;
export type BatchState = (typeof BATCH_STATES)[number];

export const BATCH_ITEM_STATES = [
  'ready',
  'blocked',
  'queued',
  'sending',
  'waiting',
  'sent',
  'refused',
  'failed',
] as const;
export type BatchItemState = (typeof BATCH_ITEM_STATES)[number];

/** A French reason (code, message, what to do). */
export interface StoredReason {
  readonly code: string;
  readonly message: string;
  readonly fix?: string;
}

export interface StoredBatch {
  readonly id: number;
  readonly label: string;
  readonly source: string;
  readonly state: BatchState;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface StoredBatchItem {
  readonly id: number;
  readonly batchId: number;
  readonly position: number;
  readonly filePath: string;
  readonly contentHash: string | null;
  readonly status: BatchItemState;
  readonly uniqueId: string | null;
  readonly title: string | null;
  readonly dmpStatus: string | null;
  readonly visibility: string | null;
  readonly reasons: readonly StoredReason[];
  readonly outboxItemId: number | null;
  readonly entryUuid: string | null;
  readonly updatedAt: Date;
}

/** What the pre-flight (or a later send) sets on an item. */
export interface BatchItemFields {
  readonly status: BatchItemState;
  readonly contentHash?: string | null;
  readonly uniqueId?: string | null;
  readonly title?: string | null;
  readonly dmpStatus?: string | null;
  readonly visibility?: string | null;
  readonly reasons?: readonly StoredReason[];
  readonly outboxItemId?: number | null;
  readonly entryUuid?: string | null;
}

interface BatchRow {
  id: number;
  label: string;
  source: string;
  state: string;
  created_at: string;
  updated_at: string;
}

interface ItemRow {
  id: number;
  batch_id: number;
  position: number;
  file_path: string;
  content_hash: string | null;
  status: string;
  unique_id: string | null;
  title: string | null;
  dmp_status: string | null;
  visibility: string | null;
  reasons: string;
  outbox_item_id: number | null;
  entry_uuid: string | null;
  updated_at: string;
}

const COLUMNS: Readonly<Record<keyof Omit<BatchItemFields, 'reasons'>, string>> = {
  status: 'status',
  contentHash: 'content_hash',
  uniqueId: 'unique_id',
  title: 'title',
  dmpStatus: 'dmp_status',
  visibility: 'visibility',
  outboxItemId: 'outbox_item_id',
  entryUuid: 'entry_uuid',
};

function batchOf(row: BatchRow): StoredBatch {
  return {
    id: row.id,
    label: row.label,
    source: row.source,
    state: row.state as BatchState,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

function reasonsOf(text: string): StoredReason[] {
  const parsed: unknown = JSON.parse(text);
  return Array.isArray(parsed) ? (parsed as StoredReason[]) : [];
}

function itemOf(row: ItemRow): StoredBatchItem {
  return {
    id: row.id,
    batchId: row.batch_id,
    position: row.position,
    filePath: row.file_path,
    contentHash: row.content_hash,
    status: row.status as BatchItemState,
    uniqueId: row.unique_id,
    title: row.title,
    dmpStatus: row.dmp_status,
    visibility: row.visibility,
    reasons: reasonsOf(row.reasons),
    outboxItemId: row.outbox_item_id,
    entryUuid: row.entry_uuid,
    updatedAt: new Date(row.updated_at),
  };
}

const BATCH_SELECT = `SELECT b.id, ob.label, b.source, b.state, b.created_at, b.updated_at
  FROM batch b JOIN outbox_batch ob ON ob.id = b.id`;

export class BatchRepository {
  constructor(
    private readonly db: Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Records a batch over its outbox batch (created first by OutboxRepository.createBatch) with its
   * items, in one transaction: a batch is never half recorded.
   */
  create(
    outboxBatchId: number,
    source: string,
    items: readonly ({ readonly filePath: string } & BatchItemFields)[],
  ): StoredBatch {
    return immediate(this.db, () => {
      const at = this.now().toISOString();
      this.db
        .prepare(
          `INSERT INTO batch (id, source, state, created_at, updated_at)
           VALUES (?, ?, 'preflight', ?, ?)`,
        )
        .run(outboxBatchId, source, at, at);
      const insert = this.db.prepare(
        `INSERT INTO batch_item (batch_id, position, file_path, status, updated_at)
         VALUES (?, ?, ?, ?, ?)`,
      );
      items.forEach((item, index) => {
        const id = Number(
          insert.run(outboxBatchId, index + 1, item.filePath, item.status, at).lastInsertRowid,
        );
        this.writeItem(id, item, at);
      });
      return this.mustGet(outboxBatchId);
    });
  }

  get(id: number): StoredBatch | undefined {
    const row = this.db.prepare(`${BATCH_SELECT} WHERE b.id = ?`).get(id) as BatchRow | undefined;
    return row === undefined ? undefined : batchOf(row);
  }

  /** Every batch, newest first. */
  list(limit = 100): StoredBatch[] {
    const rows = this.db
      .prepare(`${BATCH_SELECT} ORDER BY b.id DESC LIMIT ?`)
      .all(limit) as BatchRow[];
    return rows.map(batchOf);
  }

  items(batchId: number): StoredBatchItem[] {
    const rows = this.db
      .prepare('SELECT * FROM batch_item WHERE batch_id = ? ORDER BY position')
      .all(batchId) as ItemRow[];
    return rows.map(itemOf);
  }

  item(id: number): StoredBatchItem | undefined {
    const row = this.db.prepare('SELECT * FROM batch_item WHERE id = ?').get(id) as
      ItemRow | undefined;
    return row === undefined ? undefined : itemOf(row);
  }

  updateItem(id: number, fields: BatchItemFields): StoredBatchItem {
    return immediate(this.db, () => {
      this.writeItem(id, fields, this.now().toISOString());
      const item = this.item(id);
      if (item === undefined) throw new RangeError(`batch item ${id} does not exist`);
      return item;
    });
  }

  setState(id: number, state: BatchState): StoredBatch {
    return immediate(this.db, () => {
      this.db
        .prepare('UPDATE batch SET state = ?, updated_at = ? WHERE id = ?')
        .run(state, this.now().toISOString(), id);
      return this.mustGet(id);
    });
  }

  private writeItem(id: number, fields: BatchItemFields, at: string): void {
    const sets: string[] = ['updated_at = @updated_at'];
    const values: Record<string, string | number | null> = { id, updated_at: at };
    for (const [key, column] of Object.entries(COLUMNS)) {
      const value = fields[key as keyof typeof COLUMNS];
      if (value === undefined) continue;
      sets.push(`${column} = @${column}`);
      values[column] = value;
    }
    if (fields.reasons !== undefined) {
      sets.push('reasons = @reasons');
      values['reasons'] = JSON.stringify(fields.reasons);
    }
    this.db.prepare(`UPDATE batch_item SET ${sets.join(', ')} WHERE id = @id`).run(values);
  }

  private mustGet(id: number): StoredBatch {
    const batch = this.get(id);
    if (batch === undefined) throw new RangeError(`batch ${id} does not exist`);
    return batch;
  }
}
