// The states of an outbox row and the moves between them. The table's CHECK lists the same
// states; every transition the repository makes is checked against TRANSITIONS first, and its SQL
// also names the expected previous state, so a row changed behind our back is noticed, not
// overwritten.

export const OUTBOX_STATES = [
  'queued',
  'sending',
  'retry-wait',
  'sent',
  'refused',
  'failed',
  'duplicate',
] as const;

/**
 * - `queued`: checked, waiting for its first attempt.
 * - `sending`: an attempt (or a reconciliation) is in progress. Found at start-up, it means
 *   Navette stopped mid-attempt: the row goes to `retry-wait` with `needsReconcile`.
 * - `retry-wait`: the last attempt failed in a way that may pass; `nextAt` says when to retry.
 * - `sent`: the DMP acknowledged the document (or holds it, found by reconciliation). Final.
 * - `refused`: the checks or the DMP refused it; it will not go as it is. Final.
 * - `failed`: the retry budget ran out. Final, but a user may queue it again.
 * - `duplicate`: the same document as a live row (`duplicateOf`), not sent again. Final.
 */
export type OutboxState = (typeof OUTBOX_STATES)[number];

/** States whose row holds its uniqueId against any other row (see the partial UNIQUE index). */
export const LIVE_STATES: readonly OutboxState[] = ['queued', 'sending', 'retry-wait', 'sent'];

/** States a row never leaves by itself. */
export const FINAL_STATES: readonly OutboxState[] = ['sent', 'refused', 'failed', 'duplicate'];

/** States the worker picks rows from when they are due. */
export const DUE_STATES: readonly OutboxState[] = ['queued', 'retry-wait'];

export const TRANSITIONS: Readonly<Record<OutboxState, readonly OutboxState[]>> = {
  queued: ['sending'],
  sending: ['sent', 'refused', 'retry-wait', 'failed'],
  'retry-wait': ['sending'],
  sent: [],
  refused: [],
  // A user may give a document that ran out of attempts another chance.
  failed: ['queued'],
  duplicate: [],
};

export function canTransition(from: OutboxState, to: OutboxState): boolean {
  return TRANSITIONS[from].includes(to);
}

export function isFinal(state: OutboxState): boolean {
  return FINAL_STATES.includes(state);
}

export function isOutboxState(value: unknown): value is OutboxState {
  return typeof value === 'string' && (OUTBOX_STATES as readonly string[]).includes(value);
}
