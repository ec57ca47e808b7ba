// The token store for `navette api token …`: the service's database in the data folder, opened
// by the command while the service may be running (WAL + busy timeout let both work; the service
// reads the tokens on every request, so nothing needs restarting).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { defaultAppPaths, type Environment } from '../config/index.js';
import { ApiTokenRepository, openDatabase } from '../../store/index.js';
import { DATABASE_FILE_NAME } from '../index.js';

export interface ApiTokenStore {
  readonly tokens: ApiTokenRepository;
  close(): void;
}

/** Opens the token store of the data folder `dataDir` (default: NAVETTE_HOME or the user's). */
export function openApiTokenStore(opts: { dataDir?: string; env: Environment }): ApiTokenStore {
  const dataDir = path.resolve(opts.dataDir ?? defaultAppPaths(opts.env).dataDir);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const db = openDatabase(path.join(dataDir, DATABASE_FILE_NAME));
  return { tokens: new ApiTokenRepository(db), close: () => db.close() };
}
