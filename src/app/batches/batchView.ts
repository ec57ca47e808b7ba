// From what is stored (the batch's items, their outbox rows) to what the contract shows
// (src/api/batches.ts). The outbox row is the truth of a sent item: its state is read from it.
import type { Batch, BatchCounts, BatchItem, BatchItemStatus } from '../../api/batches.js';
import { BATCH_ITEM_STATUSES } from '../../api/batches.js';
import type { StoredBatch, StoredBatchItem } from '../../store/batches/index.js';
import type { BatchItemFields, StoredReason } from '../../store/batches/index.js';
import type { OutboxItem, OutboxRepository } from '../../store/outbox/index.js';

/** Statuses an item never leaves by itself. */
export const SETTLED: readonly BatchItemStatus[] = ['blocked', 'sent', 'refused', 'failed'];

/** The item's fields as its outbox row says them (undefined: the row is gone, keep the item). */
export function fieldsFromOutbox(
  outbox: OutboxRepository,
  outboxItemId: number,
): BatchItemFields | undefined {
  let row: OutboxItem | undefined = outbox.get(outboxItemId);
  // A duplicate is the same document as a live row: it shares that row's fate.
  if (row?.state === 'duplicate' && row.duplicateOf !== null) row = outbox.get(row.duplicateOf);
  if (row === undefined) return undefined;
  const status: BatchItemStatus =
    row.state === 'retry-wait' ? 'waiting' : row.state === 'duplicate' ? 'sent' : row.state;
  const reasons: StoredReason[] =
    status === 'sent'
      ? []
      : (row.problems ?? []).length > 0
        ? (row.problems ?? []).map((p) => ({
            code: p.code,
            message: p.message,
            ...(p.fix === undefined ? {} : { fix: p.fix }),
          }))
        : row.lastError === null
          ? []
          : [{ code: row.errorCode ?? 'SEND_FAILED', message: row.lastError }];
  return {
    status,
    reasons,
    entryUuid: row.receipt?.entryUuid ?? null,
    ...(row.receipt?.dmpStatus === undefined ? {} : { dmpStatus: row.receipt.dmpStatus }),
  };
}

export function countsOf(items: readonly { readonly status: BatchItemStatus }[]): BatchCounts {
  const counts = Object.fromEntries(BATCH_ITEM_STATUSES.map((s) => [s, 0])) as Record<
    BatchItemStatus,
    number
  >;
  for (const item of items) counts[item.status] += 1;
  return { total: items.length, ...counts };
}

export function itemView(item: StoredBatchItem): BatchItem {
  return {
    id: item.id,
    position: item.position,
    fileName: item.filePath.split(/[\\/]/).pop() ?? item.filePath,
    status: item.status,
    uniqueId: item.uniqueId,
    title: item.title,
    dmpStatus: item.dmpStatus,
    visibility: item.visibility,
    reasons: item.reasons.map((r) => ({ ...r })),
    entryUuid: item.entryUuid,
    outboxItemId: item.outboxItemId,
    updatedAt: item.updatedAt.toISOString(),
  };
}

export function batchView(batch: StoredBatch, items: readonly StoredBatchItem[]): Batch {
  const views = items.map(itemView);
  return {
    id: batch.id,
    label: batch.label,
    createdAt: batch.createdAt.toISOString(),
    state: batch.state,
    counts: countsOf(views),
    items: views,
  };
}
