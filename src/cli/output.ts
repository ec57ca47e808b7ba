// Printing results and errors, in French for people and as JSON lines for programs.
import { NavetteError } from '../domain/errors/NavetteError.js';
import type { CliIo } from './io.js';

export function printJson(io: CliIo, value: unknown): void {
  io.out(JSON.stringify(value));
}

/** The error as the user reads it (stderr) and, with --json, as a program reads it (stdout). */
export function printError(io: CliIo, json: boolean, error: unknown): void {
  const { code, message } = describeError(error);
  io.err(`navette : ${message}`);
  if (json) printJson(io, { error: { code, message } });
}

export function describeError(error: unknown): { code: string; message: string } {
  if (error instanceof NavetteError) return { code: error.code, message: error.message };
  const detail = error instanceof Error ? error.message : String(error);
  return {
    code: 'UNEXPECTED',
    message: `Erreur inattendue (${detail}). Consultez le journal de Navette et signalez le problème.`,
  };
}
