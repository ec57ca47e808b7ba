// THE contract between the service and every front end (tray, web UI, CLI). Pure: zod and domain.
export * from './mode.js';
export * from './health.js';
export * from './events.js';
export * from './operations.js';
export type * from './bridge.js';
