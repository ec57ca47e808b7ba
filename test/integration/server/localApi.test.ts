// The local API on a real server (127.0.0.1) with the real token store (SQLite file): tokens,
// CORS, body limits, validation, the OpenAPI document and the event stream.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ServiceEvent } from '../../../src/api/events.js';
import { EVENTS } from '../../../src/api/eventStream.js';
import type { OperationDefinition } from '../../../src/api/operations.js';
import { ComponentRegistry } from '../../../src/app/health/ComponentRegistry.js';
import { buildHealthReport } from '../../../src/app/health/healthReport.js';
import { ServiceEventBus } from '../../../src/app/service/serviceEvents.js';
import {
  createHttpFrontEnd,
  eventStreamOperation,
  jsonOperation,
  type LocalApiOptions,
  type LocalServer,
} from '../../../src/server/index.js';
import { ApiTokenRepository, openDatabase, type Database } from '../../../src/store/index.js';
import { waitForText } from '../../support/cli.js';
import { makeTempDir, removeTempDirs } from '../../support/tempDir.js';
import { call, chunkedUpload, openSse } from './apiClient.js';

const ECHO = {
  method: 'POST',
  path: '/api/test/echo',
  auth: 'token',
  id: 'echo',
  summary: 'Renvoie le message reçu',
  body: z.strictObject({ message: z.string().min(1), count: z.number().int().optional() }),
  response: z.object({ message: z.string(), client: z.string() }),
} as const satisfies OperationDefinition;

const PING = {
  method: 'GET',
  path: '/api/test/ping',
  auth: 'token',
  id: 'ping',
  query: z.strictObject({ n: z.coerce.number().int().min(1).max(5).default(1) }),
  response: z.object({ pong: z.number() }),
} as const satisfies OperationDefinition;

const servers: LocalServer[] = [];
const dbs: Database[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.stop(200);
  for (const db of dbs.splice(0)) db.close();
  removeTempDirs();
});

interface Fixture {
  server: LocalServer;
  port: number;
  tokens: ApiTokenRepository;
  token: string;
  events: ServiceEventBus;
}

async function start(extra: Partial<LocalApiOptions> = {}): Promise<Fixture> {
  const dir = makeTempDir();
  const uiDir = path.join(dir, 'ui');
  mkdirSync(uiDir);
  const db = openDatabase(path.join(dir, 'navette.db'));
  dbs.push(db);
  const tokens = new ApiTokenRepository(db);
  const { token } = tokens.create('tests');
  const events = new ServiceEventBus();
  const registry = new ComponentRegistry();
  const server = createHttpFrontEnd({
    demo: false,
    uiDir,
    health: () =>
      buildHealthReport({
        version: '9.9.9',
        startedAt: 0,
        now: 0,
        demo: false,
        registry,
        configProblems: [],
      }),
    api: {
      version: '9.9.9',
      tokens,
      validateResponses: true,
      maxBodyBytes: 1024,
      operations: [
        jsonOperation(ECHO, ({ body, client }) => ({
          message: body.message,
          client: client?.name ?? '',
        })),
        jsonOperation(PING, ({ query }) => ({ pong: query.n })),
        eventStreamOperation(EVENTS, { source: events, heartbeatMs: 50 }),
      ],
      ...extra,
    },
  });
  servers.push(server);
  const port = await server.listen(0);
  return { server, port, tokens, token, events };
}

const bearer = (token: string): Record<string, string> => ({ Authorization: `Bearer ${token}` });
const errorOf = (body: string): { code: string; message: string } =>
  (JSON.parse(body) as { error: { code: string; message: string } }).error;

describe('local API: tokens', () => {
  it('answers 401 with WWW-Authenticate without a token, with a wrong one, with a revoked one', async () => {
    const f = await start();
    const none = await call(f.port, '/api/test/ping');
    expect(none.status).toBe(401);
    expect(none.headers['www-authenticate']).toBe('Bearer realm="navette"');
    expect(errorOf(none.body)).toMatchObject({ code: 'UNAUTHORIZED' });
    expect(errorOf(none.body).message).toMatch(/^Jeton d'accès manquant/);

    const wrong = await call(f.port, '/api/test/ping', {
      headers: bearer(`${f.token.slice(0, -2)}zz`),
    });
    expect(wrong.status).toBe(401);
    expect(wrong.headers['www-authenticate']).toContain('error="invalid_token"');
    expect(
      (await call(f.port, '/api/test/ping', { headers: { Authorization: f.token } })).status,
    ).toBe(401);
    expect(
      (await call(f.port, '/api/test/ping', { headers: { Authorization: `Basic ${f.token}` } }))
        .status,
    ).toBe(401);

    const good = await call(f.port, '/api/test/ping?n=3', { headers: bearer(f.token) });
    expect(good.status).toBe(200);
    expect(JSON.parse(good.body)).toEqual({ pong: 3 });
    expect(good.headers['x-content-type-options']).toBe('nosniff');
    expect(good.headers['access-control-allow-origin']).toBeUndefined();

    // Created and revoked while the server runs: effective on the next request.
    const later = f.tokens.create('plus-tard');
    expect((await call(f.port, '/api/test/ping', { headers: bearer(later.token) })).status).toBe(
      200,
    );
    f.tokens.revoke('tests');
    expect((await call(f.port, '/api/test/ping', { headers: bearer(f.token) })).status).toBe(401);
  });

  it('keeps /health open and unknown /api paths behind the token', async () => {
    const f = await start();
    expect((await call(f.port, '/health')).status).toBe(200);
    expect((await call(f.port, '/api/inconnu')).status).toBe(401);
    expect((await call(f.port, '/api/inconnu', { headers: bearer(f.token) })).status).toBe(404);
  });
});

describe('local API: CORS closed by default', () => {
  it('refuses a foreign Origin (403) even with a good token, and every preflight', async () => {
    const f = await start();
    const foreign = await call(f.port, '/api/test/ping', {
      headers: { ...bearer(f.token), Origin: 'https://evil.example' },
    });
    expect(foreign.status).toBe(403);
    expect(errorOf(foreign.body).code).toBe('ORIGIN_REFUSED');
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();

    const preflight = await call(f.port, '/api/test/echo', {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://evil.example',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization, content-type',
      },
    });
    expect(preflight.status).toBe(403);
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();

    // The web UI served by Navette itself (same origin) passes.
    const own = await call(f.port, '/api/test/ping', {
      headers: { ...bearer(f.token), Origin: `http://localhost:${f.port}` },
    });
    expect(own.status).toBe(200);
  });

  it('opens to an allowlisted origin only, with the CORS headers', async () => {
    const f = await start({ allowedOrigins: ['https://logiciel.example'] });
    const preflight = await call(f.port, '/api/test/echo', {
      method: 'OPTIONS',
      headers: { Origin: 'https://logiciel.example', 'Access-Control-Request-Method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('https://logiciel.example');
    expect(preflight.headers['access-control-allow-headers']).toContain('Authorization');
    const ok = await call(f.port, '/api/test/ping', {
      headers: { ...bearer(f.token), Origin: 'https://logiciel.example' },
    });
    expect(ok.status).toBe(200);
    expect(ok.headers['access-control-allow-origin']).toBe('https://logiciel.example');
    expect(ok.headers.vary).toBe('Origin');
    const other = await call(f.port, '/api/test/ping', {
      headers: { ...bearer(f.token), Origin: 'https://autre.example' },
    });
    expect(other.status).toBe(403);
  });
});

describe('local API: bodies', () => {
  it('answers 413 to a body over the limit, declared or chunked without Content-Length', async () => {
    const f = await start();
    const json = { ...bearer(f.token), 'Content-Type': 'application/json' };
    const big = JSON.stringify({ message: 'x'.repeat(2000) });
    const declared = await call(f.port, '/api/test/echo', {
      method: 'POST',
      headers: { ...json, 'Content-Length': String(Buffer.byteLength(big)) },
      body: big,
    });
    expect(declared.status).toBe(413);
    expect(errorOf(declared.body)).toMatchObject({ code: 'BODY_TOO_LARGE' });
    expect(errorOf(declared.body).message).toContain('taille maximale');

    // 1 000 chunks of 1 KB: the server answers after the second one and closes the connection.
    const chunked = await chunkedUpload(f.port, '/api/test/echo', json, 1000, 1024);
    expect(chunked.statusLine).toBe('HTTP/1.1 413 Payload Too Large');
    expect(chunked.text).toContain('BODY_TOO_LARGE');

    // Within the limit, chunked, it goes through.
    const small = await chunkedUpload(
      f.port,
      '/api/test/echo',
      { ...json, Connection: 'close' },
      0,
      0,
    );
    expect(small.statusLine).toBe('HTTP/1.1 400 Bad Request'); // empty: the body is required
  });

  it('requires JSON (415), valid JSON (400) and a valid body (400 naming the field)', async () => {
    const f = await start();
    const post = (headers: Record<string, string>, body: string) =>
      call(f.port, '/api/test/echo', {
        method: 'POST',
        headers: { ...bearer(f.token), ...headers },
        body,
      });
    const text = await post({ 'Content-Type': 'text/plain' }, '{"message":"a"}');
    expect(text.status).toBe(415);
    expect(errorOf(text.body).code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect((await post({}, '{"message":"a"}')).status).toBe(415);

    const broken = await post({ 'Content-Type': 'application/json' }, '{"message":');
    expect(broken.status).toBe(400);
    expect(errorOf(broken.body).code).toBe('INVALID_JSON');

    const invalid = await post(
      { 'Content-Type': 'application/json' },
      '{"message":"a","count":1.5}',
    );
    expect(invalid.status).toBe(400);
    expect(errorOf(invalid.body).message).toMatch(
      /^Le champ « count » du corps de la requête est invalide : /,
    );

    const extra = await post({ 'Content-Type': 'application/json' }, '{"message":"a","autre":1}');
    expect(errorOf(extra.body).message).toContain('« autre »');

    const ok = await post({ 'Content-Type': 'application/json; charset=utf-8' }, '{"message":"é"}');
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toEqual({ message: 'é', client: 'tests' });

    const badQuery = await call(f.port, '/api/test/ping?n=9', { headers: bearer(f.token) });
    expect(badQuery.status).toBe(400);
    expect(errorOf(badQuery.body).message).toMatch(/^Le paramètre « n » est invalide : /);
    const bodyOnGet = await call(f.port, '/api/test/ping', {
      headers: { ...bearer(f.token), 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(bodyOnGet.status).toBe(400);
  });

  it('takes the size limit as an option', async () => {
    const f = await start({ maxBodyBytes: 10 });
    const res = await call(f.port, '/api/test/echo', {
      method: 'POST',
      headers: { ...bearer(f.token), 'Content-Type': 'application/json' },
      body: '{"message":"abcdef"}',
    });
    expect(res.status).toBe(413);
  });
});

describe('local API: OpenAPI document', () => {
  it('is valid JSON listing every mounted route with bearer security', async () => {
    const f = await start();
    expect((await call(f.port, '/api/openapi.json')).status).toBe(401);
    const res = await call(f.port, '/api/openapi.json', { headers: bearer(f.token) });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    const doc = JSON.parse(res.body) as {
      openapi: string;
      info: { version: string };
      components: { securitySchemes: Record<string, { type: string; scheme: string }> };
      paths: Record<
        string,
        Record<
          string,
          {
            security: unknown[];
            operationId?: string;
            parameters?: unknown[];
            requestBody?: unknown;
            responses: Record<string, unknown>;
          }
        >
      >;
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.version).toBe('9.9.9');
    expect(doc.components.securitySchemes['bearerToken']).toMatchObject({
      type: 'http',
      scheme: 'bearer',
    });
    expect(Object.keys(doc.paths).sort()).toEqual(
      ['/api/events', '/api/openapi.json', '/api/test/echo', '/api/test/ping', '/health'].sort(),
    );
    for (const [p, item] of Object.entries(doc.paths)) {
      for (const op of Object.values(item)) {
        expect(op.security, p).toEqual(p === '/health' ? [] : [{ bearerToken: [] }]);
        expect(op.responses['200'], p).toBeDefined();
        if (p !== '/health') expect(op.responses['401'], p).toBeDefined();
      }
    }
    expect(doc.paths['/api/test/echo']?.['post']?.requestBody).toMatchObject({
      required: true,
      content: { 'application/json': { schema: { type: 'object', required: ['message'] } } },
    });
    expect(doc.paths['/api/test/ping']?.['get']?.parameters).toEqual([
      {
        name: 'n',
        in: 'query',
        required: false,
        schema: expect.objectContaining({ type: 'integer', default: 1 }),
      },
    ]);
    expect(Object.keys(doc.paths['/api/events']?.['get']?.responses['200'] as object)).toContain(
      'content',
    );
    expect(res.body).toContain('text/event-stream');
  });
});

describe('local API: event stream', () => {
  it('requires the token, delivers events with heartbeats, and ends when the server stops', async () => {
    const f = await start();
    expect((await call(f.port, '/api/events')).status).toBe(401);
    const head = await call(f.port, '/api/events', { method: 'HEAD', headers: bearer(f.token) });
    expect(head.status).toBe(200); // answered at once, not held open
    const sse = await openSse(f.port, '/api/events', f.token);
    expect(sse.status).toBe(200);
    expect(sse.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    await waitForText(sse.text, ': navette');
    const event: ServiceEvent = {
      type: 'component-changed',
      component: 'card',
      status: { state: 'ok' },
    };
    f.events.publish(event);
    f.events.publish({ type: 'outbox-item', itemId: 7, batchId: null, change: 'sent' });
    await waitForText(sse.text, 'event: outbox-item');
    expect(sse.text()).toContain(`event: component-changed\ndata: ${JSON.stringify(event)}\n\n`);
    expect(sse.text()).toContain(
      'data: {"type":"outbox-item","itemId":7,"batchId":null,"change":"sent"}\n\n',
    );
    await waitForText(sse.text, ': ping');
    const started = Date.now();
    expect(await f.server.stop(5000)).toBe(true);
    await sse.ended;
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('stops writing to a client that left', async () => {
    const f = await start();
    const sse = await openSse(f.port, '/api/events', f.token);
    await waitForText(sse.text, ': navette');
    sse.close();
    await new Promise((r) => setTimeout(r, 100));
    expect(f.server.inFlight).toBe(0);
    f.events.publish({ type: 'outbox-item', itemId: 1, batchId: 2, change: 'retry' });
  });
});
