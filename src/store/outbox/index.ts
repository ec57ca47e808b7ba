// The durable outbox of the store layer (migration 0030). See docs/sending.md.
export { OutboxError, type OutboxErrorCode } from './outboxErrors.js';
export { OutboxRepository, type OutboxRepositoryOptions } from './OutboxRepository.js';
export type { ListQuery } from './outboxStatements.js';
export {
  DUE_STATES,
  FINAL_STATES,
  LIVE_STATES,
  OUTBOX_STATES,
  TRANSITIONS,
  canTransition,
  isFinal,
  isOutboxState,
  type OutboxState,
} from './outboxStates.js';
export type {
  Batch,
  EnqueueInput,
  EnqueueResult,
  EnqueueStatus,
  FailureInput,
  OutboxClaim,
  OutboxItem,
  PendingPlacement,
  RefusalInput,
  RejectedInput,
  RetryInput,
  StateCounts,
} from './outboxTypes.js';
