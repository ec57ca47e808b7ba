// The queue pauses while the session's card is away or locked and resumes by itself when it is
// back: a real outbox (in-memory SQLite) and worker, a sender whose "card" can be pulled out, and
// card events emitted by the test (the monitor's own polling is tested in test/unit/card).
import { afterEach, describe, expect, it } from 'vitest';
import type { CardEvent, CardSummary } from '../../../../src/card/index.js';
import {
  CARD_ABSENT_REASON,
  CardGate,
  PIN_NEEDED_REASON,
  type CardReadiness,
} from '../../../../src/app/sending/cardGate.js';
import { OutboxWorker } from '../../../../src/app/sending/OutboxWorker.js';
import { isCardHold } from '../../../../src/app/sending/sendingSettings.js';
import type {
  DocumentSender,
  OutgoingDocument,
  SendOutcome,
} from '../../../../src/domain/ports/DocumentSender.js';
import { openDatabase, type Database } from '../../../../src/store/index.js';
import { OutboxRepository } from '../../../../src/store/outbox/index.js';
import { FakeDocumentSender } from '../../../integration/intake/support/FakeDocumentSender.js';
import { sleep, waitFor } from '../../../integration/intake/support/waitFor.js';

const CARD: CardSummary = {
  slotId: '1',
  serial: 'SERIAL-1',
  label: 'CPS-TEST',
  readerDescription: 'Lecteur',
  manufacturer: 'SoftHSM',
  model: 'test',
  pin: { state: 'ok' } as unknown as CardSummary['pin'],
  loggedIn: true,
};

class Cards {
  private readonly listeners = new Set<(event: CardEvent) => void>();
  onDidChangeCards(listener: (event: CardEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  emit(event: CardEvent): void {
    for (const l of this.listeners) l(event);
  }
}

/** The DMP (a fake registry) behind a card that can be out, or in but not logged in. */
class CardSender implements DocumentSender {
  readonly dmp = new FakeDocumentSender();
  card: 'in' | 'out' | 'locked' | 'crashed' = 'in';
  send(document: OutgoingDocument): Promise<SendOutcome> {
    if (this.card === 'out') {
      return Promise.resolve({
        kind: 'failed',
        reason: 'La carte a été retirée du lecteur.',
        code: 'CARD_REMOVED',
        mayHaveReachedServer: false,
      });
    }
    if (this.card === 'crashed') {
      return Promise.resolve({
        kind: 'failed',
        reason: 'Le processus de la carte s’est arrêté.',
        code: 'CARD_WORKER_CRASHED',
        mayHaveReachedServer: false,
      });
    }
    if (this.card === 'locked') {
      return Promise.resolve({
        kind: 'failed',
        reason: 'Code porteur nécessaire.',
        code: 'CARD_PIN_REQUIRED',
        mayHaveReachedServer: false,
      });
    }
    return this.dmp.send(document);
  }
  findByUniqueId(id: string) {
    return this.dmp.findByUniqueId(id);
  }
}

const dbs: Database[] = [];
const workers: OutboxWorker[] = [];
afterEach(async () => {
  for (const w of workers.splice(0)) await w.stop({ drainMs: 50, abortGraceMs: 50 });
  for (const db of dbs.splice(0)) db.close();
});

function setup(pinKnown = true) {
  const db = openDatabase(':memory:');
  dbs.push(db);
  const outbox = new OutboxRepository(db);
  const sender = new CardSender();
  const worker = new OutboxWorker({
    outbox,
    sender,
    concurrency: 2,
    // A real backoff: a held row must not depend on it to go again.
    backoff: { initialMs: 60_000, maxMs: 60_000 },
    holdOn: isCardHold,
  });
  workers.push(worker);
  const cards = new Cards();
  const states: [CardReadiness, string | undefined][] = [];
  let unlocks = 0;
  const gate = new CardGate({
    worker,
    cards,
    card: CARD,
    unlock: () => {
      unlocks += 1;
      if ((sender.card === 'locked' || sender.card === 'crashed') && pinKnown) sender.card = 'in';
      return Promise.resolve(sender.card === 'in');
    },
    onChange: (state, reason) => states.push([state, reason]),
  });
  let n = 0;
  const enqueue = () => {
    n += 1;
    return outbox.enqueue({
      uniqueId: `1.2.3^${n}`,
      contentHash: n.toString(16).padStart(64, '0'),
      fileName: `cr-${n}.xml`,
      kind: 'cda-n3',
      payload: new TextEncoder().encode(`<doc ${n}/>`),
    }).item;
  };
  return { outbox, sender, worker, cards, gate, states, enqueue, unlocks: () => unlocks };
}

describe('CardGate', () => {
  it('card removed: documents wait; the same card back: they are sent, without a restart', async () => {
    const { outbox, sender, worker, cards, gate, states, enqueue } = setup();
    worker.start();
    sender.card = 'out';
    cards.emit({ type: 'removed', card: CARD });
    expect(gate.state).toBe('card-absent');
    expect(worker.isPaused).toBe(true);
    const items = [enqueue(), enqueue(), enqueue()];
    worker.wake();
    await sleep(50);
    expect(sender.dmp.sends).toHaveLength(0);
    expect(outbox.counts().queued).toBe(3);

    sender.card = 'in';
    cards.emit({ type: 'inserted', card: CARD });
    await waitFor(() => outbox.counts().sent === 3, 'outbox.counts().sent === 3');
    expect(gate.state).toBe('ready');
    for (const item of items) expect(sender.dmp.sendCount(item.uniqueId ?? '')).toBe(1);
    expect(states).toEqual([
      ['card-absent', CARD_ABSENT_REASON],
      ['ready', undefined],
    ]);
  });

  it('a send that fails on the card before the monitor noticed is held, then goes first', async () => {
    const { outbox, sender, worker, cards, gate, enqueue } = setup();
    sender.card = 'out';
    const item = enqueue();
    worker.start();
    await waitFor(() => gate.state === 'card-absent', 'gate.state === card-absent');
    const held = outbox.get(item.id);
    expect(held?.state).toBe('retry-wait');
    expect(held?.errorCode).toBe('CARD_REMOVED');
    // Due now, not after the 60 s backoff.
    expect(held?.nextAt?.getTime()).toBeLessThanOrEqual(Date.now());
    expect(worker.isPaused).toBe(true);

    sender.card = 'in';
    cards.emit({ type: 'inserted', card: CARD });
    await waitFor(
      () => outbox.get(item.id)?.state === 'sent',
      'outbox.get(item.id)?.state === sent',
    );
    expect(sender.dmp.sendCount(item.uniqueId ?? '')).toBe(1);
  });

  it('PIN needed: logs in again by itself when it can; otherwise waits for retry()', async () => {
    const auto = setup(true);
    auto.sender.card = 'locked';
    const a = auto.enqueue();
    auto.worker.start();
    await waitFor(
      () => auto.outbox.get(a.id)?.state === 'sent',
      'auto.outbox.get(a.id)?.state === sent',
    );
    expect(auto.unlocks()).toBe(1);

    const manual = setup(false);
    manual.sender.card = 'locked';
    const m = manual.enqueue();
    manual.worker.start();
    await waitFor(() => manual.gate.state === 'pin-needed', 'manual.gate.state === pin-needed');
    expect(manual.states.at(-1)).toEqual(['pin-needed', PIN_NEEDED_REASON]);
    await sleep(30);
    expect(manual.outbox.get(m.id)?.state).toBe('retry-wait');
    manual.sender.card = 'in'; // the desktop's PIN dialog logged the card in
    await manual.gate.retry();
    await waitFor(
      () => manual.outbox.get(m.id)?.state === 'sent',
      'manual.outbox.get(m.id)?.state === sent',
    );
  });

  it('a crashed card process is not a removal: it logs in again and goes on', async () => {
    const { outbox, sender, worker, gate, enqueue, unlocks } = setup(true);
    sender.card = 'crashed';
    const item = enqueue();
    worker.start();
    // No card event will come (the card never left the reader): the gate unlocks by itself.
    await waitFor(() => outbox.get(item.id)?.state === 'sent', 'sent after the crash');
    expect(unlocks()).toBe(1);
    expect(gate.state).toBe('ready');
  });

  it('another card does not resume the queue; a DMP refusal stays refused', async () => {
    const { outbox, sender, worker, cards, gate, enqueue } = setup();
    // The first document's uniqueId (scripted before the worker can take it).
    sender.dmp.script('1.2.3^1', { kind: 'refuse', reason: 'DMP fermé', code: 'DMP_CLOSED' });
    const refusedItem = enqueue();
    worker.start();
    await waitFor(
      () => outbox.get(refusedItem.id)?.state === 'refused',
      'outbox.get(refusedItem.id)?.state === refused',
    );
    cards.emit({ type: 'removed', card: CARD });
    const other = { ...CARD, serial: 'SERIAL-2', label: 'AUTRE' };
    cards.emit({ type: 'inserted', card: other });
    const waiting = enqueue();
    worker.wake();
    await sleep(50);
    expect(gate.state).toBe('card-absent');
    expect(outbox.get(waiting.id)?.state).toBe('queued');
    cards.emit({ type: 'swapped', previous: other, card: CARD });
    await waitFor(
      () => outbox.get(waiting.id)?.state === 'sent',
      'outbox.get(waiting.id)?.state === sent',
    );
    expect(outbox.get(refusedItem.id)?.state).toBe('refused');
  });
});
