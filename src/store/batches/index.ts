// Batches of the secretary's screen (migration 0050-batches). See docs/sending.md "Batches".
export {
  BATCH_ITEM_STATES,
  BATCH_STATES,
  BatchRepository,
  type BatchItemFields,
  type BatchItemState,
  type BatchState,
  type StoredBatch,
  type StoredBatchItem,
  type StoredReason,
} from './BatchRepository.js';
