// Errors of saving the user settings. Loading never throws (it reports ConfigProblems instead).
import { NavetteError } from '../../domain/errors/NavetteError.js';
import type { ConfigProblem } from './problems.js';

export type ConfigSaveErrorCode =
  /** The values to save do not match the schema: nothing was written. */
  | 'CONFIG_SAVE_INVALID'
  /** A value to save is locked by the administrator policy: nothing was written. */
  | 'CONFIG_SAVE_LOCKED'
  /** The file was written by a newer Navette: saving would lose its settings. */
  | 'CONFIG_SAVE_NEWER_VERSION'
  /** The file system refused (permissions, disk full…). */
  | 'CONFIG_SAVE_FAILED';

export class ConfigSaveError extends NavetteError {
  override readonly name = 'ConfigSaveError';
  declare readonly code: ConfigSaveErrorCode;

  constructor(
    code: ConfigSaveErrorCode,
    message: string,
    details: { file: string; problems?: readonly ConfigProblem[] },
    options?: { cause?: unknown },
  ) {
    super(code, message, details, options);
  }
}
