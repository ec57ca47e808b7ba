// The worker's settings as the configuration gives them (`sending.*`, docs/configuration.md), and
// which send failures mean "the card is not ready" rather than "the DMP could not be reached".
import type { NavetteConfig } from '../config/index.js';
import type { WorkerSettings } from './OutboxWorker.js';

/** `sending.*` → the worker's options (the backoff's base is the policy's `initialMs`). */
export function workerSettingsOf(config: NavetteConfig): Required<WorkerSettings> {
  const { concurrency, maxAttempts, backoff } = config.sending;
  return {
    concurrency,
    maxAttempts,
    backoff: {
      initialMs: backoff.baseMs,
      // A base above the cap would make every delay the cap: keep the cap the larger.
      maxMs: Math.max(backoff.maxMs, backoff.baseMs),
      factor: backoff.factor,
      jitter: backoff.jitter,
    },
  };
}

/**
 * Card failures that a card inserted again or a PIN typed again cure. Certificate, key and module
 * failures are not here: they need someone's action, and keep the ordinary retry budget.
 */
export const CARD_HOLD_CODES: readonly string[] = [
  'CARD_ABSENT',
  'CARD_NO_READER',
  'CARD_NOT_FOUND',
  'CARD_REMOVED',
  'CARD_CHANGED',
  'CARD_PIN_REQUIRED',
  'CARD_WORKER_CRASHED',
  'CARD_WORKER_TIMEOUT',
];

export function isCardHold(failure: { readonly code?: string }): boolean {
  return failure.code !== undefined && CARD_HOLD_CODES.includes(failure.code);
}
