// The web UI's per-run session token, through the `navette serve` command (run in-process with a
// recording console): the ready line and the French start line give the UI address with the
// token in the fragment; `/api/*` refuses a request without it (401) and accepts it as the client
// « interface »; the token reaches no log file.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveCommand } from '../../../src/cli/commands/serve.js';
import type { CliIo, TerminationSignal } from '../../../src/cli/io.js';
import { makeTempDir, removeTempDirs } from '../../support/tempDir.js';

const stdout: string[] = [];
const stderr: string[] = [];
let stop: ((signal: TerminationSignal) => void) | undefined;
let running: Promise<number>;
let data: string;
let ready: { url: string; uiUrl: string; port: number };

beforeAll(async () => {
  data = makeTempDir('navette-ui-data-');
  const io: CliIo = {
    out: (line) => stdout.push(line),
    err: (line) => stderr.push(line),
    env: { NAVETTE_HOME: makeTempDir('navette-ui-home-') },
    onSignal: (handler) => {
      stop = handler;
      return () => undefined;
    },
    onFatal: () => () => undefined,
  };
  running = serveCommand.run({
    io,
    json: false,
    values: { port: '0', data },
    positionals: [],
    commands: [],
  });
  const deadline = Date.now() + 20_000;
  while (!stdout.some((l) => l.includes('"ready"'))) {
    if (Date.now() > deadline) throw new Error(`not ready: ${stderr.join('\n')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  ready = JSON.parse(stdout.find((l) => l.includes('"ready"')) ?? '{}') as typeof ready;
}, 30_000);

afterAll(async () => {
  stop?.('SIGTERM');
  await running;
  removeTempDirs();
});

function tokenOf(uiUrl: string): string {
  return new URLSearchParams(new URL(uiUrl).hash.slice(1)).get('jeton') ?? '';
}

const status = (token?: string): Promise<Response> =>
  fetch(new URL('/api/status', ready.url), {
    headers: token === undefined ? {} : { Authorization: `Bearer ${token}` },
  });

describe('UI session token', () => {
  it('is announced in the fragment of the UI address (ready line and French line)', () => {
    expect(ready.uiUrl.startsWith(`${ready.url}#jeton=`)).toBe(true);
    expect(tokenOf(ready.uiUrl)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(stderr.join('\n')).toContain(
      `Ouvrez l'interface dans votre navigateur : ${ready.uiUrl}`,
    );
  });

  it('opens /api/* as the client « interface »; without it the answer is 401', async () => {
    expect((await status()).status).toBe(401);
    expect((await status(`${tokenOf(ready.uiUrl).slice(0, -1)}x`)).status).toBe(401);
    const accepted = await status(tokenOf(ready.uiUrl));
    expect(accepted.status).toBe(200);
    expect(((await accepted.json()) as { client: string }).client).toBe('interface');
  });

  it('never writes the token to the log files', async () => {
    await status(tokenOf(ready.uiUrl));
    await status('mauvais-jeton');
    // Let the logger reach the file.
    await new Promise((r) => setTimeout(r, 300));
    const logs = path.join(data, 'logs');
    const files = readdirSync(logs);
    expect(files.length).toBeGreaterThan(0);
    const text = files.map((f) => readFileSync(path.join(logs, f), 'utf8')).join('\n');
    expect(text).toContain('request refused');
    expect(text).not.toContain(tokenOf(ready.uiUrl));
  });
});
