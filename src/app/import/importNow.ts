// The import as one command runs it (`navette import`): the data folder's database (the same one
// the service uses: SQLite's write lock and the registry keep the two from importing a document
// twice), a DMP session opened for the command (the PIN asked in direct mode), then closed.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { ImportResult } from '../../api/consult.js';
import type { DmpAccess } from '../../dmp/index.js';
import type { Ins } from '../../domain/ins/ins.js';
import type { Logger } from '../../domain/ports/Logger.js';
import { FollowedPatients, openDatabase, type FollowedPatient } from '../../store/index.js';
import type { PinSource } from '../card/cardLogin.js';
import type { Environment } from '../card/cardEnvironment.js';
import { defaultAppPaths, type NavetteConfig } from '../config/index.js';
import { openDmpSession, type DmpSession, type DmpSessionOptions } from '../dmp/index.js';
import { patientReferenceKey } from '../journal/patientKey.js';
import { ImportService, type ImportSelection } from './ImportService.js';
import { connectionOf } from './importSession.js';
import { importSettingsOf } from './importSettings.js';

/** The service's database file name (same as src/app/index.ts; not imported to avoid a cycle). */
const DATABASE_FILE = 'navette.db';

export interface ImportNowOptions {
  readonly config: NavetteConfig;
  readonly env: Environment;
  readonly pin?: PinSource;
  readonly cardLabel?: string;
  /** Default: the per-user data folder (NAVETTE_HOME). */
  readonly dataDir?: string;
  readonly openSession?: (options: DmpSessionOptions) => Promise<DmpSession>;
  readonly log?: Logger;
}

export interface ImportNowReport extends ImportResult {
  /** The import folder (absolute). */
  readonly folder: string;
}

function dataDirOf(opts: { readonly env: Environment; readonly dataDir?: string }): string {
  const dir = path.resolve(opts.dataDir ?? defaultAppPaths(opts.env).dataDir);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Opens the session, imports, closes everything. Throws when the DMP cannot be listed. */
export async function importNow(
  patient: Ins,
  selection: ImportSelection,
  access: DmpAccess,
  opts: ImportNowOptions,
): Promise<ImportNowReport> {
  const dataDir = dataDirOf(opts);
  const session = await (opts.openSession ?? openDmpSession)({
    config: opts.config,
    env: opts.env,
    ...(opts.pin === undefined ? {} : { pin: opts.pin }),
    ...(opts.cardLabel === undefined ? {} : { cardLabel: opts.cardLabel }),
    ...(opts.log === undefined ? {} : { logger: opts.log }),
  });
  try {
    const db = openDatabase(path.join(dataDir, DATABASE_FILE));
    try {
      const settings = importSettingsOf(opts.config, dataDir);
      const service = new ImportService({
        db,
        settings,
        connection: () => connectionOf(session),
        patientKey: patientReferenceKey(dataDir),
        ...(opts.log === undefined ? {} : { log: opts.log }),
      });
      const result = await service.importDocuments(patient, selection, access);
      return { folder: settings.folder, ...result };
    } finally {
      db.close();
    }
  } finally {
    await session.close();
  }
}

function withFollowed<T>(
  opts: { readonly env: Environment; readonly dataDir?: string },
  use: (followed: FollowedPatients) => T,
): T {
  const db = openDatabase(path.join(dataDirOf(opts), DATABASE_FILE));
  try {
    return use(new FollowedPatients(db));
  } finally {
    db.close();
  }
}

/** Follows (true) or stops following (false): no DMP exchange, no PIN. */
export function setFollowed(
  patient: Ins,
  follow: boolean,
  opts: { readonly env: Environment; readonly dataDir?: string },
): { followed: boolean; changed: boolean } {
  return withFollowed(opts, (followed) => ({
    followed: follow,
    changed: follow
      ? followed.follow(patient.oid, patient.matricule)
      : followed.unfollow(patient.oid, patient.matricule),
  }));
}

export function listFollowed(opts: {
  readonly env: Environment;
  readonly dataDir?: string;
}): FollowedPatient[] {
  return withFollowed(opts, (followed) => followed.list());
}
