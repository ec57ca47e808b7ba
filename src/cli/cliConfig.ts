// The configuration a one-shot command reads (`status`, `card`, `doctor`): the administrator
// policy and the user settings — or the file of `--config FICHIER` — over Navette's defaults,
// exactly as the service would. Problems are printed as warnings; the command goes on with the
// valid values, like the service does.
import { existsSync } from 'node:fs';
import path from 'node:path';
import {
  defaultAppPaths,
  loadConfig,
  type ConfigProblem,
  type NavetteConfig,
} from '../app/config/index.js';
import type { OptionSpec } from './command.js';
import { CliUsageError } from './errors.js';
import type { CliIo } from './io.js';

export const CONFIG_OPTION: OptionSpec = {
  type: 'string',
  valueName: 'FICHIER',
  description: 'Fichier de réglages utilisateur à utiliser',
};

export const CARD_OPTION: OptionSpec = {
  type: 'string',
  valueName: 'LIBELLÉ',
  description:
    'La carte à utiliser quand plusieurs sont insérées (son libellé, voir « navette card »)',
};

export interface CliConfig {
  readonly config: NavetteConfig;
  readonly problems: readonly ConfigProblem[];
  readonly userFile: string;
}

export function loadCliConfig(io: CliIo, file: string | undefined): CliConfig {
  const paths = defaultAppPaths(io.env);
  if (file !== undefined && !existsSync(file)) {
    throw new CliUsageError(`Le fichier de réglages « ${file} » n'existe pas.`, { file });
  }
  const userFile = path.resolve(file ?? paths.configFile);
  const loaded = loadConfig({ policyFile: paths.policyFile, userFile });
  return { config: loaded.config, problems: loaded.problems, userFile };
}

/** « Attention : … » on stderr for each problem (the doctor reports them as a check instead). */
export function warnConfigProblems(io: CliIo, problems: readonly ConfigProblem[]): void {
  for (const problem of problems) {
    io.err(
      `Attention : ${problem.message} (fichier « ${problem.file} », paramètre « ${problem.field} »)`,
    );
  }
}
