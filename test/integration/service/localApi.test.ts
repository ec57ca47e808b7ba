// The local API of `navette serve` in-process: a token created by `navette api token create`
// (another connection to the same database, as from another process) opens the API of the
// running service without a restart; status, outbox, events; the token never reaches the log.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { OutboxListSchema } from '../../../src/api/outbox.js';
import { ServiceStatusSchema } from '../../../src/api/status.js';
import { startService, type RunningService } from '../../../src/app/index.js';
import type { CliIo } from '../../../src/cli/io.js';
import { run } from '../../../src/cli/main.js';
import { waitForText } from '../../support/cli.js';
import { makeTempDir, removeTempDirs } from '../../support/tempDir.js';
import { call, openSse } from '../server/apiClient.js';

const services: RunningService[] = [];
afterEach(async () => {
  for (const s of services.splice(0)) await s.stop('test');
  removeTempDirs();
});

function cliIo(home: string): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    out: (line) => stdout.push(line),
    err: (line) => stderr.push(line),
    env: { NAVETTE_HOME: home },
    onSignal: () => () => undefined,
    onFatal: () => () => undefined,
  };
}

async function cli(
  args: string[],
  home: string,
): Promise<{ code: number; out: string; err: string }> {
  const io = cliIo(home);
  const code = await run(args, io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

const bearer = (token: string): Record<string, string> => ({ Authorization: `Bearer ${token}` });

describe('navette serve: local API', () => {
  it('accepts a token created by the CLI while it runs, refuses it once revoked, never logs it', async () => {
    const home = makeTempDir();
    const data = makeTempDir();
    const config = path.join(makeTempDir(), 'settings.json');
    writeFileSync(config, JSON.stringify({ configVersion: 2, logging: { level: 'debug' } }));
    const service = await startService({
      dataDir: data,
      configFile: config,
      port: 0,
      env: { NAVETTE_HOME: home },
      drainTimeoutMs: 2000,
      api: { validateResponses: true, heartbeatMs: 100 },
    });
    services.push(service);
    const port = service.port;

    expect((await call(port, '/api/status')).status).toBe(401);

    const created = await cli(
      ['api', 'token', 'create', '--name', 'dossier-patient', '--data', data, '--json'],
      home,
    );
    expect(created.code).toBe(0);
    const { token, prefix, name } = JSON.parse(created.out) as {
      token: string;
      prefix: string;
      name: string;
    };
    expect(name).toBe('dossier-patient');
    expect(token.startsWith(prefix)).toBe(true);

    const status = await call(port, '/api/status', { headers: bearer(token) });
    expect(status.status).toBe(200);
    const parsed = ServiceStatusSchema.parse(JSON.parse(status.body));
    expect(parsed.client).toBe('dossier-patient');
    expect(parsed.health.components['server']).toEqual({ state: 'ok' });
    expect(parsed.outbox).toMatchObject({ total: 0, queued: 0 });

    const outbox = await call(port, '/api/outbox?limit=10&state=sent', { headers: bearer(token) });
    expect(outbox.status).toBe(200);
    expect(OutboxListSchema.parse(JSON.parse(outbox.body))).toMatchObject({ items: [] });
    const badOutbox = await call(port, '/api/outbox?state=envoye', { headers: bearer(token) });
    expect(badOutbox.status).toBe(400);
    expect(badOutbox.body).toContain('« state »');

    const openapi = JSON.parse(
      (await call(port, '/api/openapi.json', { headers: bearer(token) })).body,
    ) as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(openapi.paths)).toEqual(
      expect.arrayContaining([
        '/health',
        '/api/status',
        '/api/outbox',
        '/api/events',
        '/api/openapi.json',
      ]),
    );

    const listed = await cli(['api', 'token', 'list', '--data', data], home);
    expect(listed.out).toMatch(
      /^dossier-patient — nvt_.{8}… — créé le .*, dernière utilisation : /,
    );
    expect(listed.out).not.toContain(token);

    const foreign = await call(port, '/api/status', {
      headers: { ...bearer(token), Origin: 'https://evil.example' },
    });
    expect(foreign.status).toBe(403);

    // Events: the stream hears the service stopping, then ends.
    const sse = await openSse(port, '/api/events', token);
    expect(sse.status).toBe(200);
    await waitForText(sse.text, ': navette');

    const revoked = await cli(
      ['api', 'token', 'revoke', '--name', 'dossier-patient', '--data', data],
      home,
    );
    expect(revoked).toMatchObject({
      code: 0,
      out: "Jeton « dossier-patient » révoqué : il n'ouvre plus l'API locale.",
    });
    expect((await call(port, '/api/status', { headers: bearer(token) })).status).toBe(401);

    await service.stop('test');
    await sse.ended;
    expect(sse.text()).toContain(
      'event: component-changed\ndata: {"type":"component-changed","component":"server","status":{"state":"down"',
    );

    const logDir = path.join(data, 'logs');
    const logs = readdirSync(logDir)
      .map((f) => readFileSync(path.join(logDir, f), 'utf8'))
      .join('\n');
    expect(logs).toContain('/api/status'); // the requests were logged (debug)…
    expect(logs).toContain('api: request refused');
    expect(logs).not.toContain(token); // …never the token
    expect(logs).not.toContain(token.slice(prefix.length));
  });

  it('prints the token alone on stdout and explains on stderr; refuses bad usage', async () => {
    const home = makeTempDir();
    const created = await cli(['api', 'token', 'create', '--name', 'script'], home);
    expect(created.code).toBe(0);
    expect(created.out).toMatch(/^nvt_[A-Za-z0-9_-]{43}$/);
    expect(created.err).toContain('ne le montrera plus jamais');
    const again = await cli(['api', 'token', 'create', '--name', 'script', '--json'], home);
    expect(again.code).toBe(1);
    expect(again.out).toContain('"code":"API_TOKEN_NAME_TAKEN"');
    expect((await cli(['api', 'token', 'create'], home)).code).toBe(2);
    expect((await cli(['api', 'jeton'], home)).code).toBe(2);
    expect((await cli(['api', 'token', 'revoke', '--name', 'inconnu'], home)).code).toBe(1);
    const listed = JSON.parse(
      (await cli(['api', 'token', 'list', '--json', '--all'], home)).out,
    ) as unknown[];
    expect(listed).toEqual([
      expect.objectContaining({ name: 'script', lastUsedAt: null, revokedAt: null }),
    ]);
    expect(JSON.stringify(listed)).not.toContain(created.out);
  });
});
