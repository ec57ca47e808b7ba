// The outbox repository on a real SQLite file: dedup, transitions, recovery, batches, placements,
// and durability across a reopen.
import { afterEach, describe, expect, it } from 'vitest';
import { AuditJournal, openDatabase, type Database } from '../../../src/store/index.js';
import {
  OutboxError,
  OutboxRepository,
  TRANSITIONS,
  type EnqueueInput,
} from '../../../src/store/outbox/index.js';
import { tempDbFile } from './tempDb.js';

const open: Database[] = [];
afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
});

/** A clock that only moves when told. */
function clock(start = '2025-05-12T08:00:00.000Z'): { now: () => Date; advance(ms: number): void } {
  let t = Date.parse(start);
  return { now: () => new Date(t), advance: (ms) => (t += ms) };
}

function setup(file = tempDbFile()) {
  const db = openDatabase(file);
  open.push(db);
  const c = clock();
  const journal = new AuditJournal(db, c.now);
  const outbox = new OutboxRepository(db, { now: c.now, journal });
  return { db, file, outbox, journal, clock: c };
}

const hash = (n: number): string => n.toString(16).padStart(64, '0');

function doc(n: number, extra: Partial<EnqueueInput> = {}): EnqueueInput {
  return {
    uniqueId: `1.2.250.1.999^${n}`,
    contentHash: hash(n),
    fileName: `cr-${n}.xml`,
    kind: 'cda-n3',
    ...extra,
  };
}

function claim(id: string) {
  return {
    claimId: id,
    claimDir: `/export/.navette-en-cours/p/${id}`,
    sentDir: '/export/sent',
    errorDir: '/export/error',
  };
}

describe('OutboxRepository.enqueue', () => {
  it('queues a new document, due now, with its claim and payload', () => {
    const { outbox } = setup();
    const payload = new Uint8Array([1, 2, 3]);
    const { status, item } = outbox.enqueue(
      doc(1, { claim: claim('c1'), payload, title: 'CR', sidecarName: 'cr-1.json' }),
    );
    expect(status).toBe('queued');
    expect(item).toMatchObject({
      state: 'queued',
      uniqueId: '1.2.250.1.999^1',
      attempts: 0,
      needsReconcile: false,
      title: 'CR',
      sidecarName: 'cr-1.json',
      claim: claim('c1'),
    });
    expect(item.nextAt?.toISOString()).toBe('2025-05-12T08:00:00.000Z');
    expect([...(outbox.payload(item.id) ?? [])]).toEqual([1, 2, 3]);
    expect(outbox.findByClaim('c1')?.id).toBe(item.id);
  });

  it('records the same claim only once (a restart after a crash)', () => {
    const { outbox } = setup();
    const first = outbox.enqueue(doc(1, { claim: claim('c1') }));
    const again = outbox.enqueue(doc(1, { claim: claim('c1') }));
    expect(again).toEqual({ status: 'existing', item: first.item });
    expect(outbox.counts().total).toBe(1);
  });

  it('records an identical document as a journalled duplicate of the live one', () => {
    const { outbox, journal } = setup();
    const first = outbox.enqueue(doc(1, { claim: claim('c1') })).item;
    const dup = outbox.enqueue(doc(1, { claim: claim('c2') }));
    expect(dup.status).toBe('duplicate');
    expect(dup.item).toMatchObject({ state: 'duplicate', duplicateOf: first.id });
    // Same bytes under another uniqueId (a PDF wrapped again) is the same document too.
    const rewrapped = outbox.enqueue(doc(1, { uniqueId: '2.25.77', claim: claim('c3') }));
    expect(rewrapped.item).toMatchObject({ state: 'duplicate', duplicateOf: first.id });
    const entries = journal.list().filter((e) => e.transaction === 'outbox.duplicate');
    expect(entries.map((e) => e.details)).toEqual([
      { itemId: dup.item.id, duplicateOf: first.id, uniqueId: '1.2.250.1.999^1' },
      { itemId: rewrapped.item.id, duplicateOf: first.id, uniqueId: '2.25.77' },
    ]);
    expect(journal.verify().ok).toBe(true);
  });

  it('refuses another content under a live uniqueId, with a French reason', () => {
    const { outbox } = setup();
    outbox.enqueue(doc(1));
    const { status, item } = outbox.enqueue(doc(1, { contentHash: hash(2) }));
    expect(status).toBe('conflict');
    expect(item.state).toBe('refused');
    expect(item.errorCode).toBe('OUTBOX_UNIQUE_ID_CONFLICT');
    expect(item.lastError).toMatch(/même identifiant/);
    expect(item.problems?.[0]?.fix).toMatch(/nouvelle version/);
  });

  it('sends a document again once its earlier row was refused', () => {
    const { outbox } = setup();
    const first = outbox.enqueue(doc(1)).item;
    outbox.takeNextDue();
    outbox.markRefused(first.id, { reason: 'Le patient a fermé son DMP.' });
    expect(outbox.enqueue(doc(1)).status).toBe('queued');
  });

  it('keeps a document refused by the checks with its problems', () => {
    const { outbox } = setup();
    const { status, item } = outbox.recordRejected({
      contentHash: hash(9),
      fileName: 'x.pdf',
      kind: 'pdf',
      claim: claim('c9'),
      problems: [{ code: 'PDF_SIDECAR_MISSING', message: 'Pas de .json.', fix: 'Ajoutez-le.' }],
    });
    expect(status).toBe('rejected');
    expect(item).toMatchObject({
      state: 'refused',
      uniqueId: null,
      errorCode: 'PDF_SIDECAR_MISSING',
      lastError: 'Pas de .json.',
      attempts: 0,
      problems: [{ code: 'PDF_SIDECAR_MISSING', message: 'Pas de .json.', fix: 'Ajoutez-le.' }],
    });
    expect(item.finishedAt).not.toBeNull();
  });
});

describe('OutboxRepository transitions', () => {
  it('takes due rows oldest first, counting attempts, and not before their time', () => {
    const { outbox, clock } = setup();
    const a = outbox.enqueue(doc(1)).item;
    clock.advance(1);
    const b = outbox.enqueue(doc(2)).item;
    const taken = outbox.takeNextDue();
    expect(taken).toMatchObject({ id: a.id, state: 'sending', attempts: 1 });
    outbox.scheduleRetry(a.id, {
      nextAt: new Date(clock.now().getTime() + 30_000),
      reason: 'Le DMP ne répond pas.',
      needsReconcile: true,
    });
    expect(outbox.takeNextDue()?.id).toBe(b.id);
    expect(outbox.takeNextDue()).toBeUndefined();
    expect(outbox.nextDueAt()?.toISOString()).toBe('2025-05-12T08:00:30.001Z');
    clock.advance(30_000);
    expect(outbox.takeNextDue()).toMatchObject({ id: a.id, attempts: 2, needsReconcile: true });
  });

  it('records sent, refused and failed as final, and refuses transitions out of order', () => {
    const { outbox, journal } = setup();
    const ids = [1, 2, 3].map((n) => outbox.enqueue(doc(n)).item.id);
    expect(() => outbox.markSent(ids[0]!)).toThrow(OutboxError);
    for (let i = 0; i < 3; i++) outbox.takeNextDue();
    const sent = outbox.markSent(ids[0]!, { entryUuid: 'urn:uuid:1', dmpStatus: 'ACTIF' });
    expect(sent).toMatchObject({
      state: 'sent',
      receipt: { entryUuid: 'urn:uuid:1', dmpStatus: 'ACTIF' },
    });
    expect(outbox.markRefused(ids[1]!, { reason: 'Refusé.', code: 'DMP_X' })).toMatchObject({
      state: 'refused',
      errorCode: 'DMP_X',
      problems: [{ code: 'DMP_X', message: 'Refusé.' }],
    });
    expect(outbox.markFailed(ids[2]!, { reason: 'Injoignable.' }).state).toBe('failed');
    try {
      outbox.markSent(ids[1]!);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(OutboxError);
      expect((error as OutboxError).code).toBe('OUTBOX_TRANSITION_INVALID');
      expect((error as OutboxError).details).toEqual({ id: ids[1], from: 'refused', to: 'sent' });
    }
    expect(journal.list().map((e) => `${e.transaction}:${e.result}`)).toEqual([
      'outbox.sent:success',
      'outbox.refused:DMP_X',
      'outbox.failed:OUTBOX_RETRIES_EXHAUSTED',
    ]);
    // A failed document may be queued again, with a fresh budget.
    expect(outbox.requeue(ids[2]!)).toMatchObject({ state: 'queued', attempts: 0 });
    expect(() => outbox.requeue(ids[0]!)).toThrow(OutboxError);
  });

  it('only ever moves along the documented graph', () => {
    expect(TRANSITIONS).toEqual({
      queued: ['sending'],
      sending: ['sent', 'refused', 'retry-wait', 'failed'],
      'retry-wait': ['sending'],
      sent: [],
      refused: [],
      failed: ['queued'],
      duplicate: [],
    });
  });

  it('puts rows left in sending up for reconciliation after a reopen', () => {
    const first = setup();
    const id = first.outbox.enqueue(doc(1)).item.id;
    first.outbox.takeNextDue();
    first.db.close(); // the process "dies" with the row in sending

    const again = setup(first.file);
    expect(again.outbox.get(id)?.state).toBe('sending');
    expect(again.outbox.recoverInterrupted()).toBe(1);
    expect(again.outbox.get(id)).toMatchObject({
      state: 'retry-wait',
      needsReconcile: true,
      errorCode: 'OUTBOX_INTERRUPTED',
    });
    expect(again.outbox.recoverInterrupted()).toBe(0);
    expect(again.outbox.takeNextDue()).toMatchObject({ id, attempts: 2, needsReconcile: true });
    const sent = again.outbox.markSent(id, undefined, { reconciled: true });
    expect(sent.needsReconcile).toBe(false);
    expect(again.journal.list().map((e) => [e.transaction, e.details])).toEqual([
      ['outbox.recover', { count: 1 }],
      ['outbox.sent', { itemId: id, uniqueId: '1.2.250.1.999^1', attempts: 2, reconciled: true }],
    ]);
  });
});

describe('OutboxRepository batches and placements', () => {
  it('counts a batch per state', () => {
    const { outbox } = setup();
    const batch = outbox.createBatch('  VSM de mai  ');
    expect(batch.label).toBe('VSM de mai');
    expect(outbox.batch(batch.id)?.label).toBe('VSM de mai');
    for (const n of [1, 2, 3]) outbox.enqueue(doc(n, { batchId: batch.id }));
    outbox.enqueue(doc(1, { batchId: batch.id })); // duplicate
    outbox.enqueue(doc(4)); // not in the batch
    outbox.takeNextDue();
    outbox.markSent(1);
    expect(outbox.counts(batch.id)).toEqual({
      queued: 2,
      sending: 0,
      'retry-wait': 0,
      sent: 1,
      refused: 0,
      failed: 0,
      duplicate: 1,
      total: 4,
    });
    expect(outbox.counts().total).toBe(5);
    expect(outbox.list({ batchId: batch.id, states: ['queued'] }).map((i) => i.id)).toEqual([2, 3]);
  });

  it('lists final rows with files to move; a duplicate waits for its original', () => {
    const { outbox } = setup();
    const original = outbox.enqueue(doc(1, { claim: claim('a') })).item;
    const dup = outbox.enqueue(doc(1, { claim: claim('b') })).item;
    outbox.enqueue(doc(2)); // no claim: nothing to move, ever
    expect(outbox.pendingPlacements()).toEqual([]);
    outbox.takeNextDue();
    outbox.markSent(original.id);
    const pending = outbox.pendingPlacements();
    expect(pending.map((p) => [p.item.id, p.original?.id ?? null])).toEqual([
      [original.id, null],
      [dup.id, original.id],
    ]);
    outbox.choosePlacement(original.id, 'cr-1 (2).xml');
    outbox.choosePlacement(original.id, 'ignored.xml'); // the first choice stays
    expect(outbox.get(original.id)?.placedName).toBe('cr-1 (2).xml');
    outbox.resetPlacement(original.id);
    expect(outbox.get(original.id)?.placedName).toBeNull();
    outbox.markPlaced(original.id);
    outbox.markPlaced(dup.id);
    expect(outbox.pendingPlacements()).toEqual([]);
  });
});
