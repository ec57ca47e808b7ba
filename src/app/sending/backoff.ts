// When to try a failed send again: exponential backoff with jitter. Jitter spreads the retries of
// many documents (and of many workstations behind one practice's connection) that failed together,
// so that they do not all hit the DMP again in the same second when it comes back.

export interface BackoffPolicy {
  /** Delay after the first failure. Default 30 s. */
  readonly initialMs: number;
  /** Upper bound of any delay. Default 1 h. */
  readonly maxMs: number;
  /** Growth per failure. Default 2. */
  readonly factor: number;
  /**
   * Share of the delay drawn at random, 0 to 1 (default 0.5): the delay is uniform in
   * [(1 − jitter) × d, d] where d is the exponential delay ("equal jitter" when 0.5).
   */
  readonly jitter: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = {
  initialMs: 30_000,
  maxMs: 60 * 60_000,
  factor: 2,
  jitter: 0.5,
};

/**
 * The delay before attempt `failures + 1`, after `failures` failed attempts (1 or more).
 * `retryAfterMs` (the server's own hint) raises the delay, never above `maxMs`.
 */
export function backoffDelay(
  failures: number,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
  random: () => number = Math.random,
  retryAfterMs?: number,
): number {
  const n = Math.max(1, Math.floor(failures));
  // Capped before exponentiation grows without bound (factor^n overflows to Infinity around n=1024).
  const exponential = Math.min(
    policy.maxMs,
    policy.initialMs * policy.factor ** Math.min(n - 1, 64),
  );
  const jitter = Math.min(1, Math.max(0, policy.jitter));
  const r = Math.min(1, Math.max(0, random()));
  const delay = Math.round(exponential * (1 - jitter * r));
  const hinted = retryAfterMs === undefined ? 0 : Math.min(policy.maxMs, Math.max(0, retryAfterMs));
  return Math.max(delay, hinted);
}
