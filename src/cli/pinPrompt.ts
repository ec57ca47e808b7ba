// The card's PIN, as the command line gets it: typed on the terminal without echo, or — for
// scripts and tests only — from NAVETTE_PIN. An environment variable can be read by other
// programs of the same user and ends up in shell histories: docs/dmp-client.md says it is not for
// daily use. The PIN is never printed, logged or put in an error.
import type { PinRequest, PinSource } from '../app/card/index.js';
import { NavetteError } from '../domain/errors/NavetteError.js';
import type { CliIo } from './io.js';

export const PIN_VARIABLE = 'NAVETTE_PIN';

export class CliPinError extends NavetteError {
  override readonly name = 'CliPinError';
}

/** The terminal the PIN is typed on (process.stdin / stderr, or a fake in tests). */
export interface PinTerminal {
  readonly input: NodeJS.ReadableStream & {
    readonly isTTY?: boolean;
    setRawMode?(raw: boolean): unknown;
  };
  readonly output: { write(text: string): unknown };
}

export function processTerminal(): PinTerminal {
  return { input: process.stdin, output: process.stderr };
}

const ENTER = new Set(['\r', '\n']);
const ERASE = new Set(['\u007f', '\b']);
const CANCEL = new Set(['\u0003', '\u0004', '\u001b']);

/** Reads one line without echoing it (raw mode); Ctrl+C, Ctrl+D or Escape cancel. */
export function readSecret(terminal: PinTerminal, prompt: string): Promise<string> {
  const { input, output } = terminal;
  return new Promise((resolve, reject) => {
    let typed = '';
    const finish = (error: Error | null): void => {
      input.removeListener('data', onData);
      input.setRawMode?.(false);
      input.pause();
      output.write('\n');
      if (error === null) resolve(typed);
      else reject(error);
      typed = '';
    };
    const onData = (chunk: Buffer | string): void => {
      for (const char of typeof chunk === 'string' ? chunk : chunk.toString('utf8')) {
        if (ENTER.has(char)) {
          finish(null);
          return;
        }
        if (CANCEL.has(char)) {
          finish(new CliPinError('CLI_PIN_CANCELLED', 'Saisie du code porteur annulée.'));
          return;
        }
        if (ERASE.has(char)) typed = typed.slice(0, -1);
        else if (char >= ' ') typed += char;
      }
    };
    output.write(prompt);
    input.setRawMode?.(true);
    input.on('data', onData);
    input.resume();
  });
}

function warningOf(request: PinRequest): string | null {
  if (request.pin.finalTry)
    return 'Attention : il ne reste qu’un seul essai avant le blocage de la carte.';
  if (request.pin.countLow)
    return 'Attention : des codes erronés ont déjà été saisis ; la carte se bloque après trop d’erreurs.';
  return null;
}

/** NAVETTE_PIN when set, else a prompt on the terminal; an error when neither is possible. */
export function cliPinSource(io: CliIo, terminal: PinTerminal = processTerminal()): PinSource {
  return async (request) => {
    const fromEnvironment = io.env[PIN_VARIABLE];
    if (fromEnvironment !== undefined && fromEnvironment !== '') return fromEnvironment;
    if (terminal.input.isTTY !== true) {
      throw new CliPinError(
        'CLI_PIN_UNAVAILABLE',
        `Le code porteur de la carte « ${request.label} » est nécessaire : lancez la commande dans un terminal pour le saisir ` +
          `(la variable ${PIN_VARIABLE} existe pour les scripts de test, pas pour un usage quotidien).`,
      );
    }
    const warning = warningOf(request);
    if (warning !== null) io.err(warning);
    return readSecret(terminal, `Code porteur de la carte « ${request.label} » : `);
  };
}
