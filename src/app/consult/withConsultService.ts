// The consultation service in a CLI process (`navette status|authorize|consult|fetch|manage`):
// the session opened now (the PIN asked on the terminal in direct mode), the data folder's
// database for the audit journal and the cursors, everything closed when the command is done.
// Like `navette send`, the command does the work itself rather than asking `navette serve`.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../../store/index.js';
import type { Environment } from '../card/cardEnvironment.js';
import type { PinSource } from '../card/cardLogin.js';
import { defaultAppPaths, type NavetteConfig } from '../config/index.js';
import { XsltprocRenderer } from '../display/XsltprocRenderer.js';
import { openDmpSession, type DmpSession, type DmpSessionOptions } from '../dmp/index.js';
import { patientReferenceKey } from '../journal/patientKey.js';
import { ConsultService } from './ConsultService.js';
import { defaultInsOidOf } from './patientRef.js';

// The service's database file (src/app/index.ts DATABASE_FILE_NAME; not imported: index.ts
// imports this folder).
const DATABASE_FILE = 'navette.db';

export interface ConsultCliOptions {
  readonly config: NavetteConfig;
  readonly env: Environment;
  readonly pin: PinSource;
  readonly cardLabel?: string;
  /** Data folder (journal, cursors). Default: NAVETTE_HOME or the per-user folder. */
  readonly dataDir?: string;
  /** OID for a bare matricule (the CLI's --ins-type); default from the configuration. */
  readonly defaultInsOid?: string;
  readonly openSession?: (options: DmpSessionOptions) => Promise<DmpSession>;
}

/** Opens the session and the database, runs `work`, closes both whatever happens. */
export async function withConsultService<T>(
  opts: ConsultCliOptions,
  work: (service: ConsultService, session: DmpSession) => Promise<T>,
): Promise<T> {
  const dataDir = path.resolve(opts.dataDir ?? defaultAppPaths(opts.env).dataDir);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 }); // health data: owner only
  const session = await (opts.openSession ?? openDmpSession)({
    config: opts.config,
    env: opts.env,
    pin: opts.pin,
    ...(opts.cardLabel === undefined ? {} : { cardLabel: opts.cardLabel }),
  });
  try {
    const db = openDatabase(path.join(dataDir, DATABASE_FILE));
    try {
      const service = new ConsultService({
        session: () => Promise.resolve(session),
        db,
        patientKey: patientReferenceKey(dataDir),
        renderer: new XsltprocRenderer(),
        defaultInsOid: opts.defaultInsOid ?? defaultInsOidOf(opts.config),
      });
      return await work(service, session);
    } finally {
      db.close();
    }
  } finally {
    await session.close();
  }
}
