// `npm start` on a machine without the Electron runtime (like ours): one French line, then the
// headless service in demo mode, reachable, and stopped cleanly by SIGTERM. And where an
// Electron executable exists, start.mjs hands over to it. Needs `npm run build` (npm test runs it).
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { chmodSync, existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HealthReportSchema } from '../../../src/api/health.js';
import type { Exit, ReadyEvent } from '../../support/cli.js';
import { rawRequest } from '../../support/http.js';
import { DIST_DIR, REPO_ROOT } from '../../support/paths.js';
import { makeTempDir, removeTempDirs } from '../../support/tempDir.js';

const START = path.join(REPO_ROOT, 'scripts', 'start.mjs');
const FALLBACK_LINE =
  "Electron n'est pas disponible sur cette machine : Navette démarre en service local (mode démo), " +
  "ouvrez l'adresse affichée dans votre navigateur.";

interface Started {
  readonly child: ChildProcessWithoutNullStreams;
  stdout(): string;
  stderr(): string;
  readonly exited: Promise<Exit>;
}

const children: Started[] = [];
const servicePids: number[] = [];
afterEach(() => {
  for (const { child } of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  // The service runs in its own process group: make sure a failed test leaves none behind.
  for (const pid of servicePids.splice(0)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  removeTempDirs();
});

beforeAll(() => {
  if (!existsSync(path.join(DIST_DIR, 'cli', 'main.js'))) {
    throw new Error('dist/ is missing: run `npm run build` before the integration tests');
  }
});

/** Runs scripts/start.mjs with an Electron "installation" at `electronDir` (empty: none). */
function start(args: string[], electronDir: string, extraEnv: NodeJS.ProcessEnv = {}): Started {
  const env = {
    ...process.env,
    ...extraEnv,
    NAVETTE_HOME: makeTempDir('navette-start-home-'),
    // Where electron's own index.js would look for the binary (TECH-NOTES §6): here, nowhere.
    ELECTRON_OVERRIDE_DIST_PATH: electronDir,
  };
  const child = spawn(process.execPath, [START, ...args], { cwd: REPO_ROOT, env });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => (out += s));
  child.stderr.setEncoding('utf8').on('data', (s: string) => (err += s));
  const exited = new Promise<Exit>((resolve) =>
    child.once('close', (code, signal) => resolve({ code, signal })),
  );
  const started = { child, stdout: () => out, stderr: () => err, exited };
  children.push(started);
  return started;
}

async function readyLine(p: Started, timeoutMs = 30_000): Promise<ReadyEvent> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const line of p.stdout().split('\n')) {
      if (line.startsWith('{') && line.includes('"event":"ready"')) {
        const ready = JSON.parse(line) as ReadyEvent;
        servicePids.push(ready.pid);
        return ready;
      }
    }
    if (p.child.exitCode !== null || Date.now() > deadline) {
      throw new Error(`no ready line\nstdout: ${p.stdout()}\nstderr: ${p.stderr()}`);
    }
    await new Promise((r) => setTimeout(r, 25));
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('npm start without Electron', () => {
  it('says so in one French line, serves the demo, and stops on SIGTERM', async () => {
    const data = makeTempDir('navette-start-data-');
    const p = start(['--port', '0', '--data', data], makeTempDir('navette-no-electron-'));
    const ready = await readyLine(p);
    expect(ready).toMatchObject({ event: 'ready', demo: true, modeLabel: 'DÉMO — DMP de test' });
    expect(ready.url).toBe(`http://127.0.0.1:${ready.port}/`);
    expect(ready.pid).not.toBe(p.child.pid);

    const stderrLines = p.stderr().split('\n');
    expect(stderrLines[0]).toBe(FALLBACK_LINE);
    expect(stderrLines.filter((l) => l.includes('Electron'))).toHaveLength(1);

    const res = await rawRequest(ready.port, '/health');
    expect(res.status).toBe(200);
    expect(HealthReportSchema.parse(JSON.parse(res.body))).toMatchObject({
      demo: true,
      mode: 'demo',
    });
    expect(existsSync(path.join(data, 'navette.lock'))).toBe(true);

    p.child.kill('SIGTERM');
    expect(await p.exited).toEqual({ code: 0, signal: null });
    // The signal reached the service once: it drained and stopped, and said so once.
    expect(p.stdout()).toContain('{"event":"stopped","reason":"SIGTERM"}');
    expect(p.stderr()).not.toContain('patientez');
    expect(isAlive(ready.pid)).toBe(false);
    expect(existsSync(path.join(data, 'navette.lock'))).toBe(false);
  });

  it('forwards SIGINT too, and --no-demo turns demo mode off', async () => {
    const p = start(['--no-demo', '--port', '0'], makeTempDir('navette-no-electron-'));
    const ready = await readyLine(p);
    expect(ready).toMatchObject({ demo: false, mode: 'production' });
    expect(p.stderr()).toContain(
      "Electron n'est pas disponible sur cette machine : Navette démarre en service local, ",
    );
    p.child.kill('SIGINT');
    expect(await p.exited).toEqual({ code: 0, signal: null });
    expect(p.stdout()).toContain('{"event":"stopped","reason":"SIGINT"}');
  });
});

describe('npm start with Electron', () => {
  it('runs the Electron executable on dist/main/main.js with --demo and the extra arguments', async () => {
    // A stand-in executable where electron's package looks for its binary: it prints its
    // arguments and exits, as far as start.mjs can tell an Electron app.
    const electronDir = makeTempDir('navette-fake-electron-');
    const fake = path.join(electronDir, 'electron');
    writeFileSync(
      fake,
      `#!${process.execPath}\nconsole.log(JSON.stringify({ fakeElectron: process.argv.slice(2), runAsNode: process.env.ELECTRON_RUN_AS_NODE ?? null }));\n`,
    );
    chmodSync(fake, 0o755);
    // ELECTRON_RUN_AS_NODE would make the app a plain Node process: start.mjs must drop it.
    const p = start(['--port', '0'], electronDir, { ELECTRON_RUN_AS_NODE: '1' });
    expect(await p.exited).toEqual({ code: 0, signal: null });
    const line = p.stdout().trim();
    expect(JSON.parse(line)).toEqual({
      fakeElectron: [path.join(REPO_ROOT, 'dist', 'main', 'main.js'), '--demo', '--port', '0'],
      runAsNode: null,
    });
    expect(p.stderr()).not.toContain('Electron');
  });
});
