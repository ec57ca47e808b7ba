// Sending: the outbox worker and the wiring of intake → outbox → sender. See docs/sending.md.
export { DEFAULT_BACKOFF, backoffDelay, type BackoffPolicy } from './backoff.js';
export { createIntakeOutbox, placementTask, type IntakeOutboxOptions } from './intakeOutbox.js';
export { INSTANCE_ID_KEY, intakeInstanceId } from './instanceId.js';
export { loadOutgoing, type LoadResult } from './loadOutgoing.js';
export { OutboxWorker, type OutboxWorkerOptions, type StopOptions } from './OutboxWorker.js';
export {
  createSendingService,
  watchedFolders,
  type SendingService,
  type SendingServiceOptions,
} from './SendingService.js';
export type { OutboxWorkerEvent, OutboxWorkerListener } from './workerEvents.js';
