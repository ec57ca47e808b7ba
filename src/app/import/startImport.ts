// The import as `navette serve` runs it (docs/import.md): the ImportService over the service's
// database, what the local API calls, and — when `import.autoImport` is on — the automatic import
// of followed patients. Started after the sending path, whose DMP session it uses when there is
// one (otherwise it opens its own on first need: importSession.ts).
import type { FollowRequestSchema, ImportRequest, ImportResult } from '../../api/consult.js';
import type { Logger } from '../../domain/ports/Logger.js';
import type { Database } from '../../store/index.js';
import type { z } from 'zod';
import type { Environment } from '../card/cardEnvironment.js';
import type { NavetteConfig } from '../config/index.js';
import type { DmpSession, DmpSessionOptions } from '../dmp/index.js';
import { patientReferenceKey } from '../journal/patientKey.js';
import { AutoImport } from './AutoImport.js';
import { ImportService } from './ImportService.js';
import { dmpAccessOf, insOfPatientRef, selectionOf } from './importRequests.js';
import { ImportSessionSource } from './importSession.js';
import { autoImportSettingsOf, importSettingsOf } from './importSettings.js';

/** What the local API calls (src/app/service/localApi.ts). */
export interface ImportApi {
  importDocuments(request: ImportRequest): Promise<ImportResult>;
  follow(request: z.infer<typeof FollowRequestSchema>): { followed: boolean };
}

export interface StartImportOptions {
  readonly config: NavetteConfig;
  readonly db: Database;
  readonly dataDir: string;
  readonly env: Environment;
  readonly log: Logger;
  /** The sending path's session, when it has one (or the consultation's, see openShared). */
  readonly shared?: () => DmpSession | undefined;
  /** False while the shared session's card is away or locked. */
  readonly sharedReady?: () => boolean;
  /** Opens the consultation's session instead of one of the import's own (ImportSessionOptions). */
  readonly openShared?: () => Promise<unknown>;
  /** Demo mode: the embedded DMP's virtual test card. */
  readonly demoCard?: { readonly p12: string; readonly password: string };
  readonly openSession?: (options: DmpSessionOptions) => Promise<DmpSession>;
  readonly now?: () => Date;
}

export interface RunningImport {
  readonly service: ImportService;
  readonly api: ImportApi;
  /** Undefined unless `import.autoImport` is on. */
  readonly auto: AutoImport | undefined;
  /** Stops the automatic import (waiting for its tick) and closes the import's own session. */
  stop(): Promise<void>;
}

export function startImport(opts: StartImportOptions): RunningImport {
  const sessions = new ImportSessionSource({
    config: opts.config,
    env: opts.env,
    log: opts.log,
    ...(opts.shared === undefined ? {} : { shared: opts.shared }),
    ...(opts.sharedReady === undefined ? {} : { sharedReady: opts.sharedReady }),
    ...(opts.demoCard === undefined ? {} : { demoCard: opts.demoCard }),
    ...(opts.openSession === undefined ? {} : { openSession: opts.openSession }),
    ...(opts.openShared === undefined ? {} : { openShared: opts.openShared }),
  });
  const service = new ImportService({
    db: opts.db,
    settings: importSettingsOf(opts.config, opts.dataDir),
    connection: () => sessions.current(),
    patientKey: patientReferenceKey(opts.dataDir),
    log: opts.log,
    ...(opts.now === undefined ? {} : { now: opts.now }),
  });
  const settings = autoImportSettingsOf(opts.config);
  const auto = settings.enabled
    ? new AutoImport({
        service,
        intervalMs: settings.intervalMs,
        prepare: () => sessions.ensure(),
        log: opts.log.child('auto'),
        ...(opts.now === undefined ? {} : { now: opts.now }),
      })
    : undefined;
  if (auto !== undefined) {
    auto.start();
    opts.log.info('automatic import started', {
      intervalMin: opts.config.import.autoIntervalMin,
    });
  }
  return {
    service,
    auto,
    api: {
      async importDocuments(request) {
        const ins = insOfPatientRef(request.patient, opts.config);
        await sessions.ensure();
        return service.importDocuments(ins, selectionOf(request), dmpAccessOf(request.access));
      },
      follow(request) {
        return service.follow(insOfPatientRef(request.patient, opts.config), request.follow);
      },
    },
    async stop() {
      await auto?.stop();
      await sessions.close();
    },
  };
}
