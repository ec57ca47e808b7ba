// The built commands in separate processes, as users run them: a token created by
// `navette api token create` opens the API of a `navette serve` that was already running, and is
// refused once `navette api token revoke` ran — no restart (`npm run build` first).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isolatedEnv, runCli, spawnCli, type CliProcess } from '../../support/cli.js';
import { DIST_DIR } from '../../support/paths.js';
import { makeTempDir, removeTempDirs } from '../../support/tempDir.js';
import { call } from '../server/apiClient.js';

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

describe('navette api token against a running navette serve', () => {
  it('works without restarting the service', async () => {
    const env = isolatedEnv(makeTempDir());
    const data = makeTempDir();
    const serve = spawnCli(['serve', '--port', '0', '--data', data], env);
    running.push(serve);
    const { port } = await serve.ready();
    expect((await call(port, '/api/status')).status).toBe(401);

    const created = await runCli(['api', 'token', 'create', '--name', 'proc', '--data', data], env);
    expect(created.code).toBe(0);
    const token = created.stdout.trim();
    expect(token).toMatch(/^nvt_/);
    const auth = { Authorization: `Bearer ${token}` };
    expect((await call(port, '/api/status', { headers: auth })).status).toBe(200);

    const revoked = await runCli(['api', 'token', 'revoke', '--name', 'proc', '--data', data], env);
    expect(revoked.code).toBe(0);
    expect((await call(port, '/api/status', { headers: auth })).status).toBe(401);
    expect(await serve.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    expect(serve.stdout() + serve.stderr()).not.toContain(token);
  });
});
