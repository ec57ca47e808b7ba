// A service started without its card (or without a PIN) still watches and queues; the session
// opens later by itself (card inserted, NAVETTE_PIN known) or when the PIN is typed (connect),
// and the queue goes — once each. Real parts: the GP's SoftHSM2 card, the DMP test server.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDmpSession, type DmpSession } from '../../../src/app/dmp/index.js';
import { ComponentRegistry } from '../../../src/app/health/ComponentRegistry.js';
import { COMPONENTS } from '../../../src/app/service/components.js';
import { startSending, type RunningSending } from '../../../src/app/sending/startSending.js';
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

let sandbox: TestSandbox;
let reader: DmpSession;
const opened: { db: Database; running: RunningSending | undefined }[] = [];

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
  for (const o of opened) {
    await o.running?.stop(2000);
    o.db.close();
  }
  await reader?.close();
  await sandbox?.stop();
  removeTempDirs();
});

async function dropThree(folder: string, title: string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 1; i <= 3; i++) {
    const cda = buildCda(sandbox, { ins: PATIENT_GP_IS_MT, title: `${title} ${i}` });
    ids.push(cda.uniqueId);
    writeFileSync(path.join(folder, `${title}-${i}.xml`), cda.bytes);
  }
  return ids;
}

async function expectRegisteredOnce(ids: readonly string[]): Promise<void> {
  const registered = await registryEntries(reader.client, PATIENT_GP_IS_MT);
  for (const id of ids)
    expect(
      registered.filter((e) => e.uniqueId === id),
      id,
    ).toHaveLength(1);
}

async function start(
  env: NodeJS.ProcessEnv,
  reconnectMs?: number,
  openSession?: typeof openDmpSession,
  adoptSession?: () => DmpSession | undefined,
) {
  const folder = makeTempDir('navette-late-export-');
  const dataDir = makeTempDir('navette-late-data-');
  const config = sandbox.configOf(
    sandbox.writeConfig('direct', {
      watch: { folders: [folder], stableDelayMs: 200, polling: 'always' },
    }),
  );
  const db = openDatabase(path.join(dataDir, 'navette.db'));
  const registry = new ComponentRegistry();
  const running = await startSending({
    config,
    db,
    dataDir,
    env,
    registry,
    log: quiet,
    intake: { pollIntervalMs: 100 },
    ...(reconnectMs === undefined ? {} : { reconnectMs }),
    ...(openSession === undefined ? {} : { openSession }),
    ...(adoptSession === undefined ? {} : { adoptSession }),
  });
  opened.push({ db, running });
  if (running === undefined) throw new Error('sending did not start');
  return { folder, registry, running };
}

describe('a DMP session that opens after the service started', () => {
  it('takes over the session the consultation opened, without a second login', async () => {
    let logins = 0;
    const counting: typeof openDmpSession = (options) => {
      logins += 1;
      return openDmpSession(options);
    };
    // The consultation's session (opened on demand while sending had none).
    const consultation = await openDmpSession({
      config: sandbox.configOf(sandbox.writeConfig('direct')),
      env: { SOFTHSM2_CONF: sandbox.softhsmConf },
      cardLabel: sandbox.gp.label,
      pin: () => Promise.resolve(sandbox.gp.pin),
    });
    let handedOver: DmpSession | undefined = consultation;
    const env: NodeJS.ProcessEnv = { SOFTHSM2_CONF: sandbox.softhsmConf };
    const { folder, running } = await start(env, undefined, counting, () => {
      const given = handedOver;
      handedOver = undefined;
      return given;
    });
    expect(running.session).toBeUndefined();
    const ids = await dropThree(folder, 'reprise');
    await waitFor(() => running.service.outbox.counts().queued === 3, 'three queued', 20_000);
    expect(await running.connect()).toBe(true);
    expect(running.session).toBe(consultation);
    expect(logins).toBe(0);
    await waitFor(() => running.service.outbox.counts().sent === 3, 'three sent', 30_000);
    await expectRegisteredOnce(ids);
  }, 120_000);

  it('opens by itself once the card is there, and sends what waited', async () => {
    // NAVETTE_CARD names a card that is not inserted yet.
    const env: NodeJS.ProcessEnv = {
      SOFTHSM2_CONF: sandbox.softhsmConf,
      NAVETTE_PIN: sandbox.gp.pin,
      NAVETTE_CARD: 'carte-pas-encore-inseree',
    };
    const { folder, registry, running } = await start(env, 300);
    expect(running.session).toBeUndefined();
    expect(registry.get(COMPONENTS.outbox)?.state).toBe('degraded');
    const ids = await dropThree(folder, 'tardive');
    await waitFor(() => running.service.outbox.counts().queued === 3, 'three queued', 20_000);
    await sleep(700);
    expect(running.service.outbox.counts().sent).toBe(0);

    env.NAVETTE_CARD = sandbox.gp.label; // the card is inserted
    await waitFor(() => running.service.outbox.counts().sent === 3, 'three sent', 30_000);
    expect(running.session?.card).toBeDefined();
    expect(running.cardGate?.state).toBe('ready');
    expect(registry.get(COMPONENTS.outbox)?.state).toBe('ok');
    await expectRegisteredOnce(ids);
  }, 120_000);

  it('opens when the PIN is typed (connect), without keeping it', async () => {
    const env: NodeJS.ProcessEnv = {
      SOFTHSM2_CONF: sandbox.softhsmConf,
      NAVETTE_CARD: sandbox.gp.label,
    };
    const { folder, running } = await start(env);
    expect(running.session).toBeUndefined();
    const ids = await dropThree(folder, 'pin');
    await waitFor(() => running.service.outbox.counts().queued === 3, 'three queued', 20_000);

    // A wrong PIN: the typist learns why, the documents still wait.
    await expect(running.connect('0000')).rejects.toMatchObject({ code: 'CARD_PIN_INCORRECT' });
    expect(running.session).toBeUndefined();
    expect(await running.connect(sandbox.gp.pin)).toBe(true);
    await waitFor(() => running.service.outbox.counts().sent === 3, 'three sent', 30_000);
    expect(env.NAVETTE_PIN).toBeUndefined();
    await expectRegisteredOnce(ids);
  }, 120_000);

  it('never tries a NAVETTE_PIN the card refused again (the card would lock)', async () => {
    let attempts = 0;
    const counting: typeof openDmpSession = (options) => {
      attempts += 1;
      return openDmpSession(options);
    };
    const env: NodeJS.ProcessEnv = {
      SOFTHSM2_CONF: sandbox.softhsmConf,
      NAVETTE_CARD: sandbox.gp.label,
      NAVETTE_PIN: '0000',
    };
    const { registry, running } = await start(env, 200, counting);
    expect(running.session).toBeUndefined();
    expect(attempts).toBe(1);
    expect(registry.get(COMPONENTS.outbox)?.message).toContain('ne le réessaie pas');
    await sleep(1200); // six reconnect periods
    expect(attempts).toBe(1);
    // The right PIN, typed: the session opens.
    expect(await running.connect(sandbox.gp.pin)).toBe(true);
    expect(attempts).toBe(2);
  }, 60_000);
});
