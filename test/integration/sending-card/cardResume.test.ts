// The queue pauses while the card is away and resumes by itself when it is back (issue 5), with
// the real send path: the GP's SoftHSM2 card, NAVETTE_PIN, the DMP test server, an export folder.
// SoftHSM cannot simulate a removal (TECH-NOTES §1), so the monitor's events are emitted by the
// test; what the real monitor does on a removal (forget the slot: the login is lost) is done to
// the real card service, so the card is logged in again with NAVETTE_PIN when it comes back.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CardEvent } from '../../../src/card/index.js';
import { CARD_ABSENT_REASON } from '../../../src/app/sending/cardGate.js';
import { startSending, type RunningSending } from '../../../src/app/sending/startSending.js';
import { openDmpSession, type DmpSession } from '../../../src/app/dmp/index.js';
import { ComponentRegistry } from '../../../src/app/health/ComponentRegistry.js';
import { COMPONENTS } from '../../../src/app/service/components.js';
import type { Logger } from '../../../src/domain/ports/Logger.js';
import { openDatabase, type Database } from '../../../src/store/index.js';
import { makeTempDir, removeTempDirs } from '../../support/tempDir.js';
import { PATIENT_GP_IS_MT, startTestSandbox, type TestSandbox } from '../dmp/sandboxFixture.js';
import { buildCda, registryEntries } from '../dmp/sendingSupport.js';
import { sleep, waitFor } from '../intake/support/waitFor.js';

const quiet: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => quiet,
};

class TestCardEvents {
  private readonly listeners = new Set<(event: CardEvent) => void>();
  onDidChangeCards(listener: (event: CardEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  emit(event: CardEvent): void {
    for (const l of this.listeners) l(event);
  }
}

let sandbox: TestSandbox;
/** A session of its own to read the registry (the service's card is "removed" meanwhile). */
let reader: DmpSession;
let db: Database | undefined;
let running: RunningSending | undefined;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  reader = await openDmpSession({
    config: sandbox.configOf(sandbox.writeConfig('direct')),
    env: { SOFTHSM2_CONF: sandbox.softhsmConf },
    cardLabel: sandbox.gp.label,
    pin: () => Promise.resolve(sandbox.gp.pin),
  });
}, 60_000);

afterAll(async () => {
  await running?.stop(2000);
  await reader?.close();
  db?.close();
  await sandbox?.stop();
  removeTempDirs();
});

describe('sending with the card removed and inserted again', () => {
  it('documents wait while the card is away, then go by themselves, once each', async () => {
    const folder = makeTempDir('navette-card-export-');
    const dataDir = makeTempDir('navette-card-data-');
    const config = sandbox.configOf(
      sandbox.writeConfig('direct', {
        watch: { folders: [folder], stableDelayMs: 200, polling: 'always' },
      }),
    );
    db = openDatabase(path.join(dataDir, 'navette.db'));
    const registry = new ComponentRegistry();
    const cards = new TestCardEvents();
    running = await startSending({
      config,
      db,
      dataDir,
      env: {
        SOFTHSM2_CONF: sandbox.softhsmConf,
        NAVETTE_PIN: sandbox.gp.pin,
        NAVETTE_CARD: sandbox.gp.label,
      },
      registry,
      log: quiet,
      cardEvents: cards,
      intake: { pollIntervalMs: 100 },
    });
    const card = running?.session?.card;
    if (running === undefined || card === undefined) throw new Error('no direct session');
    const { service } = running;
    expect(registry.get(COMPONENTS.outbox)?.state).toBe('ok');

    // The card is pulled out: the monitor forgets its slot (the login with it) and says so.
    card.service.forget(card.handle.slotId);
    cards.emit({ type: 'removed', card: card.handle });
    expect(running.cardGate?.state).toBe('card-absent');
    expect(registry.get(COMPONENTS.outbox)).toMatchObject({
      state: 'degraded',
      message: CARD_ABSENT_REASON,
    });

    const before = (await registryEntries(reader.client, PATIENT_GP_IS_MT)).length;
    const ids: string[] = [];
    for (let i = 1; i <= 3; i++) {
      const cda = buildCda(sandbox, { ins: PATIENT_GP_IS_MT, title: `Carte ${i}` });
      ids.push(cda.uniqueId);
      writeFileSync(path.join(folder, `carte-${i}.xml`), cda.bytes);
    }
    await waitFor(() => service.outbox.counts().queued === 3, 'three queued', 20_000);
    await sleep(500);
    expect(service.outbox.counts().sent).toBe(0);
    expect((await registryEntries(reader.client, PATIENT_GP_IS_MT)).length).toBe(before);

    // The same card is back: logged in again with NAVETTE_PIN, and the queue goes on by itself.
    const [summary] = (await card.service.inventory()).cards.filter(
      (c) => c.serial === card.handle.serial,
    );
    if (summary === undefined) throw new Error('card not listed');
    expect(card.service.isLoggedIn(card.handle)).toBe(false);
    cards.emit({ type: 'inserted', card: summary });
    await waitFor(() => service.outbox.counts().sent === 3, 'three sent', 30_000);
    expect(card.service.isLoggedIn(card.handle)).toBe(true);
    expect(running.cardGate?.state).toBe('ready');
    expect(registry.get(COMPONENTS.outbox)?.state).toBe('ok');
    const registered = await registryEntries(reader.client, PATIENT_GP_IS_MT);
    for (const id of ids)
      expect(
        registered.filter((e) => e.uniqueId === id),
        id,
      ).toHaveLength(1);
  }, 120_000);
});
