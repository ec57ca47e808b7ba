// The automatic import (`import.autoImport`, opt-in): every `import.autoIntervalMin` minutes, the
// new documents of each followed patient — those of the lots submitted since the last look
// (TD3.1 "since", so a document written long ago but sent today is found) — go to the import
// folder. Without a DMP session (card away, PIN needed) the tick is skipped quietly and the next
// one tries again. The log carries counts only, never an INS.
import { isNavetteError } from '../../domain/errors/NavetteError.js';
import { createIns } from '../../domain/ins/ins.js';
import type { Logger } from '../../domain/ports/Logger.js';
import type { ImportService } from './ImportService.js';

/**
 * The cursor goes back this far before the last look: the DMP's clock and ours may differ, and
 * documents seen twice are skipped by the registry anyway.
 */
export const AUTO_IMPORT_OVERLAP_MS = 10 * 60_000;

export interface AutoImportOptions {
  readonly service: ImportService;
  readonly intervalMs: number;
  /** False while the DMP cannot be used (no session, card away or locked): the tick is skipped. */
  readonly ready?: () => boolean;
  /** Run before each tick (opens the DMP session when it may be). */
  readonly prepare?: () => Promise<void>;
  readonly log?: Logger;
  readonly now?: () => Date;
}

export interface AutoImportTick {
  readonly ran: boolean;
  readonly patients: number;
  readonly imported: number;
  readonly skipped: number;
  readonly failed: number;
}

export class AutoImport {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<AutoImportTick> | undefined;
  private stopped = false;
  private readonly now: () => Date;

  constructor(private readonly opts: AutoImportOptions) {
    this.now = opts.now ?? (() => new Date());
  }

  /** Starts the ticks; the first one after one interval (the service has just opened its card). */
  start(): void {
    if (this.timer !== undefined || this.stopped) return;
    this.timer = setInterval(() => void this.tick(), this.opts.intervalMs);
    this.timer.unref();
  }

  /** One look at every followed patient; a tick already running is joined, not doubled. */
  tick(): Promise<AutoImportTick> {
    this.running ??= this.runTick().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Stops the ticks and waits for the one running. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  private async runTick(): Promise<AutoImportTick> {
    const { service, log } = this.opts;
    const idle = { ran: false, patients: 0, imported: 0, skipped: 0, failed: 0 };
    if (this.stopped) return idle;
    await this.opts.prepare?.();
    if (!service.available() || (this.opts.ready !== undefined && !this.opts.ready())) {
      log?.debug('automatic import skipped: DMP not available');
      return idle;
    }
    const counts = { ran: true, patients: 0, imported: 0, skipped: 0, failed: 0 };
    for (const patient of service.listFollowed()) {
      if (this.stopped) break;
      const startedAt = this.now();
      const since = new Date(
        Date.parse(patient.lastChecked ?? patient.followedSince) - AUTO_IMPORT_OVERLAP_MS,
      );
      counts.patients += 1;
      try {
        const ins = createIns(patient.matricule, patient.oid);
        const result = await service.importDocuments(ins, { submittedSince: since });
        counts.imported += result.imported.length;
        counts.skipped += result.skipped.length;
        counts.failed += result.failed.length;
        // A document that failed must come again: the cursor moves only when all went in.
        if (result.failed.length === 0) {
          service.followed.markChecked(patient.oid, patient.matricule, startedAt);
        }
      } catch (error) {
        counts.failed += 1;
        log?.warn('automatic import of a patient failed', {
          code: isNavetteError(error) ? error.code : 'UNEXPECTED',
        });
      }
    }
    log?.info('automatic import', { ...counts });
    return counts;
  }
}
