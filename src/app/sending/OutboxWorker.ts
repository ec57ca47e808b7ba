// The outbox's job runner: takes due documents, hands them to the sender port, records the outcome,
// and retries with exponential backoff and jitter. Exactly once rests on three rules:
// 1. the row is `sending` (durably) before the sender is called;
// 2. a row that may have reached the DMP (an ambiguous failure, or `sending` found at start-up)
//    is reconciled — the DMP is asked for its uniqueId — before anything is sent again;
// 3. an outcome is recorded before anyone is told (events, file moves).
// See docs/sending.md.
import type { Logger } from '../../domain/ports/Logger.js';
import type {
  DocumentSender,
  LookupOutcome,
  OutgoingDocument,
  SendOutcome,
} from '../../domain/ports/DocumentSender.js';
import type { OutboxItem, OutboxRepository } from '../../store/outbox/index.js';
import { DEFAULT_BACKOFF, backoffDelay, type BackoffPolicy } from './backoff.js';
import { loadOutgoing, type LoadResult } from './loadOutgoing.js';
import type { OutboxWorkerOptions, StopOptions, WorkerSettings } from './outboxWorkerOptions.js';
import { settlesWithin } from './settlesWithin.js';
import { EventListeners, type OutboxWorkerEvent } from './workerEvents.js';

export type { OutboxWorkerOptions, StopOptions, WorkerSettings } from './outboxWorkerOptions.js';

type Status = 'new' | 'running' | 'stopping' | 'stopped';

const UNEXPECTED_SEND =
  "Une erreur inattendue s'est produite pendant l'envoi ; l'envoi sera vérifié auprès du DMP " +
  'puis retenté.';

export class OutboxWorker {
  private readonly outbox: OutboxRepository;
  private readonly sender: DocumentSender;
  // Settings a configuration reload may change while the worker runs (`configure`).
  private concurrency: number;
  private policy: BackoffPolicy;
  private maxAttempts: number;
  private readonly now: () => Date;
  private readonly random: () => number;
  private readonly maxSleepMs: number;
  private readonly load: (item: OutboxItem, outbox: OutboxRepository) => Promise<LoadResult>;
  private readonly holdOn: OutboxWorkerOptions['holdOn'];
  private readonly log: Logger | undefined;
  private readonly events = new EventListeners<OutboxWorkerEvent>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly abort = new AbortController();
  private status: Status = 'new';
  private paused = false;
  private timer: NodeJS.Timeout | undefined;
  private idleWaiters: (() => void)[] = [];

  constructor(opts: OutboxWorkerOptions) {
    this.outbox = opts.outbox;
    this.sender = opts.sender;
    this.concurrency = Math.max(1, Math.floor(opts.concurrency ?? 1));
    this.policy = { ...DEFAULT_BACKOFF, ...opts.backoff };
    this.maxAttempts = Math.max(1, opts.maxAttempts ?? 20);
    this.now = opts.now ?? (() => new Date());
    this.random = opts.random ?? Math.random;
    this.maxSleepMs = opts.maxSleepMs ?? 60_000;
    this.load = opts.load ?? loadOutgoing;
    this.holdOn = opts.holdOn;
    this.log = opts.log;
  }

  onEvent(listener: (event: OutboxWorkerEvent) => void): () => void {
    return this.events.add(listener);
  }

  /**
   * Applies new settings (a configuration reload): the next attempt uses them. A lower
   * concurrency lets in-flight sends finish; a higher one starts more at once.
   */
  configure(settings: WorkerSettings): void {
    if (settings.concurrency !== undefined) {
      this.concurrency = Math.max(1, Math.floor(settings.concurrency));
    }
    if (settings.maxAttempts !== undefined) this.maxAttempts = Math.max(1, settings.maxAttempts);
    if (settings.backoff !== undefined) this.policy = { ...this.policy, ...settings.backoff };
    this.pump();
  }

  /** The settings in force (tests, diagnostics). */
  get settings(): Required<WorkerSettings> {
    return { concurrency: this.concurrency, maxAttempts: this.maxAttempts, backoff: this.policy };
  }

  /** Whether `pause()` is in force. */
  get isPaused(): boolean {
    return this.paused;
  }

  /** Documents being sent right now. */
  get activeCount(): number {
    return this.inFlight.size;
  }

  /**
   * Puts rows a previous run left in `sending` up for reconciliation, then starts sending.
   * Returns how many rows were recovered.
   */
  start(): number {
    if (this.status !== 'new') throw new Error('OutboxWorker.start() called twice');
    this.status = 'running';
    const count = this.outbox.recoverInterrupted();
    if (count > 0) {
      this.log?.warn('interrupted sends will be reconciled', { count });
      this.events.emit({ type: 'recovered', count });
    }
    this.pump();
    return count;
  }

  /** Looks at the outbox now (new documents were queued). */
  wake(): void {
    this.pump();
  }

  /** Stops taking new documents (card absent, PIN needed…); the ones in flight finish. */
  pause(): void {
    this.paused = true;
    this.clearTimer();
  }

  resume(): void {
    this.paused = false;
    this.pump();
  }

  /** Resolves when nothing is in flight and nothing is due now (tests, benchmarks, batch end). */
  whenIdle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /**
   * Stops: no new attempt starts; in-flight sends may finish for `drainMs`, then are aborted.
   * A send that still does not return is left `sending`: the next start reconciles it.
   */
  async stop(opts: StopOptions = {}): Promise<void> {
    if (this.status === 'stopped' || this.status === 'stopping') return;
    this.status = 'stopping';
    this.clearTimer();
    const all = (): Promise<unknown> => Promise.allSettled([...this.inFlight]);
    if (!(await settlesWithin(all(), opts.drainMs ?? 10_000))) {
      this.abort.abort();
      await settlesWithin(all(), opts.abortGraceMs ?? 2000);
    }
    this.status = 'stopped';
    this.releaseIdleWaiters();
  }

  private pump(): void {
    if (this.status !== 'running' || this.paused) return;
    this.clearTimer();
    while (this.inFlight.size < this.concurrency) {
      let item: OutboxItem | undefined;
      try {
        item = this.outbox.takeNextDue();
      } catch (error) {
        this.fail(error);
        this.sleep(1000);
        return;
      }
      if (item === undefined) break;
      const taken = item;
      const run: Promise<void> = this.attempt(taken)
        .catch((error: unknown) => this.afterUnexpected(taken, error))
        .finally(() => {
          this.inFlight.delete(run);
          this.pump();
          if (this.status !== 'running') this.releaseIdleWaiters();
        });
      this.inFlight.add(run);
    }
    // With every slot busy, the end of a send calls pump() again: no timer needed.
    if (this.inFlight.size < this.concurrency) {
      const due = this.outbox.nextDueAt();
      // At least a few ms: a row due "now" that takeNextDue did not see must not spin the loop.
      this.sleep(
        due === undefined ? this.maxSleepMs : Math.max(5, due.getTime() - this.now().getTime()),
      );
    }
    if (this.isIdle()) {
      this.events.emit({ type: 'idle' });
      this.releaseIdleWaiters();
    }
  }

  private isIdle(): boolean {
    if (this.inFlight.size > 0) return false;
    if (this.status !== 'running' || this.paused) return true;
    const due = this.outbox.nextDueAt();
    return due === undefined || due.getTime() > this.now().getTime();
  }

  private releaseIdleWaiters(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  private sleep(ms: number): void {
    this.clearTimer();
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.pump();
      },
      Math.min(this.maxSleepMs, Math.max(0, ms)),
    );
    // The worker alone must not keep a process alive (the service and tests own its lifetime).
    this.timer.unref();
  }

  private clearTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /**
   * An attempt threw (a file or database error, not a send outcome): the row must not stay
   * `sending` until the next start, so it waits for a retry, reconciled first in case the send
   * had left. If the row already moved on (or the database is unusable), there is nothing to do.
   */
  private afterUnexpected(item: OutboxItem, error: unknown): void {
    this.fail(error);
    try {
      const delay = backoffDelay(item.attempts, this.policy, this.random);
      this.outbox.scheduleRetry(item.id, {
        nextAt: new Date(this.now().getTime() + delay),
        reason: UNEXPECTED_SEND,
        code: 'OUTBOX_UNEXPECTED_ERROR',
        needsReconcile: true,
      });
    } catch {
      // Already recorded elsewhere, or the database is down: recovered at the next start.
    }
  }

  private fail(error: unknown): void {
    this.log?.error('outbox worker error', { error });
    this.events.emit({ type: 'error', error });
  }

  /** One attempt on a row already moved to `sending`. */
  private async attempt(item: OutboxItem): Promise<void> {
    const ref = { itemId: item.id, batchId: item.batchId };
    this.events.emit({
      type: 'sending',
      ...ref,
      uniqueId: item.uniqueId ?? '',
      attempt: item.attempts,
      reconcile: item.needsReconcile,
    });
    const loaded = await this.load(item, this.outbox);
    if (!loaded.ok) {
      this.outbox.markRefused(item.id, {
        reason: loaded.reason,
        code: loaded.code,
        fix: loaded.fix,
      });
      this.events.emit({ type: 'refused', ...ref, code: loaded.code, reason: loaded.reason });
      return;
    }
    const document = loaded.document;
    if (item.needsReconcile) {
      const found = await this.lookup(document);
      if (found.kind === 'found') {
        const sent = this.outbox.markSent(item.id, found.receipt, { reconciled: true });
        this.log?.info('document found in the DMP, not resent', { itemId: item.id });
        this.emitSent(sent, true);
        return;
      }
      if (found.kind === 'failed') {
        // Still unknown whether the DMP has it: keep the reconciliation for the next attempt.
        this.retryOrFail(item, { ...found, mayHaveReachedServer: true });
        return;
      }
    }
    const outcome = await this.send(document);
    switch (outcome.kind) {
      case 'accepted': {
        this.emitSent(this.outbox.markSent(item.id, outcome.receipt), false);
        return;
      }
      case 'refused': {
        const code = outcome.code ?? 'DMP_REFUSED';
        this.outbox.markRefused(item.id, {
          reason: outcome.reason,
          code,
          ...(outcome.fix === undefined ? {} : { fix: outcome.fix }),
        });
        this.events.emit({ type: 'refused', ...ref, code, reason: outcome.reason });
        return;
      }
      case 'failed':
        this.retryOrFail(item, outcome);
    }
  }

  private emitSent(item: OutboxItem, reconciled: boolean): void {
    this.events.emit({
      type: 'sent',
      itemId: item.id,
      batchId: item.batchId,
      uniqueId: item.uniqueId ?? '',
      reconciled,
      receipt: item.receipt,
    });
  }

  private retryOrFail(
    item: OutboxItem,
    failure: {
      readonly reason: string;
      readonly code?: string;
      readonly mayHaveReachedServer: boolean;
      readonly retryAfterMs?: number;
    },
  ): void {
    const ref = { itemId: item.id, batchId: item.batchId };
    const code = failure.code === undefined ? {} : { code: failure.code };
    if (item.attempts >= this.maxAttempts) {
      const reason =
        `Le DMP n'a pas pu être joint après ${item.attempts} tentatives. ` +
        `Dernière erreur : ${failure.reason}`;
      this.outbox.markFailed(item.id, { reason, ...code });
      this.events.emit({ type: 'failed', ...ref, reason });
      return;
    }
    if (this.holdOn?.(failure) === true) {
      // Due now: it goes first when the card is back (resume), without waiting for a backoff.
      this.outbox.scheduleRetry(item.id, {
        nextAt: this.now(),
        reason: failure.reason,
        needsReconcile: failure.mayHaveReachedServer,
        ...code,
      });
      this.pause();
      this.log?.info('send held until the card is ready', { itemId: item.id, ...code });
      this.events.emit({ type: 'held', ...ref, code: failure.code ?? '', reason: failure.reason });
      return;
    }
    const delay = backoffDelay(item.attempts, this.policy, this.random, failure.retryAfterMs);
    const nextAt = new Date(this.now().getTime() + delay);
    this.outbox.scheduleRetry(item.id, {
      nextAt,
      reason: failure.reason,
      needsReconcile: failure.mayHaveReachedServer,
      ...code,
    });
    this.log?.info('send will be retried', { itemId: item.id, attempt: item.attempts, delay });
    this.events.emit({
      type: 'retry',
      ...ref,
      attempt: item.attempts,
      nextAt,
      reason: failure.reason,
    });
  }

  private async send(document: OutgoingDocument): Promise<SendOutcome> {
    try {
      return await this.sender.send(document, this.abort.signal);
    } catch (error) {
      this.log?.error('sender threw', { itemId: document.itemId, error });
      return { kind: 'failed', reason: UNEXPECTED_SEND, mayHaveReachedServer: true };
    }
  }

  private async lookup(document: OutgoingDocument): Promise<LookupOutcome> {
    try {
      return await this.sender.findByUniqueId(document.uniqueId, document, this.abort.signal);
    } catch (error) {
      this.log?.error('sender lookup threw', { itemId: document.itemId, error });
      return { kind: 'failed', reason: UNEXPECTED_SEND };
    }
  }
}
