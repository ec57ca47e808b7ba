// A send path on real folders and a real SQLite file, with fakes only at the two ports (checker,
// sender). Each harness gets its own temp folder; `removeTempDirs()` cleans them up.
import { mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import {
  createSendingService,
  type SendingService,
  type SendingServiceOptions,
} from '../../../../src/app/sending/index.js';
import type { IntakeEvent } from '../../../../src/intake/index.js';
import { AuditJournal, openDatabase, type Database } from '../../../../src/store/index.js';
import { makeTempDir } from '../../../support/tempDir.js';
import { FakeDocumentChecker } from './FakeDocumentChecker.js';
import { FakeDocumentSender } from './FakeDocumentSender.js';

export interface Harness {
  readonly root: string;
  readonly folder: string;
  readonly dbFile: string;
  readonly db: Database;
  readonly journal: AuditJournal;
  readonly checker: FakeDocumentChecker;
  readonly sender: FakeDocumentSender;
  readonly service: SendingService;
  readonly events: IntakeEvent[];
  /** Names in a subfolder of the watched folder ('' for the folder itself), sorted. */
  list(sub?: string): string[];
}

export interface HarnessOptions {
  readonly folder?: string;
  readonly dbFile?: string;
  readonly instanceId?: string;
  readonly sender?: FakeDocumentSender;
  readonly checker?: FakeDocumentChecker;
  readonly stableDelayMs?: number;
  readonly service?: Partial<SendingServiceOptions>;
}

const open: { db: Database; service: SendingService }[] = [];

export function makeHarness(opts: HarnessOptions = {}): Harness {
  const root = makeTempDir('navette-intake-');
  const folder = opts.folder ?? path.join(root, 'export');
  mkdirSync(folder, { recursive: true });
  const dbFile = opts.dbFile ?? path.join(root, 'navette.db');
  const db = openDatabase(dbFile);
  const journal = new AuditJournal(db, () => new Date());
  const checker = opts.checker ?? new FakeDocumentChecker();
  const sender = opts.sender ?? new FakeDocumentSender();
  const service = createSendingService({
    db,
    checker,
    sender,
    journal,
    instanceId: opts.instanceId ?? 'poste-a',
    watch: {
      folders: [folder],
      rescanIntervalSec: 1,
      stableDelayMs: opts.stableDelayMs ?? 250,
      polling: 'never',
    },
    worker: { backoff: { initialMs: 50, maxMs: 200 } },
    intake: { sidecarGraceMs: 300 },
    ...opts.service,
  });
  const events: IntakeEvent[] = [];
  service.onIntakeEvent((e) => events.push(e));
  open.push({ db, service });
  const list = (sub = ''): string[] => {
    try {
      return readdirSync(path.join(folder, sub)).sort();
    } catch {
      return [];
    }
  };
  return { root, folder, dbFile, db, journal, checker, sender, service, events, list };
}

/** Stops every harness service and closes its database (afterEach). */
export async function closeHarnesses(): Promise<void> {
  for (const { db, service } of open.splice(0)) {
    await service.stop({ drainMs: 100, abortGraceMs: 50 });
    if (db.open) db.close();
  }
}

/**
 * "Kills" a harness in the middle of its work: it takes nothing more, its watcher closes, its
 * connection is closed, and whatever it was waiting on (a check, a send) never completes. What a
 * restart must cope with is what is left on disk and in the database.
 */
export function simulateCrash(h: Harness): void {
  const i = open.findIndex((o) => o.service === h.service);
  if (i >= 0) open.splice(i, 1);
  h.service.worker.pause();
  // Not awaited: its queue is stuck on the never-ending step, as in a dead process.
  void h.service.intake.stop();
  h.db.close();
}
