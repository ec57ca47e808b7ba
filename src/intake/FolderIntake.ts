// The intake of export folders: finds complete files, claims them, has them checked and recorded
// in the outbox, and moves finished documents to sent/ or error/. chokidar events are hints that
// bring the next scan forward; the scans decide (at start, after every hint, when a file should
// have become stable, and every `rescanIntervalMs` in any case). All work on the folders runs one
// step at a time, so a scan never races a placement or another scan. See docs/sending.md.
import { watch, type FSWatcher } from 'chokidar';
import path from 'node:path';
import type { DocumentChecker } from '../domain/ports/DocumentChecker.js';
import type { Logger } from '../domain/ports/Logger.js';
import { claimSidecar, claimUnit, listClaimDirs, readClaimDir, releaseClaim } from './claim.js';
import {
  baseNameOf,
  isIgnoredName,
  isPdfName,
  isSidecarName,
  planUnits,
  type ClaimUnit,
} from './fileNames.js';
import { folderLayout, prepareLayout, type FolderLayout } from './folderLayout.js';
import { listFolder } from './folderScan.js';
import type { IntakeOutbox } from './IntakeOutbox.js';
import { Listeners, type IntakeEvent } from './intakeEvents.js';
import { shouldPoll, type PollingMode } from './networkFolder.js';
import { placeFinished } from './placement.js';
import { processClaim, type ProcessOutcome } from './processClaim.js';
import { StabilityTracker, type FileObservation } from './StabilityTracker.js';

export interface WatchedFolder {
  readonly folder: string;
  /** Absolute, or relative to the folder. Default `sent`. */
  readonly sentFolder?: string;
  /** Absolute, or relative to the folder. Default `error`. */
  readonly errorFolder?: string;
}

export interface FolderIntakeOptions {
  readonly folders: readonly WatchedFolder[];
  /** This installation's id (letters, digits, - and _): names its claim folder. */
  readonly instanceId: string;
  readonly checker: DocumentChecker;
  readonly outbox: IntakeOutbox;
  /** Size and mtime must stay unchanged this long (config `watch.stableDelayMs`). Default 2000. */
  readonly stableDelayMs?: number;
  /** Full rescan period (config `watch.rescanIntervalSec` × 1000). Default 30 000. */
  readonly rescanIntervalMs?: number;
  /** Config `watch.polling`. Default 'auto'. */
  readonly polling?: PollingMode;
  /** chokidar's polling interval when polling. Default 2000 (network shares). */
  readonly pollIntervalMs?: number;
  /** Extra wait for the sidecar of a PDF that arrived without one. Default 5000. */
  readonly sidecarGraceMs?: number;
  /** Larger files are refused without being read (config `documents.maxSizeMb`). Default 100 MB. */
  readonly maxBytes?: number;
  /** How long a postponed document waits before it is checked again. Default: the rescan period. */
  readonly postponeMs?: number;
  /** Whether to use chokidar at all (rescans alone still find everything). Default true. */
  readonly watch?: boolean;
  /** Overrides the network-share detection of 'auto' (tests). */
  readonly isNetworkFolder?: (folder: string) => Promise<boolean>;
  readonly log?: Logger;
}

interface FolderState {
  readonly layout: FolderLayout;
  readonly tracker: StabilityTracker;
  ready: boolean;
  polling: boolean;
  watcher?: FSWatcher;
}

const HINT_DELAY_MS = 25;
const MB = 1024 * 1024;

export class FolderIntake {
  private readonly folders: FolderState[];
  private readonly events = new Listeners<IntakeEvent>();
  private readonly stableDelayMs: number;
  private readonly rescanIntervalMs: number;
  private readonly sidecarGraceMs: number;
  private readonly postponeMs: number;
  private readonly recoveryHolds = new Map<string, number>();
  private queue: Promise<unknown> = Promise.resolve();
  private pendingScan: Promise<void> | undefined;
  private pendingSettle: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private timerAt = Number.POSITIVE_INFINITY;
  private state: 'new' | 'running' | 'stopped' = 'new';

  constructor(private readonly opts: FolderIntakeOptions) {
    this.stableDelayMs = opts.stableDelayMs ?? 2000;
    this.rescanIntervalMs = opts.rescanIntervalMs ?? 30_000;
    this.sidecarGraceMs = opts.sidecarGraceMs ?? 5000;
    this.postponeMs = opts.postponeMs ?? this.rescanIntervalMs;
    this.folders = opts.folders.map((f) => ({
      layout: folderLayout(f.folder, opts.instanceId, {
        ...(f.sentFolder === undefined ? {} : { sentFolder: f.sentFolder }),
        ...(f.errorFolder === undefined ? {} : { errorFolder: f.errorFolder }),
      }),
      tracker: new StabilityTracker(this.stableDelayMs),
      ready: false,
      polling: false,
    }));
  }

  /** Subscribes to progress; returns the unsubscribe function. */
  onEvent(listener: (event: IntakeEvent) => void): () => void {
    return this.events.add(listener);
  }

  get layouts(): readonly FolderLayout[] {
    return this.folders.map((f) => f.layout);
  }

  /** Whether chokidar polls `folder` (decided at start from `polling` and the detection). */
  isPolling(folder: string): boolean {
    return this.folders.find((f) => f.layout.folder === path.resolve(folder))?.polling ?? false;
  }

  /**
   * Prepares every folder (a folder that is unavailable now is retried at each rescan), recovers
   * the claims a previous run left, places finished documents, starts watching and scans.
   */
  async start(): Promise<void> {
    if (this.state !== 'new') throw new Error('FolderIntake.start() called twice');
    this.state = 'running';
    await this.scanNow();
  }

  /** Runs a scan of every folder now (or joins the one already waiting to run). */
  scanNow(): Promise<void> {
    this.pendingScan ??= this.exclusive(async () => {
      this.pendingScan = undefined;
      await this.scanAll();
    });
    return this.pendingScan;
  }

  /** Moves finished documents to sent/ or error/ now (the worker calls this after an outcome). */
  settle(): Promise<void> {
    this.pendingSettle ??= this.exclusive(async () => {
      this.pendingSettle = undefined;
      await this.placeAll();
    });
    return this.pendingSettle;
  }

  /**
   * Stops watching and waits up to `waitMs` (default 10 s) for the step in progress (a check, a
   * move); idempotent. A step still running after that is abandoned: whatever it leaves in a
   * claim folder is picked up by the next start.
   */
  async stop(waitMs = 10_000): Promise<void> {
    this.state = 'stopped';
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    await Promise.all(this.folders.map((f) => f.watcher?.close()));
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.queue.catch(() => undefined),
      new Promise((resolve) => (timer = setTimeout(resolve, waitMs))),
    ]);
    clearTimeout(timer);
  }

  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const result = this.queue.then(task);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async scanAll(): Promise<void> {
    if (this.state !== 'running') return;
    let next = Date.now() + this.rescanIntervalMs;
    for (const f of this.folders) {
      try {
        if (!f.ready) await this.prepare(f);
        await this.recover(f);
        const due = await this.scanFolder(f);
        if (due !== undefined) next = Math.min(next, due);
      } catch (error) {
        this.opts.log?.warn('folder scan failed', { folder: f.layout.folder, error });
        this.events.emit({ type: 'folder-error', folder: f.layout.folder, error });
      }
      if (this.state !== 'running') return;
    }
    await this.placeAll();
    this.wakeAt(next);
  }

  private async prepare(f: FolderState): Promise<void> {
    await prepareLayout(f.layout);
    const mode = this.opts.polling ?? 'auto';
    f.polling =
      mode === 'auto' && this.opts.isNetworkFolder !== undefined
        ? await this.opts.isNetworkFolder(f.layout.folder)
        : await shouldPoll(f.layout.folder, mode);
    if (this.opts.watch ?? true) f.watcher = await this.startWatcher(f);
    f.ready = true;
    this.opts.log?.info('watching export folder', { folder: f.layout.folder, polling: f.polling });
  }

  private async startWatcher(f: FolderState): Promise<FSWatcher> {
    const interval = this.opts.pollIntervalMs ?? 2000;
    const watcher = watch(f.layout.folder, {
      depth: 0,
      ignoreInitial: true,
      usePolling: f.polling,
      interval,
      binaryInterval: interval,
      // Never descend into sent/, error/ or our processing folder: their events mean nothing here.
      ignored: (p: string) => p !== f.layout.folder && isIgnoredName(path.basename(p)),
    });
    const hint = (): void => this.wakeAt(Date.now() + HINT_DELAY_MS);
    watcher.on('add', hint).on('change', hint);
    watcher.on('error', (error) => {
      this.opts.log?.warn('watcher error (rescans continue)', { folder: f.layout.folder, error });
    });
    await new Promise<void>((resolve) => watcher.once('ready', resolve));
    return watcher;
  }

  /** Claim folders of ours with no outbox row: a stop or crash between claim and record. */
  private async recover(f: FolderState): Promise<void> {
    for (const claimId of await listClaimDirs(f.layout)) {
      if (this.state !== 'running') return;
      if (this.opts.outbox.findClaim(claimId) !== undefined) continue;
      if ((this.recoveryHolds.get(claimId) ?? 0) > Date.now()) continue;
      let claim = await readClaimDir(f.layout, claimId);
      if (claim === undefined) continue;
      if (claim.sidecar === undefined && isPdfName(claim.document)) {
        // Stopped between the PDF's rename and its sidecar's: fetch the sidecar now.
        const sidecar = (await listFolder(f.layout.folder))
          .map((o) => o.name)
          .find((n) => isSidecarName(n) && baseNameOf(n) === baseNameOf(claim!.document));
        if (sidecar !== undefined) {
          const r = await claimSidecar(f.layout.folder, claim.claimDir, sidecar);
          if (r === 'claimed') claim = { ...claim, sidecar };
        }
      }
      this.opts.log?.info('recovering claimed document', { folder: f.layout.folder, claimId });
      const outcome = await processClaim(claim, this.processDeps(f));
      if (outcome.kind !== 'recorded' && !outcome.released) {
        this.recoveryHolds.set(claimId, Date.now() + this.postponeMs);
      }
      this.report(f, claim.document, outcome);
    }
  }

  /** One look at a folder; returns when the next unit should become ready, if any waits. */
  private async scanFolder(f: FolderState): Promise<number | undefined> {
    const listing = await listFolder(f.layout.folder);
    const now = Date.now();
    f.tracker.observe(listing, now);
    const seen = new Map(listing.map((o) => [o.name, o]));
    const units = planUnits(listing.map((o) => o.name)).sort(
      (a, b) =>
        (seen.get(a.document)?.mtimeMs ?? 0) - (seen.get(b.document)?.mtimeMs ?? 0) ||
        a.document.localeCompare(b.document),
    );
    let next: number | undefined;
    const later = (at: number | undefined): void => {
      if (at !== undefined) next = next === undefined ? at : Math.min(next, at);
    };
    for (const unit of units) {
      if (this.state !== 'running') break;
      const extra =
        unit.sidecar === undefined && isPdfName(unit.document) ? this.sidecarGraceMs : 0;
      const readyNow =
        f.tracker.isReady(unit.document, now, extra) &&
        (unit.sidecar === undefined || f.tracker.isReady(unit.sidecar, now));
      if (!readyNow) {
        later(f.tracker.readyAt(unit.document, extra));
        if (unit.sidecar !== undefined) later(f.tracker.readyAt(unit.sidecar));
        continue;
      }
      later(await this.take(f, unit, seen));
    }
    return next;
  }

  /** Claims and processes one ready unit; returns when to look at it again, if ever. */
  private async take(
    f: FolderState,
    unit: ClaimUnit,
    seen: ReadonlyMap<string, FileObservation>,
  ): Promise<number | undefined> {
    const { tracker, layout } = f;
    const attempt = await claimUnit(layout, unit);
    if (attempt.kind === 'gone') {
      tracker.forget(unit.document);
      this.events.emit({ type: 'lost', folder: layout.folder, fileName: unit.document });
      return undefined;
    }
    if (attempt.kind === 'busy') {
      const until = Date.now() + this.stableDelayMs;
      tracker.hold(unit.document, until);
      this.events.emit({ type: 'busy', folder: layout.folder, fileName: unit.document });
      return until;
    }
    const { claim } = attempt;
    this.events.emit({
      type: 'claimed',
      folder: layout.folder,
      fileName: claim.document,
      claimId: claim.claimId,
    });
    const document = seen.get(unit.document);
    const sidecar = unit.sidecar === undefined ? undefined : seen.get(unit.sidecar);
    let outcome: ProcessOutcome;
    try {
      outcome = await processClaim(
        claim,
        this.processDeps(f),
        document === undefined ? undefined : { document, ...(sidecar ? { sidecar } : {}) },
      );
    } catch (error) {
      // Unreadable right now: give it back if we can; else the recovery takes it up again.
      this.opts.log?.warn('claimed document could not be processed', {
        file: claim.document,
        error,
      });
      await releaseClaim(layout, claim).catch(() => false);
      tracker.hold(unit.document, Date.now() + this.postponeMs);
      return Date.now() + this.postponeMs;
    }
    this.report(f, claim.document, outcome);
    if (outcome.kind === 'recorded') {
      tracker.forget(unit.document);
      if (unit.sidecar !== undefined) tracker.forget(unit.sidecar);
      return undefined;
    }
    const now = Date.now();
    if (outcome.kind === 'changed') {
      tracker.restart(unit.document, now);
      return tracker.readyAt(unit.document);
    }
    tracker.hold(unit.document, now + this.postponeMs);
    return now + this.postponeMs;
  }

  private report(f: FolderState, fileName: string, outcome: ProcessOutcome): void {
    const folder = f.layout.folder;
    if (outcome.kind === 'recorded') {
      const { status, itemId } = outcome;
      this.opts.log?.info('document recorded', { folder, fileName, status, itemId });
      this.events.emit({ type: 'recorded', folder, fileName, status, itemId });
    } else if (outcome.kind === 'postponed') {
      this.events.emit({ type: 'postponed', folder, fileName, reason: outcome.reason });
    } else {
      this.events.emit({ type: 'changed', folder, fileName });
    }
  }

  private processDeps(f: FolderState): Parameters<typeof processClaim>[1] {
    return {
      layout: f.layout,
      checker: this.opts.checker,
      outbox: this.opts.outbox,
      maxBytes: this.opts.maxBytes ?? 100 * MB,
      ...(this.opts.log === undefined ? {} : { log: this.opts.log }),
    };
  }

  private async placeAll(): Promise<void> {
    await placeFinished(this.opts.outbox, this.opts.log, (placed) =>
      this.events.emit({ type: 'placed', ...placed }),
    );
  }

  private wakeAt(at: number): void {
    if (this.state !== 'running' || at >= this.timerAt) return;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.timerAt = Number.POSITIVE_INFINITY;
        this.scanNow().catch((error: unknown) => {
          this.opts.log?.error('scan failed', { error });
        });
      },
      Math.max(0, at - Date.now()),
    );
  }
}
