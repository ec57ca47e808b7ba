// THE contract between the service and every front end (tray, web UI, CLI). Pure: zod and domain.
export * from './mode.js';
export * from './health.js';
export * from './events.js';
export * from './operations.js';
export * from './apiErrors.js';
export * from './status.js';
export * from './outbox.js';
export * from './batches.js';
export * from './journal.js';
export * from './eventStream.js';
export * from './openApiDocument.js';
export type * from './bridge.js';
