import { NavetteError } from '../domain/errors/NavetteError.js';

/** The command line is wrong (unknown command or option, bad value). Exit code 2. */
export class CliUsageError extends NavetteError {
  override readonly name = 'CliUsageError';

  constructor(message: string, details: Readonly<Record<string, unknown>> = {}) {
    super('CLI_USAGE', message, details);
  }
}

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
