// The outbox worker's options (OutboxWorker.ts), apart so that the worker's file stays about
// the worker.
import type { DocumentSender } from '../../domain/ports/DocumentSender.js';
import type { Logger } from '../../domain/ports/Logger.js';
import type { OutboxItem, OutboxRepository } from '../../store/outbox/index.js';
import type { BackoffPolicy } from './backoff.js';
import type { LoadResult } from './loadOutgoing.js';

/** What the configuration (`sending.*`) sets; a reload may change it while the worker runs. */
export interface WorkerSettings {
  /** Documents in flight at once. Default 1. */
  readonly concurrency?: number;
  readonly backoff?: Partial<BackoffPolicy>;
  /** Attempts before a document is `failed`. Default 20 (about 17 hours with the default backoff). */
  readonly maxAttempts?: number;
}

export interface OutboxWorkerOptions extends WorkerSettings {
  readonly outbox: OutboxRepository;
  readonly sender: DocumentSender;
  /** The clock of retry times; give the repository the same one. */
  readonly now?: () => Date;
  /** Source of jitter (tests pass a constant). */
  readonly random?: () => number;
  /** Longest sleep between two looks at the outbox, in case a wake-up was missed. Default 60 s. */
  readonly maxSleepMs?: number;
  /** Builds the sender's input (default: loadOutgoing). */
  readonly load?: (item: OutboxItem, outbox: OutboxRepository) => Promise<LoadResult>;
  /**
   * Failures that say "not now, not the DMP's fault" (card absent, PIN needed): the row waits,
   * due at once, and the worker pauses until `resume()` (cardGate.ts) instead of spending its
   * backoff. Default: none (without someone to resume it, the worker must keep its backoff).
   */
  readonly holdOn?: (failure: { readonly code?: string }) => boolean;
  readonly log?: Logger;
}

export interface StopOptions {
  /** How long to let in-flight sends finish before aborting them. Default 10 s. */
  readonly drainMs?: number;
  /** After the abort, how long to wait before giving up on them (they stay `sending` and are
   * reconciled at the next start). Default 2 s. */
  readonly abortGraceMs?: number;
}
