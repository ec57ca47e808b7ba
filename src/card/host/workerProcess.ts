// The child process that runs the card worker, behind a small interface so that the Electron
// main process can later supply a `utilityProcess` instead of `child_process.fork`.
import { fork } from 'node:child_process';

export interface WorkerProcess {
  readonly pid: number | undefined;
  send(message: unknown): void;
  onMessage(listener: (message: unknown) => void): void;
  /** Called once, however the process ends (exit, signal, spawn failure). */
  onExit(
    listener: (exit: { code: number | null; signal: string | null; error?: Error }) => void,
  ): void;
  /** Last lines the process wrote on stderr (for crash reports; the worker never prints a PIN). */
  stderrTail(): string;
  kill(): void;
}

export interface SpawnOptions {
  readonly workerPath: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

export type SpawnWorker = (options: SpawnOptions) => WorkerProcess;

const STDERR_KEEP = 2000;

/** `child_process.fork` with structured-clone IPC, no inherited exec flags, stderr captured. */
export const forkWorker: SpawnWorker = (options) => {
  const child = fork(options.workerPath, [], {
    // Not the parent's flags: under vitest or a debugger they would not suit the worker.
    execArgv: [],
    serialization: 'advanced',
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    env: options.env,
  });
  let tail = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    tail = (tail + chunk).slice(-STDERR_KEEP);
  });
  let exited = false;
  const exitListeners: ((exit: {
    code: number | null;
    signal: string | null;
    error?: Error;
  }) => void)[] = [];
  const finish = (exit: { code: number | null; signal: string | null; error?: Error }): void => {
    if (exited) return;
    exited = true;
    for (const listener of exitListeners) listener(exit);
  };
  child.on('exit', (code, signal) => finish({ code, signal }));
  child.on('error', (error) => finish({ code: null, signal: null, error }));
  return {
    get pid() {
      return child.pid;
    },
    send(message) {
      if (child.connected) child.send(message as never);
    },
    onMessage(listener) {
      child.on('message', listener);
    },
    onExit(listener) {
      exitListeners.push(listener);
    },
    stderrTail: () => tail,
    kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
};
