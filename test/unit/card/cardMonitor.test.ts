// Card monitoring by polling: inserted, removed, swapped, errors reported once.
import { beforeAll, describe, expect, it } from 'vitest';
import { CardMonitor, CardService, type CardEvent } from '../../../src/card/index.js';
import { CKR } from '../../../src/card/pkcs11/pkcs11Constants.js';
import {
  DEFAULT_TEST_CARDS,
  generateTestPki,
  type TestPki,
} from '../../../src/sandbox/pki/index.js';
import { FakeCardBackend } from '../../fakes/card/FakeCardBackend.js';
import { fakeCardOf } from '../../fakes/card/fakeCards.js';

let pki: TestPki;

beforeAll(() => {
  pki = generateTestPki({ cards: DEFAULT_TEST_CARDS.slice(0, 2) });
});

function cards() {
  const [first, second] = pki.cards;
  if (!first || !second) throw new Error('two cards expected');
  return {
    first: fakeCardOf(first, { serial: 'SERIAL-A' }),
    second: fakeCardOf(second, { serial: 'SERIAL-B' }),
  };
}

function summarise(events: readonly CardEvent[]): string[] {
  return events.map((e) => {
    switch (e.type) {
      case 'inserted':
        return `inserted ${e.card.serial}`;
      case 'removed':
        return `removed ${e.card.serial}`;
      case 'swapped':
        return `swapped ${e.previous.serial}->${e.card.serial}`;
      case 'error':
        return `error ${e.code}`;
    }
  });
}

describe('CardMonitor', () => {
  it('reports insertion, removal and a swap in the same reader', async () => {
    const { first, second } = cards();
    const backend = new FakeCardBackend(2);
    const monitor = new CardMonitor(new CardService(backend));
    const heard: CardEvent[] = [];
    monitor.onDidChangeCards((e) => heard.push(e));

    expect(await monitor.poll()).toEqual([]);
    backend.insert(0, first);
    expect(summarise(await monitor.poll())).toEqual(['inserted SERIAL-A']);
    expect(await monitor.poll()).toEqual([]); // nothing changed
    backend.insert(0, second);
    expect(summarise(await monitor.poll())).toEqual(['swapped SERIAL-A->SERIAL-B']);
    backend.remove(0);
    expect(summarise(await monitor.poll())).toEqual(['removed SERIAL-B']);
    expect(summarise(heard)).toEqual([
      'inserted SERIAL-A',
      'swapped SERIAL-A->SERIAL-B',
      'removed SERIAL-B',
    ]);
    expect(monitor.current()).toEqual([]);
  });

  it('tells a card moved to another reader apart from a swap', async () => {
    const { first, second } = cards();
    const backend = new FakeCardBackend(2);
    backend.insert(0, first);
    const monitor = new CardMonitor(new CardService(backend));
    await monitor.poll();
    backend.remove(0);
    backend.insert(1, first);
    backend.insert(0, second);
    expect(summarise(await monitor.poll())).toEqual(['inserted SERIAL-B']);
  });

  it('forgets the login of a card that was taken out', async () => {
    const { first } = cards();
    const backend = new FakeCardBackend(1);
    backend.insert(0, first);
    const service = new CardService(backend);
    const monitor = new CardMonitor(service);
    await monitor.poll();
    const handle = await service.findCard();
    await service.login(handle, '1234');
    backend.remove(0);
    await monitor.poll();
    backend.insert(0, first);
    await monitor.poll();
    expect(service.isLoggedIn(handle)).toBe(false);
  });

  it('reports a failing module once, then carries on', async () => {
    const { first } = cards();
    const backend = new FakeCardBackend(1);
    backend.insert(0, first);
    const monitor = new CardMonitor(new CardService(backend));
    backend.failNext('listSlots', CKR.DEVICE_ERROR);
    expect(summarise(await monitor.poll())).toEqual(['error CARD_PKCS11_ERROR']);
    backend.failNext('listSlots', CKR.DEVICE_ERROR);
    expect(await monitor.poll()).toEqual([]); // same error: not repeated
    expect(summarise(await monitor.poll())).toEqual(['inserted SERIAL-A']);
  });

  it('polls on a timer once started, and stops', async () => {
    const { first } = cards();
    const backend = new FakeCardBackend(1);
    const monitor = new CardMonitor(new CardService(backend), { intervalMs: 10 });
    const heard: CardEvent[] = [];
    monitor.onDidChangeCards((e) => heard.push(e));
    monitor.start();
    backend.insert(0, first);
    await new Promise((resolve) => setTimeout(resolve, 100));
    monitor.stop();
    expect(summarise(heard)).toEqual(['inserted SERIAL-A']);
    const polls = backend.calls.filter((c) => c.op === 'listSlots').length;
    expect(polls).toBeGreaterThan(1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(backend.calls.filter((c) => c.op === 'listSlots').length).toBe(polls);
  });
});
