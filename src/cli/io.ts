// The terminal, as commands see it. Commands never touch `process` directly, so tests can run
// them in-process with captured output.

export type TerminationSignal = 'SIGINT' | 'SIGTERM';

export interface CliIo {
  /** Writes one line to stdout (machine-readable output goes here). */
  out(line: string): void;
  /** Writes one line to stderr (human messages, in French). */
  err(line: string): void;
  readonly env: NodeJS.ProcessEnv;
  /** Calls `handler` on each SIGINT/SIGTERM until the returned function is called. */
  onSignal(handler: (signal: TerminationSignal) => void): () => void;
  /** Calls `handler` on SIGHUP (reload the configuration; not on Windows) until the returned function is called. */
  onReload?(handler: () => void): () => void;
  /** Calls `handler` on an uncaught exception or unhandled rejection until the returned function is called. */
  onFatal(handler: (error: unknown) => void): () => void;
}

export function processIo(): CliIo {
  return {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    env: process.env,
    onSignal(handler) {
      const onInt = (): void => handler('SIGINT');
      const onTerm = (): void => handler('SIGTERM');
      process.on('SIGINT', onInt);
      process.on('SIGTERM', onTerm);
      return () => {
        process.off('SIGINT', onInt);
        process.off('SIGTERM', onTerm);
      };
    },
    onReload(handler) {
      if (process.platform === 'win32') return () => undefined;
      process.on('SIGHUP', handler);
      return () => {
        process.off('SIGHUP', handler);
      };
    },
    onFatal(handler) {
      process.on('uncaughtException', handler);
      process.on('unhandledRejection', handler);
      return () => {
        process.off('uncaughtException', handler);
        process.off('unhandledRejection', handler);
      };
    },
  };
}
