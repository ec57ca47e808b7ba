// Decides when a file is complete enough to claim: its size AND modification time must have stayed
// the same, as seen by our own scans, for the configured delay. The delay is measured from our
// first sight of the current (size, mtime), never from the file's mtime: a Windows copy keeps the
// source's mtime, so "mtime is old" says nothing about a copy still running (PRIOR-ART §3b,
// CAMEL-19378), and a file present at start-up is not trusted before the delay either (chokidar's
// initial scan ignores awaitWriteFinish, TECH-NOTES §8).

export interface FileObservation {
  readonly name: string;
  readonly size: number;
  readonly mtimeMs: number;
}

interface Tracked {
  size: number;
  mtimeMs: number;
  /** When we first saw this (size, mtime). */
  since: number;
  /** Not to be taken before this time, unless the file changes (postponed, busy). */
  holdUntil: number;
}

export class StabilityTracker {
  private readonly files = new Map<string, Tracked>();

  constructor(private readonly delayMs: number) {}

  /**
   * Records one scan of the folder at `now`: new or changed files restart their clock; names no
   * longer listed are forgotten (a file dropped again later starts afresh).
   */
  observe(listing: readonly FileObservation[], now: number): void {
    const seen = new Set<string>();
    for (const { name, size, mtimeMs } of listing) {
      seen.add(name);
      const known = this.files.get(name);
      if (known !== undefined && known.size === size && known.mtimeMs === mtimeMs) continue;
      // A change lifts any hold: the user replaced or finished the file.
      this.files.set(name, { size, mtimeMs, since: now, holdUntil: 0 });
    }
    for (const name of this.files.keys()) {
      if (!seen.has(name)) this.files.delete(name);
    }
  }

  /** How long `name` has been unchanged at `now` (-1 when unknown). */
  stableFor(name: string, now: number): number {
    const f = this.files.get(name);
    return f === undefined ? -1 : now - f.since;
  }

  /** True when `name` has been unchanged for the delay plus `extraMs`, and is not held. */
  isReady(name: string, now: number, extraMs = 0): boolean {
    const f = this.files.get(name);
    return f !== undefined && now >= f.holdUntil && now - f.since >= this.delayMs + extraMs;
  }

  /** When `name` becomes ready if it does not change (undefined when unknown). */
  readyAt(name: string, extraMs = 0): number | undefined {
    const f = this.files.get(name);
    return f === undefined ? undefined : Math.max(f.holdUntil, f.since + this.delayMs + extraMs);
  }

  /** The (size, mtime) last seen, to compare with the file once claimed. */
  observation(name: string): FileObservation | undefined {
    const f = this.files.get(name);
    return f === undefined ? undefined : { name, size: f.size, mtimeMs: f.mtimeMs };
  }

  /** Do not take `name` before `until` unless it changes. */
  hold(name: string, until: number): void {
    const f = this.files.get(name);
    if (f !== undefined) f.holdUntil = until;
  }

  /** Start `name`'s clock again from `now` (it changed under us after a claim). */
  restart(name: string, now: number): void {
    const f = this.files.get(name);
    if (f !== undefined) f.since = now;
  }

  forget(name: string): void {
    this.files.delete(name);
  }

  get size(): number {
    return this.files.size;
  }
}
