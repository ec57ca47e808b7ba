// A batch service with its own outbox worker, for `navette batch` (a process of its own): the
// DMP session (card + PIN, or the structure's certificate), the same checker and journalled DMP
// sender as the service, and a worker over the same outbox. Rows are taken in a transaction, so a
// running service and this worker never send one row twice; this worker may also send rows the
// service queued, and their files are placed by the service's intake (pendingPlacements).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../../domain/ports/Logger.js';
import { AuditJournal, openDatabase, type Database } from '../../store/index.js';
import { OutboxRepository } from '../../store/outbox/index.js';
import type { Environment } from '../card/cardEnvironment.js';
import type { PinSource } from '../card/cardLogin.js';
import { defaultAppPaths, type NavetteConfig } from '../config/index.js';
import { openDmpSession, type DmpSession, type DmpSessionOptions } from '../dmp/index.js';
import { OutboxWorker } from '../sending/OutboxWorker.js';
import { workerSettingsOf } from '../sending/sendingSettings.js';
import { createSendingPath } from '../sending/sendingPath.js';
import { BatchService } from './BatchService.js';

export interface OpenBatchRunnerOptions {
  readonly config: NavetteConfig;
  readonly env: Environment;
  readonly pin: PinSource;
  readonly cardLabel?: string;
  /** Data folder (database, audit journal). Default: NAVETTE_HOME or the per-user folder. */
  readonly dataDir?: string;
  readonly openSession?: (options: DmpSessionOptions) => Promise<DmpSession>;
  /** False for a pre-flight only: nothing is sent, the worker is not started. Default true. */
  readonly startWorker?: boolean;
  readonly log?: Logger;
}

export interface BatchRunner {
  readonly batches: BatchService;
  readonly worker: OutboxWorker;
  readonly db: Database;
  /** Lets in-flight sends finish (bounded), then closes everything. Idempotent. */
  close(): Promise<void>;
}

// The service's database file (src/app/index.ts DATABASE_FILE_NAME; not imported: index.ts
// imports this folder's neighbours).
const DATABASE_FILE = 'navette.db';

export async function openBatchRunner(opts: OpenBatchRunnerOptions): Promise<BatchRunner> {
  const dataDir = path.resolve(opts.dataDir ?? defaultAppPaths(opts.env).dataDir);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 }); // health data: owner only
  const session = await (opts.openSession ?? openDmpSession)({
    config: opts.config,
    env: opts.env,
    pin: opts.pin,
    ...(opts.cardLabel === undefined ? {} : { cardLabel: opts.cardLabel }),
  });
  const steps: (() => Promise<void> | void)[] = [() => session.close()];
  const closeAll = async (): Promise<void> => {
    for (const step of steps.reverse()) await step();
  };
  try {
    const db = openDatabase(path.join(dataDir, DATABASE_FILE));
    steps.push(() => {
      db.close();
    });
    const sendingPath = await createSendingPath({ config: opts.config, db, dataDir, session });
    steps.push(() => sendingPath.dispose());
    const sender = sendingPath.sender;
    if (sender === undefined) throw new TypeError('a session always gives a sender');
    const outbox = new OutboxRepository(db, { journal: new AuditJournal(db, () => new Date()) });
    const worker = new OutboxWorker({
      outbox,
      sender,
      ...workerSettingsOf(opts.config),
      ...(opts.log === undefined ? {} : { log: opts.log.child('outbox') }),
    });
    steps.push(() => worker.stop({ drainMs: 10_000 }));
    const batches = new BatchService({
      db,
      outbox,
      worker,
      preflight: {
        checker: sendingPath.checker,
        testExistence: (ins) => session.client.testExistence(ins),
      },
      ...(opts.log === undefined ? {} : { log: opts.log.child('batches') }),
    });
    steps.push(() => batches.dispose());
    if (opts.startWorker !== false) worker.start();
    let closing: Promise<void> | undefined;
    return {
      batches,
      worker,
      db,
      close: () => (closing ??= closeAll()),
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

/** A nothing-sending stand-in: reading a batch and its report needs no card, DMP or worker. */
const READ_ONLY_WORKER = { wake: () => undefined, onEvent: () => () => undefined };

/**
 * The batches of the data folder, read only (`navette batch report`): no session is opened.
 * A re-check is refused (the checker answers that the card is needed).
 */
export function openBatchReader(opts: { readonly env: Environment; readonly dataDir?: string }): {
  readonly batches: BatchService;
  close(): void;
} {
  const dataDir = path.resolve(opts.dataDir ?? defaultAppPaths(opts.env).dataDir);
  const db = openDatabase(path.join(dataDir, DATABASE_FILE));
  const batches = new BatchService({
    db,
    outbox: new OutboxRepository(db),
    worker: READ_ONLY_WORKER,
    preflight: {
      checker: {
        check: () => ({
          verdict: 'postponed',
          reason: 'La vérification demande la carte : utilisez « navette batch preflight ».',
        }),
      },
    },
  });
  return {
    batches,
    close() {
      batches.dispose();
      db.close();
    },
  };
}
