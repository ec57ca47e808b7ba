// Running the built `navette` command in a child process, as a user or a script would.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { NAVETTE_BIN, REPO_ROOT } from './paths.js';

export interface ReadyEvent {
  readonly event: 'ready';
  readonly url: string;
  readonly port: number;
  readonly demo: boolean;
  readonly mode: string;
  readonly modeLabel: string;
  readonly pid: number;
}

export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface CliProcess {
  readonly child: ChildProcessWithoutNullStreams;
  /** Everything written to stdout / stderr so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves with the ready line; rejects if the process exits first or after `timeoutMs`. */
  ready(timeoutMs?: number): Promise<ReadyEvent>;
  exited(): Promise<Exit>;
  /** Sends SIGTERM (or `signal`) and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<Exit>;
}

/** Environment for a child: isolated from the user's real Navette folders. */
export function isolatedEnv(home: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { ...process.env, NAVETTE_HOME: home, ...extra };
}

export function spawnCli(args: readonly string[], env: NodeJS.ProcessEnv): CliProcess {
  const child = spawn(process.execPath, [NAVETTE_BIN, ...args], { cwd: REPO_ROOT, env });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => (out += s));
  child.stderr.setEncoding('utf8').on('data', (s: string) => (err += s));
  const exit = new Promise<Exit>((resolve) =>
    child.once('close', (code, signal) => resolve({ code, signal })),
  );
  const self: CliProcess = {
    child,
    stdout: () => out,
    stderr: () => err,
    exited: () => exit,
    ready(timeoutMs = 30_000) {
      return new Promise<ReadyEvent>((resolve, reject) => {
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`no ready line after ${timeoutMs} ms\nstdout: ${out}\nstderr: ${err}`));
        }, timeoutMs);
        const check = (): void => {
          for (const line of out.split('\n')) {
            if (!line.startsWith('{')) continue;
            const value = JSON.parse(line) as { event?: unknown };
            if (value.event === 'ready') {
              cleanup();
              resolve(value as ReadyEvent);
              return;
            }
          }
        };
        const onExit = (code: number | null): void => {
          cleanup();
          reject(new Error(`exited (${code}) before ready\nstdout: ${out}\nstderr: ${err}`));
        };
        const cleanup = (): void => {
          clearTimeout(timer);
          child.stdout.off('data', check);
          child.off('close', onExit);
        };
        child.stdout.on('data', check);
        child.once('close', onExit);
        check();
      });
    },
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exit;
    },
  };
  return self;
}

/** Runs a command to completion. */
export async function runCli(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const p = spawnCli(args, env);
  const { code } = await p.exited();
  return { code, stdout: p.stdout(), stderr: p.stderr() };
}

/** Waits until `read()` contains `text` (stdout and stderr are separate pipes: order is not kept). */
export async function waitForText(
  read: () => string,
  text: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!read().includes(text)) {
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${JSON.stringify(text)} in:\n${read()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
