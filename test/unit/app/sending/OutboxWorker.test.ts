// The outbox worker against a real (in-memory) SQLite outbox and a fake sender at the port that
// counts what reached its "DMP registry". Backoff is shrunk to milliseconds; nothing else is faked.
import { afterEach, describe, expect, it } from 'vitest';
import {
  OutboxWorker,
  type OutboxWorkerOptions,
} from '../../../../src/app/sending/OutboxWorker.js';
import type { OutboxWorkerEvent } from '../../../../src/app/sending/workerEvents.js';
import { openDatabase, type Database } from '../../../../src/store/index.js';
import { OutboxRepository } from '../../../../src/store/outbox/index.js';
import { FakeDocumentSender } from '../../../integration/intake/support/FakeDocumentSender.js';
import { sleep, waitFor } from '../../../integration/intake/support/waitFor.js';

const dbs: Database[] = [];
const workers: OutboxWorker[] = [];
afterEach(async () => {
  for (const w of workers.splice(0)) await w.stop({ drainMs: 50, abortGraceMs: 50 });
  for (const db of dbs.splice(0)) db.close();
});

function setup(opts: Partial<OutboxWorkerOptions> = {}) {
  const db = openDatabase(':memory:');
  dbs.push(db);
  const outbox = new OutboxRepository(db);
  const sender = new FakeDocumentSender();
  const events: OutboxWorkerEvent[] = [];
  const make = (more: Partial<OutboxWorkerOptions> = {}): OutboxWorker => {
    const worker = new OutboxWorker({
      outbox,
      sender,
      backoff: { initialMs: 20, maxMs: 100 },
      random: () => 0,
      ...opts,
      ...more,
    });
    worker.onEvent((e) => events.push(e));
    workers.push(worker);
    return worker;
  };
  const enqueue = (n: number) =>
    outbox.enqueue({
      uniqueId: `1.2.3^${n}`,
      contentHash: n.toString(16).padStart(64, '0'),
      fileName: `cr-${n}.xml`,
      kind: 'cda-n3',
      payload: new TextEncoder().encode(`<doc ${n}/>`),
    }).item;
  return { db, outbox, sender, events, make, enqueue };
}

const types = (events: OutboxWorkerEvent[], itemId?: number): string[] =>
  events
    .filter((e) => itemId === undefined || ('itemId' in e && e.itemId === itemId))
    .map((e) => e.type);

describe('OutboxWorker', () => {
  it('sends queued documents once each and records the receipt', async () => {
    const { outbox, sender, events, make, enqueue } = setup();
    const items = [1, 2, 3].map(enqueue);
    const worker = make();
    worker.start();
    await waitFor(() => outbox.counts().sent === 3, 'three sent');
    await worker.whenIdle();
    expect([...sender.registry.values()]).toEqual([1, 1, 1]);
    expect(
      sender.sends.map((s) => [s.uniqueId, s.attempt, new TextDecoder().decode(s.bytes)]),
    ).toEqual([
      ['1.2.3^1', 1, '<doc 1/>'],
      ['1.2.3^2', 1, '<doc 2/>'],
      ['1.2.3^3', 1, '<doc 3/>'],
    ]);
    expect(outbox.get(items[0]!.id)?.receipt).toEqual({ entryUuid: `urn:uuid:${items[0]!.id}` });
    expect(types(events, items[0]!.id)).toEqual(['sending', 'sent']);
    expect(sender.lookups).toEqual([]);
  });

  it('records a refusal as final, with the French reason', async () => {
    const { outbox, sender, events, make, enqueue } = setup();
    const item = enqueue(1);
    sender.script('1.2.3^1', {
      kind: 'refuse',
      reason: 'Le patient a fermé son DMP.',
      code: 'DMP_CLOSED',
    });
    make().start();
    await waitFor(() => outbox.get(item.id)?.state === 'refused', 'refused');
    expect(outbox.get(item.id)).toMatchObject({
      errorCode: 'DMP_CLOSED',
      lastError: 'Le patient a fermé son DMP.',
    });
    expect(events.find((e) => e.type === 'refused')).toMatchObject({ code: 'DMP_CLOSED' });
  });

  it('retries a failure that did not reach the DMP after the backoff, without asking first', async () => {
    const { outbox, sender, events, make, enqueue } = setup();
    const item = enqueue(1);
    sender.script('1.2.3^1', { kind: 'fail', reached: false }, { kind: 'fail', reached: false });
    const started = Date.now();
    make().start();
    await waitFor(() => outbox.get(item.id)?.state === 'sent', 'sent after retries');
    // 20 ms then 40 ms of backoff (random() = 0: no jitter taken off).
    expect(Date.now() - started).toBeGreaterThanOrEqual(55);
    expect(sender.sendCount('1.2.3^1')).toBe(3);
    expect(sender.lookups).toEqual([]);
    const retries = events.filter((e) => e.type === 'retry');
    expect(retries.map((e) => e.type === 'retry' && e.attempt)).toEqual([1, 2]);
    expect(outbox.get(item.id)).toMatchObject({
      attempts: 3,
      needsReconcile: false,
      lastError: null,
    });
  });

  it('after an ambiguous failure, finds the document in the DMP instead of sending it twice', async () => {
    const { outbox, sender, events, make, enqueue } = setup();
    const item = enqueue(1);
    sender.script('1.2.3^1', { kind: 'fail', reached: true });
    make().start();
    await waitFor(() => outbox.get(item.id)?.state === 'sent', 'sent');
    expect(sender.sendCount('1.2.3^1')).toBe(1);
    expect(sender.lookups).toEqual(['1.2.3^1']);
    expect(sender.registry.get('1.2.3^1')).toBe(1);
    expect(events.find((e) => e.type === 'sent')).toMatchObject({ reconciled: true });
  });

  it('resends after an ambiguous failure only when the DMP says it does not have it', async () => {
    const { outbox, sender, make, enqueue } = setup();
    const item = enqueue(1);
    sender.script('1.2.3^1', { kind: 'throw' }); // counts as "may have reached the DMP"
    make().start();
    await waitFor(() => outbox.get(item.id)?.state === 'sent', 'sent');
    expect(sender.lookups).toEqual(['1.2.3^1']);
    expect(sender.sendCount('1.2.3^1')).toBe(2);
    expect(sender.registry.get('1.2.3^1')).toBe(1);
  });

  it('keeps asking (never sending) while the reconciliation itself fails', async () => {
    const { outbox, sender, make, enqueue } = setup();
    const item = enqueue(1);
    sender.script('1.2.3^1', { kind: 'fail', reached: true });
    sender.failingLookups = 2;
    make().start();
    await waitFor(() => outbox.get(item.id)?.state === 'sent', 'sent');
    expect(sender.lookups).toHaveLength(3);
    expect(sender.sendCount('1.2.3^1')).toBe(1);
    expect(sender.registry.get('1.2.3^1')).toBe(1);
  });

  it('reconciles a row found in sending at start: a crash after the DMP registered it sends nothing', async () => {
    const { outbox, sender, events, make, enqueue } = setup();
    const registered = enqueue(1);
    const lost = enqueue(2);
    // A previous run took both and died mid-send; the DMP had received the first one only.
    outbox.takeNextDue();
    outbox.takeNextDue();
    sender.registry.set('1.2.3^1', 1);
    const worker = make();
    expect(worker.start()).toBe(2);
    await waitFor(() => outbox.counts().sent === 2, 'both sent');
    expect(events[0]).toEqual({ type: 'recovered', count: 2 });
    expect(sender.lookups.sort()).toEqual(['1.2.3^1', '1.2.3^2']);
    expect(sender.sendCount('1.2.3^1')).toBe(0);
    expect(sender.sendCount('1.2.3^2')).toBe(1);
    expect([...sender.registry.entries()].sort()).toEqual([
      ['1.2.3^1', 1],
      ['1.2.3^2', 1],
    ]);
    expect(outbox.get(registered.id)?.attempts).toBe(2);
    expect(outbox.get(lost.id)?.receipt).toEqual({ entryUuid: `urn:uuid:${lost.id}` });
  });

  it('gives up after the retry budget with a French reason', async () => {
    const { outbox, sender, events, make, enqueue } = setup();
    const item = enqueue(1);
    sender.script(
      '1.2.3^1',
      ...Array.from({ length: 5 }, () => ({ kind: 'fail' as const, reached: false })),
    );
    make({ maxAttempts: 3 }).start();
    await waitFor(() => outbox.get(item.id)?.state === 'failed', 'failed');
    expect(sender.sendCount('1.2.3^1')).toBe(3);
    expect(outbox.get(item.id)?.lastError).toMatch(
      /^Le DMP n'a pas pu être joint après 3 tentatives/,
    );
    expect(types(events, item.id).filter((t) => t !== 'sending')).toEqual([
      'retry',
      'retry',
      'failed',
    ]);
  });

  it('sends one document at a time by default, and up to `concurrency` when asked', async () => {
    for (const concurrency of [undefined, 3]) {
      const { outbox, sender, make, enqueue } = setup();
      for (let n = 1; n <= 6; n++) enqueue(n);
      sender.latencyMs = 30;
      let active = 0;
      let peak = 0;
      const worker = make(concurrency === undefined ? {} : { concurrency });
      worker.onEvent((e) => {
        if (e.type === 'sending') peak = Math.max(peak, ++active);
        if (e.type === 'sent') active -= 1;
      });
      worker.start();
      await waitFor(() => outbox.counts().sent === 6, 'six sent');
      expect(peak).toBe(concurrency ?? 1);
    }
  });

  it('pauses and resumes', async () => {
    const { outbox, make, enqueue } = setup();
    const worker = make();
    worker.start();
    worker.pause();
    enqueue(1);
    worker.wake();
    await sleep(50);
    expect(outbox.counts().queued).toBe(1);
    worker.resume();
    await waitFor(() => outbox.counts().sent === 1, 'sent after resume');
  });

  it('stops cleanly: lets the send in progress finish and starts no other', async () => {
    const { outbox, sender, make, enqueue } = setup();
    enqueue(1);
    enqueue(2);
    sender.latencyMs = 80;
    const worker = make();
    worker.start();
    await waitFor(() => sender.sends.length === 1, 'first send started');
    await worker.stop();
    expect(outbox.counts()).toMatchObject({ sent: 1, queued: 1, sending: 0 });
    expect(sender.sends).toHaveLength(1);
  });

  it('aborts a send that outlives the drain, leaving it to be reconciled', async () => {
    const { outbox, sender, make, enqueue } = setup();
    const item = enqueue(1);
    sender.script('1.2.3^1', { kind: 'hang', reached: true });
    const worker = make();
    worker.start();
    await waitFor(() => sender.sends.length === 1, 'send started');
    await worker.stop({ drainMs: 30 });
    expect(outbox.get(item.id)).toMatchObject({ state: 'retry-wait', needsReconcile: true });

    // The next run asks the DMP, finds it, and sends nothing more.
    make().start();
    await waitFor(() => outbox.get(item.id)?.state === 'sent', 'reconciled');
    expect(sender.sendCount('1.2.3^1')).toBe(1);
    expect(sender.registry.get('1.2.3^1')).toBe(1);
  });
});
