import { describe, expect, it } from 'vitest';
import { StabilityTracker } from '../../../src/intake/StabilityTracker.js';

const file = (name: string, size: number, mtimeMs = 1000) => ({ name, size, mtimeMs });

describe('StabilityTracker', () => {
  it('is ready only after size and mtime stayed unchanged for the delay, from first sight', () => {
    const t = new StabilityTracker(500);
    // An old mtime does not help: a Windows copy keeps its source's mtime.
    t.observe([file('a.xml', 10, 1)], 10_000);
    expect(t.isReady('a.xml', 10_000)).toBe(false);
    expect(t.readyAt('a.xml')).toBe(10_500);
    t.observe([file('a.xml', 10, 1)], 10_499);
    expect(t.isReady('a.xml', 10_499)).toBe(false);
    expect(t.isReady('a.xml', 10_500)).toBe(true);
    expect(t.stableFor('a.xml', 10_700)).toBe(700);
  });

  it('restarts the clock when the size or the mtime changes', () => {
    const t = new StabilityTracker(500);
    t.observe([file('a.xml', 10)], 0);
    t.observe([file('a.xml', 20)], 400);
    expect(t.isReady('a.xml', 800)).toBe(false);
    t.observe([file('a.xml', 20, 2000)], 800); // same size, new mtime (Samba pre-allocates)
    expect(t.isReady('a.xml', 1200)).toBe(false);
    expect(t.isReady('a.xml', 1300)).toBe(true);
  });

  it('adds extra wait on request, honours holds until the file changes, and forgets vanished names', () => {
    const t = new StabilityTracker(100);
    t.observe([file('a.pdf', 1), file('b.xml', 1)], 0);
    expect(t.isReady('a.pdf', 150, 1000)).toBe(false);
    expect(t.readyAt('a.pdf', 1000)).toBe(1100);
    t.hold('b.xml', 5000);
    expect(t.isReady('b.xml', 4999)).toBe(false);
    expect(t.readyAt('b.xml')).toBe(5000);
    t.observe([file('b.xml', 2)], 200); // changed: the hold is lifted
    expect(t.isReady('b.xml', 300)).toBe(true);
    expect(t.stableFor('a.pdf', 300)).toBe(-1);
    expect(t.size).toBe(1);
    t.restart('b.xml', 1000);
    expect(t.isReady('b.xml', 1050)).toBe(false);
    expect(t.observation('b.xml')).toEqual({ name: 'b.xml', size: 2, mtimeMs: 1000 });
  });
});
