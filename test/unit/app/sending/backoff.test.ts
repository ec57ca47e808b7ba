import { describe, expect, it } from 'vitest';
import { DEFAULT_BACKOFF, backoffDelay } from '../../../../src/app/sending/backoff.js';

describe('backoffDelay', () => {
  it('doubles from 30 s up to the 1 h cap without jitter', () => {
    const noJitter = { ...DEFAULT_BACKOFF, jitter: 0 };
    const delays = [1, 2, 3, 4, 5, 6, 7, 8, 20, 5000].map((n) => backoffDelay(n, noJitter));
    expect(delays).toEqual([
      30_000, 60_000, 120_000, 240_000, 480_000, 960_000, 1_920_000, 3_600_000, 3_600_000,
      3_600_000,
    ]);
  });

  it('draws the delay in [d/2, d] with the default equal jitter', () => {
    expect(backoffDelay(1, DEFAULT_BACKOFF, () => 0)).toBe(30_000);
    expect(backoffDelay(1, DEFAULT_BACKOFF, () => 1)).toBe(15_000);
    expect(backoffDelay(3, DEFAULT_BACKOFF, () => 0.5)).toBe(90_000);
    const samples = Array.from({ length: 500 }, () => backoffDelay(2, DEFAULT_BACKOFF));
    expect(Math.min(...samples)).toBeGreaterThanOrEqual(30_000);
    expect(Math.max(...samples)).toBeLessThanOrEqual(60_000);
    // Spread, not a constant: retries of documents that failed together do not line up.
    expect(new Set(samples).size).toBeGreaterThan(100);
  });

  it("honours the server's Retry-After hint, within the cap", () => {
    expect(backoffDelay(1, DEFAULT_BACKOFF, () => 0, 120_000)).toBe(120_000);
    expect(backoffDelay(1, DEFAULT_BACKOFF, () => 0, 10_000)).toBe(30_000);
    expect(backoffDelay(1, DEFAULT_BACKOFF, () => 0, 10 * 3_600_000)).toBe(3_600_000);
  });

  it('treats nonsense input safely', () => {
    expect(backoffDelay(0, DEFAULT_BACKOFF, () => 0)).toBe(30_000);
    expect(backoffDelay(2, { ...DEFAULT_BACKOFF, jitter: 7 }, () => 1)).toBe(0);
    expect(backoffDelay(2, DEFAULT_BACKOFF, () => -3)).toBe(60_000);
  });
});
