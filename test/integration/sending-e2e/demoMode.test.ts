// Demo mode (`navette serve --demo`, what `npm start` runs on a machine without Electron): the
// embedded DMP test server and its virtual card make the whole sending path work on a fresh
// machine — a PDF and its sidecar dropped in the demo export folder reach the test DMP.
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startService } from '../../../src/app/index.js';
import { AuditJournal, openDatabase } from '../../../src/store/index.js';
import { makeTempDir, removeTempDirs } from '../../support/tempDir.js';
import { TINY_PDF } from '../../unit/protocol/cda/cdaTestSupport.js';
import { PATIENT_GP_IS_MT } from '../dmp/sandboxFixture.js';

afterAll(() => removeTempDirs());

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
  document: {
    typeCode: '11488-4',
    title: 'Compte rendu (démo)',
    date: '2026-05-04T10:15:00+02:00',
  },
});

function filesIn(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

describe('demo mode', () => {
  it('starts the embedded DMP and sends what is dropped in the demo folder', async () => {
    const dataDir = makeTempDir('navette-demo-');
    const service = await startService({
      dataDir,
      demo: true,
      port: 0,
      drainTimeoutMs: 2000,
      env: { NAVETTE_HOME: makeTempDir('navette-demo-home-') },
    });
    try {
      const health = service.health();
      expect(health.components).toMatchObject({ dmp: { state: 'ok' }, outbox: { state: 'ok' } });
      const folder = service.demoExportDir ?? '';
      expect(folder).toBe(path.join(dataDir, 'demo', 'export'));
      writeFileSync(path.join(folder, 'demo.json'), SIDECAR);
      writeFileSync(path.join(folder, 'demo.pdf'), TINY_PDF);
      const deadline = Date.now() + 30_000;
      while (filesIn(path.join(folder, 'sent')).length < 2) {
        expect(filesIn(path.join(folder, 'error')), 'nothing in error/').toEqual([]);
        if (Date.now() > deadline) throw new Error('timed out waiting for sent/');
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(filesIn(path.join(folder, 'sent'))).toEqual(['demo.json', 'demo.pdf']);
    } finally {
      await service.stop('test');
    }
    const db = openDatabase(path.join(dataDir, 'navette.db'));
    try {
      const sends = new AuditJournal(db, () => new Date())
        .list()
        .filter((e) => e.transaction === 'TD2.1');
      expect(sends.map((e) => e.result)).toEqual(['success']);
    } finally {
      db.close();
    }
  }, 60_000);
});
