// `navette serve` as users and scripts run it: the BUILT command in a child process
// (`npm run build` first; `npm test` does it).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HealthReportSchema } from '../../../src/api/health.js';
import { CDA_STYLE_HASH } from '../../../src/server/securityHeaders.js';
import { isolatedEnv, runCli, spawnCli, waitForText, type CliProcess } from '../../support/cli.js';
import { rawRequest } from '../../support/http.js';
import { DIST_DIR, REPO_ROOT } from '../../support/paths.js';
import { makeTempDir, removeTempDirs } from '../../support/tempDir.js';

const running: CliProcess[] = [];
afterEach(async () => {
  for (const p of running.splice(0)) await p.stop('SIGKILL');
  removeTempDirs();
});

beforeAll(() => {
  if (!existsSync(path.join(DIST_DIR, 'cli', 'main.js'))) {
    throw new Error('dist/ is missing: run `npm run build` before the integration tests');
  }
});

const version = (
  JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }
).version;

function serve(args: string[], home = makeTempDir()): CliProcess {
  const p = spawnCli(['serve', '--port', '0', ...args], isolatedEnv(home));
  running.push(p);
  return p;
}

function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

describe('navette serve', () => {
  it('prints the ready line, answers /health, and stops cleanly on SIGTERM', async () => {
    const data = makeTempDir();
    const p = serve(['--data', data, '--demo']);
    const ready = await p.ready();
    expect(ready).toMatchObject({ event: 'ready', demo: true, modeLabel: 'DÉMO — DMP de test' });
    expect(ready.url).toBe(`http://127.0.0.1:${ready.port}/`);
    await waitForText(
      p.stderr,
      `Navette est prêt sur ${ready.url} — DÉMO — DMP de test. Ctrl+C pour arrêter.`,
    );

    const res = await rawRequest(ready.port, '/health');
    expect(res.status).toBe(200);
    const health = HealthReportSchema.parse(JSON.parse(res.body));
    expect(health).toMatchObject({
      name: 'navette',
      version,
      demo: true,
      mode: 'demo',
      status: 'ok',
    });
    expect(health.uptimeSeconds).toBeGreaterThanOrEqual(0);
    expect(health.components).toMatchObject({
      configuration: { state: 'ok' },
      database: { state: 'ok' },
      server: { state: 'ok' },
      card: { state: 'not-configured' },
    });

    // Loopback only.
    expect(await canConnect('127.0.0.2', ready.port)).toBe(false);
    expect(await canConnect('::1', ready.port)).toBe(false);

    // The lock and the database are in the data folder while it runs.
    const lockFile = path.join(data, 'navette.lock');
    expect((JSON.parse(readFileSync(lockFile, 'utf8')) as { pid: number }).pid).toBe(ready.pid);
    expect(existsSync(path.join(data, 'navette.db'))).toBe(true);

    const exit = await p.stop('SIGTERM');
    expect(exit).toEqual({ code: 0, signal: null });
    expect(p.stdout()).toContain('{"event":"stopped","reason":"SIGTERM"}');
    expect(existsSync(lockFile)).toBe(false);
    expect(await canConnect('127.0.0.1', ready.port)).toBe(false);
  });

  it('stops cleanly on SIGINT too', async () => {
    const p = serve(['--data', makeTempDir()]);
    await p.ready();
    expect(await p.stop('SIGINT')).toEqual({ code: 0, signal: null });
  });

  it('refuses a second instance on the same data folder, naming the folder and the PID', async () => {
    const data = makeTempDir();
    const first = serve(['--data', data]);
    const ready = await first.ready();
    const second = await runCli(
      ['serve', '--port', '0', '--data', data],
      isolatedEnv(makeTempDir()),
    );
    expect(second.code).toBe(1);
    expect(second.stderr).toContain("Navette est déjà en cours d'exécution");
    expect(second.stderr).toContain(`« ${data} »`);
    expect(second.stderr).toContain(`processus ${ready.pid}`);
    expect(second.stdout).not.toContain('"ready"');
    // The first one is unharmed.
    expect((await rawRequest(ready.port, '/health')).status).toBe(200);
    expect(existsSync(path.join(data, 'navette.lock'))).toBe(true);
  });

  it('with --json, reports the refusal as JSON too', async () => {
    const data = makeTempDir();
    await serve(['--data', data]).ready();
    const second = await runCli(
      ['serve', '--json', '--port', '0', '--data', data],
      isolatedEnv(makeTempDir()),
    );
    expect(second.code).toBe(1);
    const line = JSON.parse(second.stdout.trim()) as { error: { code: string; message: string } };
    expect(line.error.code).toBe('INSTANCE_ALREADY_RUNNING');
  });

  it('recovers the lock of a process that died without releasing it', async () => {
    const data = makeTempDir();
    const first = serve(['--data', data]);
    await first.ready();
    expect(await first.stop('SIGKILL')).toEqual({ code: null, signal: 'SIGKILL' });
    expect(existsSync(path.join(data, 'navette.lock'))).toBe(true); // left behind
    const second = serve(['--data', data]);
    const ready = await second.ready();
    expect((await rawRequest(ready.port, '/health')).status).toBe(200);
  });

  it('refuses foreign Host headers, path traversal, and sets the CSP on the UI', async () => {
    const p = serve(['--data', makeTempDir(), '--demo']);
    const { port } = await p.ready();
    expect((await rawRequest(port, '/health', { host: `attacker.example:${port}` })).status).toBe(
      403,
    );
    for (const traversal of [
      '/../../package.json',
      '/%2e%2e/%2e%2e/package.json',
      '/..%2f..%2fpackage.json',
    ]) {
      const res = await rawRequest(port, traversal);
      expect(res.status, traversal).toBe(404);
      expect(res.body).not.toContain('"name": "navette"');
    }
    const index = await rawRequest(port, '/');
    expect(index.status).toBe(200);
    expect(index.headers['content-security-policy']).toBe(
      // The CDA viewer's one style block, by its hash (src/server/securityHeaders.ts).
      `default-src 'none'; script-src 'self'; style-src 'self' ${CDA_STYLE_HASH}; ` +
        "img-src 'self' data:; " +
        "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; " +
        // The document viewer shows a PDF from a blob: URL (src/renderer/views/viewer.ts).
        'frame-src blob:',
    );
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    expect(index.body).toContain('DÉMO — DMP de test');
    expect(index.body).toContain('<script type="module" src="./main.js"></script>');
    expect((await rawRequest(port, '/main.js')).status).toBe(200);
  });

  it('reports a bad configuration file in /health and keeps running', async () => {
    const home = makeTempDir();
    const config = path.join(makeTempDir(), 'settings.json');
    writeFileSync(config, JSON.stringify({ server: { port: 'sept' } }));
    const p = serve(['--data', makeTempDir(), '--config', config], home);
    const { port } = await p.ready();
    const health = HealthReportSchema.parse(JSON.parse((await rawRequest(port, '/health')).body));
    expect(health.configProblems.length).toBeGreaterThan(0);
    expect(health.configProblems[0]?.field).toContain('port');
    expect(health.components['configuration']?.state).toBe('degraded');
    await waitForText(p.stderr, 'Attention :');
  });

  it('says when the port is taken', async () => {
    const first = serve(['--data', makeTempDir()]);
    const { port } = await first.ready();
    const second = await runCli(
      ['serve', '--port', String(port), '--data', makeTempDir()],
      isolatedEnv(makeTempDir()),
    );
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`Le port ${port} de cet ordinateur est déjà utilisé`);
  });
});

describe('navette (other commands)', () => {
  it('--version prints the version, with --json as JSON', async () => {
    const env = isolatedEnv(makeTempDir());
    expect(await runCli(['--version'], env)).toEqual({
      code: 0,
      stdout: `navette ${version}\n`,
      stderr: '',
    });
    const json = await runCli(['--version', '--json'], env);
    expect(JSON.parse(json.stdout)).toEqual({ name: 'navette', version });
  });

  it('help is in French; an unknown command exits 2 with a French error', async () => {
    const env = isolatedEnv(makeTempDir());
    const help = await runCli(['help'], env);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Utilisation : navette <commande> [options]');
    expect(help.stdout).toContain('serve');
    const unknown = await runCli(['envoyer-tout'], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Commande inconnue : « envoyer-tout »');
  });
});
