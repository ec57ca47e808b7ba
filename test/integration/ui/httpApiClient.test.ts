// The browser transport (HttpApiClient) against a real local server with the UI session token:
// calls by operation id (query, body, path params), the service's typed errors as ApiCallError
// with their French message, 401 for another token, and the event stream read with fetch
// streaming (no EventSource: it cannot send the Authorization header).
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceEvent } from '../../../src/api/events.js';
import type { HealthReport } from '../../../src/api/health.js';
import { ComponentRegistry } from '../../../src/app/health/ComponentRegistry.js';
import { buildHealthReport } from '../../../src/app/health/healthReport.js';
import { createLocalApi } from '../../../src/app/service/localApi.js';
import { ServiceEventBus } from '../../../src/app/service/serviceEvents.js';
import { createUiSession, type UiSession } from '../../../src/app/service/uiSession.js';
import { ApiCallError } from '../../../src/renderer/client/ApiClient.js';
import { HttpApiClient } from '../../../src/renderer/client/HttpApiClient.js';
import { createHttpFrontEnd } from '../../../src/server/index.js';
import { AuditJournal, openDatabase, type Database } from '../../../src/store/index.js';
import { makeTempDir, removeTempDirs } from '../../support/tempDir.js';

const registry = new ComponentRegistry();
const health = (): HealthReport =>
  buildHealthReport({
    version: '0.0.0',
    startedAt: Date.now(),
    now: Date.now(),
    demo: false,
    registry,
    configProblems: [],
  });

let db: Database;
let server: ReturnType<typeof createHttpFrontEnd>;
let session: UiSession;
let base: string;
const events = new ServiceEventBus();

beforeAll(async () => {
  db = openDatabase(path.join(makeTempDir('navette-http-ui-'), 'navette.db'));
  new AuditJournal(db, () => new Date('2026-11-02T10:00:00Z')).append({
    actor: '801234567890',
    transaction: 'TD2.1',
    result: 'success',
  });
  session = createUiSession();
  server = createHttpFrontEnd({
    health,
    demo: false,
    uiDir: makeTempDir('navette-http-ui-dir-'),
    api: createLocalApi({
      db,
      version: '0.0.0',
      health,
      events,
      uiSession: session,
      tuning: { validateResponses: true, heartbeatMs: 50 },
    }),
  });
  const port = await server.listen(0);
  base = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  await server?.stop(1000);
  db?.close();
  removeTempDirs();
});

describe('HttpApiClient', () => {
  it('calls operations by id with the session token (query and body)', async () => {
    const client = new HttpApiClient({ baseUrl: base, token: session.token });
    expect(client.transport).toBe('http');
    expect((await client.call('getStatus', {})).client).toBe('interface');
    const outbox = await client.call('listOutbox', { query: { limit: 5 } });
    expect(outbox.items).toEqual([]);
    const journal = await client.call('listJournal', {
      query: { from: '2026-11-01T00:00:00.000Z', to: '2026-11-03T00:00:00.000Z' },
    });
    expect(journal.entries.map((e) => e.transaction)).toEqual(['TD2.1']);
    const none = await client.call('listJournal', { query: { from: '2026-11-05T00:00:00.000Z' } });
    expect(none.entries).toEqual([]);
    const verification = await client.call('verifyJournal', {});
    expect(verification).toMatchObject({ ok: true, checked: 1 });
    expect(verification.message).toMatch(/^Journal intact/);
    const csv = await client.call('exportJournalCsv', { query: {} });
    expect(csv.csv.split('\r\n')[1]).toContain('TD2.1');
  });

  it('gives the service’s typed errors with their French message (path params too)', async () => {
    const client = new HttpApiClient({ baseUrl: base, token: session.token });
    // No export folder: the send path (batches, retry, drop) is not running.
    const error = await client
      .call('getBatch', { params: { batchId: 4 } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiCallError);
    expect(error).toMatchObject({ code: 'SENDING_NOT_STARTED', status: 422 });
    const invalid = await client
      .call('retryOutboxItem', { body: { itemId: -1 } })
      .catch((e: unknown) => e);
    expect(invalid).toMatchObject({ code: 'INVALID_REQUEST', status: 400 });
    expect((invalid as Error).message).toMatch(/itemId/);
  });

  it('refuses another token with a French sentence saying how to reopen the UI', async () => {
    const client = new HttpApiClient({ baseUrl: base, token: createUiSession().token });
    const error = await client.call('getStatus', {}).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'UNAUTHORIZED', status: 401 });
    expect((error as Error).message).toMatch(/Rouvrez l'adresse/);
  });

  it('streams the service events (fetch streaming, bearer header) until stopped', async () => {
    const client = new HttpApiClient({ baseUrl: base, token: session.token, reconnectMs: 50 });
    const seen: ServiceEvent[] = [];
    const connected = new Promise<void>((resolve) => {
      const stop = client.events(
        (e) => seen.push(e),
        (up) => {
          if (up) resolve();
        },
      );
      afterAll(stop);
    });
    await connected;
    const event: ServiceEvent = { type: 'outbox-item', itemId: 7, batchId: null, change: 'sent' };
    // The subscription is made when the stream opens; publish until it arrives.
    const deadline = Date.now() + 5000;
    while (seen.length === 0 && Date.now() < deadline) {
      events.publish(event);
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(seen[0]).toEqual(event);
  });
});
