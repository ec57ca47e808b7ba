// When the card worker dies or hangs, it is restarted after a delay that doubles with each
// failure in a row (a middleware that crashes at load must not make Navette spin), and resets
// once a restarted worker has worked for a while.

export interface BackoffPolicy {
  readonly initialMs: number;
  readonly factor: number;
  readonly maxMs: number;
  /** A worker that has answered a request after living this long resets the count. */
  readonly resetAfterMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = {
  initialMs: 250,
  factor: 2,
  maxMs: 30_000,
  resetAfterMs: 30_000,
};

/** Delay before the restart that follows the `failures`-th failure in a row (1-based). */
export function restartDelayMs(policy: BackoffPolicy, failures: number): number {
  if (failures <= 0) return 0;
  return Math.min(policy.maxMs, policy.initialMs * policy.factor ** (failures - 1));
}
