// The send path, wired: export folders (intake) → outbox (SQLite) → worker → sender port, and the
// finished files back to sent/ or error/. The composition root creates one of these with the real
// checker and DMP sender; tests and benchmarks create one with fakes at the same ports.
import type { DocumentChecker } from '../../domain/ports/DocumentChecker.js';
import type { DocumentSender } from '../../domain/ports/DocumentSender.js';
import type { Logger } from '../../domain/ports/Logger.js';
import { FolderIntake, type IntakeEvent, type WatchedFolder } from '../../intake/index.js';
import { SettingsRepository, type AuditJournal, type Database } from '../../store/index.js';
import { OutboxRepository } from '../../store/outbox/index.js';
import type { NavetteConfig } from '../config/index.js';
import { createIntakeOutbox } from './intakeOutbox.js';
import { intakeInstanceId } from './instanceId.js';
import { OutboxWorker, type OutboxWorkerOptions, type StopOptions } from './OutboxWorker.js';
import type { OutboxWorkerEvent } from './workerEvents.js';

export interface SendingServiceOptions {
  readonly db: Database;
  readonly checker: DocumentChecker;
  readonly sender: DocumentSender;
  /** The `watch` section of the configuration. */
  readonly watch: NavetteConfig['watch'];
  /** Config `documents.maxSizeMb`, in bytes. Default 100 MB. */
  readonly maxBytes?: number;
  /** Worker tuning (concurrency, backoff, retry budget). */
  readonly worker?: Omit<OutboxWorkerOptions, 'outbox' | 'sender' | 'log' | 'now'>;
  /** Intake tuning the configuration does not carry (tests: a short sidecar grace). */
  readonly intake?: {
    readonly sidecarGraceMs?: number;
    readonly pollIntervalMs?: number;
    readonly watch?: boolean;
    readonly isNetworkFolder?: (folder: string) => Promise<boolean>;
  };
  readonly journal?: AuditJournal;
  /** Default: the id stored in the settings (created on first use). */
  readonly instanceId?: string;
  readonly now?: () => Date;
  readonly log?: Logger;
}

export interface SendingService {
  readonly outbox: OutboxRepository;
  readonly intake: FolderIntake;
  readonly worker: OutboxWorker;
  readonly instanceId: string;
  /** Recovers interrupted sends, starts the intake, then sending. */
  start(): Promise<void>;
  /** Drains the send in progress, places finished files, stops watching; idempotent. */
  stop(opts?: StopOptions): Promise<void>;
  onIntakeEvent(listener: (event: IntakeEvent) => void): () => void;
  onWorkerEvent(listener: (event: OutboxWorkerEvent) => void): () => void;
}

/** The watched folders of the configuration, each with the configured sent/ and error/ folders. */
export function watchedFolders(watch: NavetteConfig['watch']): WatchedFolder[] {
  return watch.folders.map((folder) => ({
    folder,
    ...(watch.sentFolder === undefined ? {} : { sentFolder: watch.sentFolder }),
    ...(watch.errorFolder === undefined ? {} : { errorFolder: watch.errorFolder }),
  }));
}

export function createSendingService(opts: SendingServiceOptions): SendingService {
  const now = opts.now ?? (() => new Date());
  const outbox = new OutboxRepository(opts.db, {
    now,
    ...(opts.journal === undefined ? {} : { journal: opts.journal }),
  });
  const instanceId = opts.instanceId ?? intakeInstanceId(new SettingsRepository(opts.db, now));
  const intake = new FolderIntake({
    folders: watchedFolders(opts.watch),
    instanceId,
    checker: opts.checker,
    outbox: createIntakeOutbox(outbox),
    stableDelayMs: opts.watch.stableDelayMs,
    rescanIntervalMs: opts.watch.rescanIntervalSec * 1000,
    polling: opts.watch.polling,
    ...(opts.maxBytes === undefined ? {} : { maxBytes: opts.maxBytes }),
    ...opts.intake,
    ...(opts.log === undefined ? {} : { log: opts.log.child('intake') }),
  });
  const worker = new OutboxWorker({
    ...opts.worker,
    outbox,
    sender: opts.sender,
    now,
    ...(opts.log === undefined ? {} : { log: opts.log.child('outbox') }),
  });

  // A newly queued document wakes the worker; a finished one has its files moved. Both are also
  // caught up by the periodic rescan and the worker's own timer, should a cue be missed.
  intake.onEvent((event) => {
    if (event.type === 'recorded' && event.status === 'queued') worker.wake();
  });
  const settle = (): void => {
    intake.settle().catch((error: unknown) => opts.log?.warn('settle failed', { error }));
  };
  worker.onEvent((event) => {
    if (event.type === 'sent' || event.type === 'refused' || event.type === 'failed') settle();
  });

  let stopping: Promise<void> | undefined;
  return {
    outbox,
    intake,
    worker,
    instanceId,
    async start() {
      worker.start();
      await intake.start();
      worker.wake();
    },
    stop(stopOpts) {
      stopping ??= (async () => {
        await worker.stop(stopOpts);
        await intake.settle().catch(() => undefined);
        await intake.stop();
      })();
      return stopping;
    },
    onIntakeEvent: (listener) => intake.onEvent(listener),
    onWorkerEvent: (listener) => worker.onEvent(listener),
  };
}
