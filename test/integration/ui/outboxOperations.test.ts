// The Envois screen's operations through HTTP (the browser transport, the UI session token): a
// failed document goes back in the queue and wakes the worker, once; anything else is refused
// with a French reason; dropped files land in the first watched folder.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ComponentRegistry } from '../../../src/app/health/ComponentRegistry.js';
import { buildHealthReport } from '../../../src/app/health/healthReport.js';
import { createLocalApi } from '../../../src/app/service/localApi.js';
import { ServiceEventBus } from '../../../src/app/service/serviceEvents.js';
import type { SendingParts } from '../../../src/app/service/uiOperations.js';
import { createUiSession } from '../../../src/app/service/uiSession.js';
import { HttpApiClient } from '../../../src/renderer/client/HttpApiClient.js';
import { createHttpFrontEnd } from '../../../src/server/index.js';
import { openDatabase, type Database } from '../../../src/store/index.js';
import { OutboxRepository } from '../../../src/store/outbox/index.js';
import { makeTempDir, removeTempDirs } from '../../support/tempDir.js';

let db: Database;
let server: ReturnType<typeof createHttpFrontEnd>;
let client: HttpApiClient;
let wakes = 0;
const dropFolder = makeTempDir('navette-ui-watched-');

beforeAll(async () => {
  db = openDatabase(path.join(makeTempDir('navette-ui-outbox-'), 'navette.db'));
  const registry = new ComponentRegistry();
  const health = () =>
    buildHealthReport({
      version: '0.0.0',
      startedAt: Date.now(),
      now: Date.now(),
      demo: false,
      registry,
      configProblems: [],
    });
  const session = createUiSession();
  const parts: SendingParts = {
    // Not used by these operations (the Lot screen's are covered end to end).
    batches: undefined as never,
    dropFolder,
    wake: () => {
      wakes++;
    },
  };
  server = createHttpFrontEnd({
    health,
    demo: false,
    uiDir: makeTempDir('navette-ui-dir-'),
    api: createLocalApi({
      db,
      version: '0.0.0',
      health,
      events: new ServiceEventBus(),
      uiSession: session,
      sending: () => parts,
      tuning: { validateResponses: true },
    }),
  });
  const port = await server.listen(0);
  client = new HttpApiClient({ baseUrl: `http://127.0.0.1:${port}`, token: session.token });
});

afterAll(async () => {
  await server?.stop(1000);
  db?.close();
  removeTempDirs();
});

describe('Envois operations', () => {
  it('puts a failed document back in the queue and wakes the worker; refuses the rest', async () => {
    const outbox = new OutboxRepository(db);
    const { item } = outbox.enqueue({
      uniqueId: '1.2.250.1.999.1',
      contentHash: 'a'.repeat(64),
      fileName: 'cr.xml',
      kind: 'cda',
      payload: new TextEncoder().encode('<x/>'),
    });
    outbox.takeNextDue();
    outbox.markFailed(item.id, { reason: 'Le DMP ne répond pas.' });

    const retried = await client.call('retryOutboxItem', { body: { itemId: item.id } });
    expect(retried).toMatchObject({ id: item.id, state: 'queued', attempts: 0 });
    expect(wakes).toBe(1);
    const again = await client
      .call('retryOutboxItem', { body: { itemId: item.id } })
      .catch((e: unknown) => e);
    expect(again).toMatchObject({ code: 'OUTBOX_NOT_RETRYABLE', status: 422 });
    expect((again as Error).message).toMatch(/Seul un document en échec/);
    const missing = await client
      .call('retryOutboxItem', { body: { itemId: 999 } })
      .catch((e: unknown) => e);
    expect(missing).toMatchObject({ code: 'OUTBOX_ITEM_NOT_FOUND', status: 404 });
    expect(wakes).toBe(1);
  });

  it('writes dropped files into the first watched folder', async () => {
    const result = await client.call('dropOutboxFiles', {
      body: {
        files: [
          { name: 'lettre.pdf', contentBase64: Buffer.from('%PDF-1.4').toString('base64') },
          { name: 'lettre.json', contentBase64: Buffer.from('{}').toString('base64') },
        ],
      },
    });
    expect(result.accepted).toEqual(['lettre.json', 'lettre.pdf']);
    expect(readdirSync(dropFolder).sort()).toEqual(['lettre.json', 'lettre.pdf']);
    expect(readFileSync(path.join(dropFolder, 'lettre.pdf'), 'utf8')).toBe('%PDF-1.4');
  });
});
