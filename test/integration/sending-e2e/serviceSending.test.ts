// The service in-process (startService) with an export folder and the DMP test server: the
// composition root opens the card session from NAVETTE_PIN, and documents dropped in the folder
// reach sent/ and the DMP registry exactly once each; a malformed file goes to error/ with its
// French reason file. Without a PIN the folder is still watched and documents queued, the worker
// stays paused, and the health report says why.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openDmpSession, type DmpSession } from '../../../src/app/dmp/index.js';
import { startService, type RunningService } from '../../../src/app/index.js';
import { NO_SESSION_REASON } from '../../../src/app/sending/startSending.js';
import { AuditJournal, openDatabase } from '../../../src/store/index.js';
import { makeTempDir, removeTempDirs } from '../../support/tempDir.js';
import { PATIENT_GP_IS_MT, startTestSandbox, type TestSandbox } from '../dmp/sandboxFixture.js';
import { buildCda, registryEntries } from '../dmp/sendingSupport.js';
import { TINY_PDF } from '../../unit/protocol/cda/cdaTestSupport.js';

/** A sidecar for the seeded patient whose DMP is open (traits as in sendingSupport.ts). */
const SIDECAR = JSON.stringify({
  version: 1,
  patient: {
    ins: PATIENT_GP_IS_MT,
    insOid: '1.2.250.1.213.1.4.10',
    birthFamily: 'PATB-QUATRE',
    birthGivens: 'LAURENCE',
    birthDate: '2007-05-14',
    sex: 'F',
    birthPlaceCode: '85191',
  },
  document: { typeCode: '11488-4', title: 'Scan du service', date: '2026-05-04T10:15:00+02:00' },
});

let sandbox: TestSandbox;
let session: DmpSession;
const services: RunningService[] = [];

beforeAll(async () => {
  sandbox = await startTestSandbox();
  session = await openDmpSession({
    config: sandbox.configOf(sandbox.writeConfig('direct')),
    env: { SOFTHSM2_CONF: sandbox.softhsmConf },
    cardLabel: sandbox.gp.label,
    pin: () => Promise.resolve(sandbox.gp.pin),
  });
});

afterEach(async () => {
  for (const s of services.splice(0)) await s.stop('test');
});

afterAll(async () => {
  await session?.close();
  await sandbox?.stop();
  removeTempDirs();
});

async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function startWatching(folder: string, secrets: Record<string, string>) {
  const dataDir = makeTempDir('navette-service-data-');
  const configFile = sandbox.writeConfig('direct', {
    watch: { folders: [folder], stableDelayMs: 300, rescanIntervalSec: 5, polling: 'never' },
  });
  const service = await startService({
    dataDir,
    configFile,
    port: 0,
    drainTimeoutMs: 2000,
    env: { NAVETTE_HOME: makeTempDir(), SOFTHSM2_CONF: sandbox.softhsmConf, ...secrets },
  });
  services.push(service);
  return { service, dataDir };
}

function filesIn(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

describe('the service sends what the export folder receives', () => {
  it('sends three documents exactly once each, wraps a PDF with the card holder, and puts a malformed file in error/', async () => {
    const folder = makeTempDir('navette-export-');
    const { service, dataDir } = await startWatching(folder, {
      NAVETTE_PIN: sandbox.gp.pin,
      NAVETTE_CARD: sandbox.gp.label,
    });
    expect(service.health().components).toMatchObject({
      watcher: { state: 'ok' },
      outbox: { state: 'ok' },
    });
    const documents = [1, 2, 3].map((n) =>
      buildCda(sandbox, { ins: PATIENT_GP_IS_MT, title: `Compte rendu ${n}` }),
    );
    documents.forEach((cda, i) => writeFileSync(path.join(folder, `cr-${i + 1}.xml`), cda.bytes));
    writeFileSync(path.join(folder, 'casse.xml'), '<ClinicalDocument><pas-ferme>');
    writeFileSync(path.join(folder, 'scan.json'), SIDECAR);
    writeFileSync(path.join(folder, 'scan.pdf'), TINY_PDF);

    const sent = await until('five files in sent/', () => {
      const names = filesIn(path.join(folder, 'sent'));
      return names.length === 5 ? names : undefined;
    });
    expect(sent).toEqual(['cr-1.xml', 'cr-2.xml', 'cr-3.xml', 'scan.json', 'scan.pdf']);
    const errors = await until('the malformed file in error/', () => {
      const names = filesIn(path.join(folder, 'error'));
      return names.length === 2 ? names : undefined;
    });
    expect(errors).toEqual(['casse.xml', 'casse.xml.erreur.txt']);
    const reason = readFileSync(path.join(folder, 'error', 'casse.xml.erreur.txt'), 'utf8');
    expect(reason).toContain("Navette n'a pas envoyé ce document au DMP");

    const registered = await registryEntries(session.client, PATIENT_GP_IS_MT);
    for (const cda of documents) {
      expect(registered.filter((e) => e.uniqueId === cda.uniqueId)).toHaveLength(1);
    }
    // The PDF's level-1 CDA names the card holder as its author.
    const scans = registered.filter((e) => e.title === 'Scan du service');
    expect(scans).toHaveLength(1);
    expect(scans[0]?.authors[0]?.person).toContain(sandbox.gp.holder.id);

    await service.stop('test');
    const db = openDatabase(path.join(dataDir, 'navette.db'));
    try {
      const sends = new AuditJournal(db, () => new Date())
        .list()
        .filter((e) => e.transaction === 'TD2.1');
      expect(sends.map((e) => e.result)).toEqual(['success', 'success', 'success', 'success']);
      expect(JSON.stringify(sends)).not.toContain(PATIENT_GP_IS_MT);
    } finally {
      db.close();
    }
  });

  it('without a PIN, queues documents and keeps them until a session exists', async () => {
    const folder = makeTempDir('navette-export-nopin-');
    const { service } = await startWatching(folder, {});
    expect(service.health().components).toMatchObject({
      watcher: { state: 'ok' },
      outbox: { state: 'degraded', message: NO_SESSION_REASON },
    });
    const cda = buildCda(sandbox, { ins: PATIENT_GP_IS_MT, title: 'En attente' });
    writeFileSync(path.join(folder, 'attente.xml'), cda.bytes);
    // Claimed into the processing folder (checked and queued), never sent.
    await until('the claim', () =>
      existsSync(path.join(folder, 'attente.xml')) ? undefined : true,
    );
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(filesIn(path.join(folder, 'sent'))).toEqual([]);
    expect(filesIn(path.join(folder, 'error'))).toEqual([]);
    const registered = await registryEntries(session.client, PATIENT_GP_IS_MT);
    expect(registered.filter((e) => e.uniqueId === cda.uniqueId)).toHaveLength(0);
  });
});
