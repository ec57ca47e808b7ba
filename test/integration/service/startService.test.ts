// The composition root in-process: what it wires, what it refuses, and what stop() undoes.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startService, type RunningService } from '../../../src/app/index.js';
import { InstanceAlreadyRunningError } from '../../../src/app/instanceLock/index.js';
import { rawRequest } from '../../support/http.js';
import { makeTempDir, removeTempDirs } from '../../support/tempDir.js';

const services: RunningService[] = [];
afterEach(async () => {
  for (const s of services.splice(0)) await s.stop('test');
  removeTempDirs();
});

async function start(dataDir = makeTempDir(), extra: { demo?: boolean } = {}): Promise<RunningService> {
  const service = await startService({
    dataDir,
    port: 0,
    env: { NAVETTE_HOME: makeTempDir() },
    drainTimeoutMs: 500,
    ...extra,
  });
  services.push(service);
  return service;
}

describe('startService', () => {
  it('wires configuration, lock, logs, database and server, and reports them', async () => {
    const data = makeTempDir();
    const service = await start(data, { demo: true });
    expect(service.url).toBe(`http://127.0.0.1:${service.port}/`);
    expect(service.demo).toBe(true);
    expect(service.dataDir).toBe(path.resolve(data));
    const report = service.health();
    expect(report).toMatchObject({ demo: true, modeLabel: 'DÉMO — DMP de test', status: 'ok' });
    expect(Object.keys(report.components)).toEqual([
      'configuration', 'database', 'server', 'card', 'watcher', 'outbox', 'dmp',
    ]);
    expect(existsSync(path.join(data, 'navette.lock'))).toBe(true);
    expect(existsSync(path.join(data, 'navette.db'))).toBe(true);
    const body = JSON.parse((await rawRequest(service.port, '/health')).body) as { demo: boolean };
    expect(body.demo).toBe(true);
  });

  it('is not in demo mode unless asked', async () => {
    const service = await start();
    expect(service.demo).toBe(false);
    expect(service.health().modeLabel).toBe('DMP de production');
  });

  it('refuses a second service on the same data folder, and leaves the first running', async () => {
    const data = makeTempDir();
    const first = await start(data);
    await expect(start(data)).rejects.toBeInstanceOf(InstanceAlreadyRunningError);
    expect((await rawRequest(first.port, '/health')).status).toBe(200);
  });

  it('stop() releases everything (idempotent) so a new service can take the folder', async () => {
    const data = makeTempDir();
    const first = await start(data);
    const port = first.port;
    await Promise.all([first.stop('one'), first.stop('two')]);
    expect(existsSync(path.join(data, 'navette.lock'))).toBe(false);
    await expect(rawRequest(port, '/health')).rejects.toThrow();
    const second = await start(data);
    expect(second.health().components['database']?.state).toBe('ok');
  });

  it('writes JSON-lines logs into <data>/logs, flushed by stop()', async () => {
    const data = makeTempDir();
    const service = await start(data);
    await service.stop('test');
    const logs = path.join(data, 'logs');
    const files = readdirSync(logs);
    expect(files.length).toBeGreaterThan(0);
    const text = files.map((f) => readFileSync(path.join(logs, f), 'utf8')).join('');
    const lines = text.trim().split('\n').map((l) => JSON.parse(l) as { msg?: string; message?: string });
    const messages = lines.map((l) => l.msg ?? l.message);
    expect(messages).toContain('ready');
    expect(messages).toContain('stopping');
  });

  it('undoes what it did when a later step fails (the port is taken)', async () => {
    const first = await start();
    const data = makeTempDir();
    await expect(
      startService({ dataDir: data, port: first.port, env: { NAVETTE_HOME: makeTempDir() } }),
    ).rejects.toMatchObject({ code: 'PORT_IN_USE' });
    expect(existsSync(path.join(data, 'navette.lock'))).toBe(false);
  });
});
