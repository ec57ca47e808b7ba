// Reading a `--port N` option, shared by the commands that listen.
import { CliUsageError } from './errors.js';

export function parsePort(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const port = /^\d{1,5}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new CliUsageError(
      `Port incorrect : « ${raw} ». Indiquez un nombre entre 0 et 65535 (0 choisit un port libre).`,
      { port: raw },
    );
  }
  return port;
}
