// `sending.*` from the configuration to the worker, and a running worker taking new settings
// (a configuration reload).
import { afterEach, describe, expect, it } from 'vitest';
import { OutboxWorker } from '../../../../src/app/sending/OutboxWorker.js';
import { isCardHold, workerSettingsOf } from '../../../../src/app/sending/sendingSettings.js';
import {
  DEFAULT_CONFIG,
  NavetteConfigSchema,
  defaultConfig,
} from '../../../../src/app/config/index.js';
import { openDatabase, type Database } from '../../../../src/store/index.js';
import { OutboxRepository } from '../../../../src/store/outbox/index.js';
import { FakeDocumentSender } from '../../../integration/intake/support/FakeDocumentSender.js';
import { waitFor } from '../../../integration/intake/support/waitFor.js';

const dbs: Database[] = [];
const workers: OutboxWorker[] = [];
afterEach(async () => {
  for (const w of workers.splice(0)) await w.stop({ drainMs: 50, abortGraceMs: 50 });
  for (const db of dbs.splice(0)) db.close();
});

describe('sending settings', () => {
  it('defaults to 4 at once, 20 attempts, 30 s doubling to 1 h with equal jitter', () => {
    expect(workerSettingsOf(DEFAULT_CONFIG)).toEqual({
      concurrency: 4,
      maxAttempts: 20,
      backoff: { initialMs: 30_000, maxMs: 3_600_000, factor: 2, jitter: 0.5 },
    });
  });

  it('validates the section: bounds, unknown fields', () => {
    const parse = (sending: unknown) =>
      NavetteConfigSchema.safeParse({ ...DEFAULT_CONFIG, sending }).success;
    const ok = DEFAULT_CONFIG.sending;
    expect(parse({ ...ok, concurrency: 16 })).toBe(true);
    expect(parse({ ...ok, concurrency: 0 })).toBe(false);
    expect(parse({ ...ok, concurrency: 17 })).toBe(false);
    expect(parse({ ...ok, maxAttempts: 0 })).toBe(false);
    expect(parse({ ...ok, backoff: { ...ok.backoff, jitter: 1.5 } })).toBe(false);
    expect(parse({ ...ok, backoff: { ...ok.backoff, baseMs: 50 } })).toBe(false);
    expect(parse({ ...ok, retries: 3 })).toBe(false);
  });

  it('never lets the cap fall below the base', () => {
    const config = defaultConfig();
    config.sending.backoff.baseMs = 120_000;
    config.sending.backoff.maxMs = 60_000;
    expect(workerSettingsOf(config).backoff.maxMs).toBe(120_000);
  });

  it('holds card and PIN failures only', () => {
    expect(isCardHold({ code: 'CARD_REMOVED' })).toBe(true);
    expect(isCardHold({ code: 'CARD_PIN_REQUIRED' })).toBe(true);
    expect(isCardHold({ code: 'CARD_CERTIFICATE_EXPIRED' })).toBe(false);
    expect(isCardHold({ code: 'TRANSPORT_TIMEOUT' })).toBe(false);
    expect(isCardHold({})).toBe(false);
  });

  it('a running worker takes new settings: more documents in flight at once', async () => {
    const db = openDatabase(':memory:');
    dbs.push(db);
    const outbox = new OutboxRepository(db);
    const sender = new FakeDocumentSender();
    sender.latencyMs = 60;
    let inFlight = 0;
    let peak = 0;
    const counting = {
      send: async (...args: Parameters<FakeDocumentSender['send']>) => {
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        try {
          return await sender.send(...args);
        } finally {
          inFlight -= 1;
        }
      },
      findByUniqueId: (id: string) => sender.findByUniqueId(id),
    };
    const worker = new OutboxWorker({
      outbox,
      sender: counting,
      ...workerSettingsOf(DEFAULT_CONFIG),
    });
    workers.push(worker);
    worker.configure({ concurrency: 1 });
    for (let n = 1; n <= 12; n++) {
      outbox.enqueue({
        uniqueId: `1.2.3^${n}`,
        contentHash: n.toString(16).padStart(64, '0'),
        fileName: `cr-${n}.xml`,
        kind: 'cda-n3',
        payload: new TextEncoder().encode(`<doc ${n}/>`),
      });
    }
    worker.start();
    await waitFor(() => sender.sends.length >= 3, 'sender.sends.length >= 3');
    expect(peak).toBe(1);
    worker.configure({ concurrency: 3, maxAttempts: 5, backoff: { initialMs: 10 } });
    expect(worker.settings.concurrency).toBe(3);
    expect(worker.settings.maxAttempts).toBe(5);
    expect(worker.settings.backoff.initialMs).toBe(10);
    expect(worker.settings.backoff.maxMs).toBe(3_600_000);
    await worker.whenIdle();
    expect(peak).toBe(3);
    expect(outbox.counts().sent).toBe(12);
  });
});
