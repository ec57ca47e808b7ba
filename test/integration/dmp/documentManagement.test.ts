// TD3.3 against the DMP test server over mutual TLS: each action (mask, unmask, make visible to
// the patient, archive, unarchive, delete) changes what TD3.1 returns, and the DMP's refusals
// (not the author, not in this access mode, nothing to change) come back typed, in French.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DmpSession } from '../../../src/app/dmp/index.js';
import type { DmpDocument } from '../../../src/dmp/index.js';
import { removeTempDirs } from '../../support/tempDir.js';
import { Professionals, testIns } from './consultationSupport.js';
import { PATIENT_GP_IS_MT, startTestSandbox, type TestSandbox } from './sandboxFixture.js';

let sandbox: TestSandbox;
let pros: Professionals;
let gp: DmpSession;
let cardiologist: DmpSession;
const PATIENT = testIns(PATIENT_GP_IS_MT);
const ALL = { statuses: ['approved', 'archived', 'deleted'] } as const;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  pros = new Professionals(sandbox);
  [gp, cardiologist] = await Promise.all([pros.open('gp'), pros.open('cardiologist')]);
  await cardiologist.client.setAuthorization(PATIENT, 'add', 'normal', true);
});

afterAll(async () => {
  await pros?.close();
  await sandbox?.stop();
  removeTempDirs();
});

async function current(session: DmpSession, uniqueId: string, search = {}) {
  const docs = await session.client.findDocuments(PATIENT, 'normal', search);
  return docs.find((d) => d.uniqueId === uniqueId);
}

async function mustFind(session: DmpSession, uniqueId: string): Promise<DmpDocument> {
  const found = await current(session, uniqueId, ALL);
  if (found === undefined) throw new Error(`document ${uniqueId} not found`);
  return found;
}

describe('TD3.3: each action changes what TD3.1 returns', () => {
  it('mask, then unmask: hidden from the other doctor, then visible again', async () => {
    const doc = await pros.feed(
      { key: 'gp', session: gp },
      { ins: PATIENT_GP_IS_MT, title: 'À masquer' },
    );
    expect(await current(cardiologist, doc.uniqueId)).toBeDefined();
    const masked = await gp.client.manageDocument(
      PATIENT,
      await mustFind(gp, doc.uniqueId),
      'mask',
      'normal',
    );
    expect(masked.entryUuid).not.toBe(doc.entryUuid);
    expect(await current(gp, doc.uniqueId)).toMatchObject({
      entryUuid: masked.entryUuid,
      logicalId: doc.entryUuid,
      visibility: { hiddenFromProfessionals: true },
      alerts: [{ code: 'MASQUE_PS' }],
    });
    expect(await current(cardiologist, doc.uniqueId)).toBeUndefined();
    // Masking twice is explained before anything is sent.
    await expect(
      gp.client.manageDocument(PATIENT, await mustFind(gp, doc.uniqueId), 'mask', 'normal'),
    ).rejects.toMatchObject({
      code: 'DMP_DOCUMENT_ACTION_IMPOSSIBLE',
      message: expect.stringContaining('déjà masqué'),
    });
    await gp.client.manageDocument(PATIENT, await mustFind(gp, doc.uniqueId), 'unmask', 'normal');
    expect(await current(cardiologist, doc.uniqueId)).toMatchObject({
      visibility: { hiddenFromProfessionals: false },
      alerts: [],
    });
    // Only the metadata version changed: one document, the same uniqueId, the lot kept.
    const versions = (await gp.client.findDocuments(PATIENT, 'normal', ALL)).filter(
      (d) => d.uniqueId === doc.uniqueId,
    );
    expect(versions).toHaveLength(1);
    expect(versions[0]?.lot?.uniqueId).toEqual(expect.any(String));
  });

  it('make visible to the patient: the alert disappears', async () => {
    const doc = await pros.feed(
      { key: 'gp', session: gp },
      { ins: PATIENT_GP_IS_MT, title: 'Annonce', visibility: { hiddenFromPatient: true } },
    );
    expect((await mustFind(gp, doc.uniqueId)).alerts.map((a) => a.code)).toEqual([
      'INVISIBLE_PATIENT',
    ]);
    await gp.client.manageDocument(
      PATIENT,
      await mustFind(gp, doc.uniqueId),
      'makeVisibleToPatient',
      'normal',
    );
    expect(await mustFind(gp, doc.uniqueId)).toMatchObject({
      visibility: { hiddenFromPatient: false },
      alerts: [],
    });
  });

  it('archive, unarchive, delete: the status and the default search follow', async () => {
    const doc = await pros.feed(
      { key: 'gp', session: gp },
      { ins: PATIENT_GP_IS_MT, title: 'Cycle de vie' },
    );
    const archived = await gp.client.manageDocument(
      PATIENT,
      await mustFind(gp, doc.uniqueId),
      'archive',
      'normal',
    );
    expect(archived).toMatchObject({ status: 'archived', entryUuid: doc.entryUuid });
    expect(await current(gp, doc.uniqueId)).toBeUndefined();
    expect(await mustFind(gp, doc.uniqueId)).toMatchObject({ status: 'archived' });
    await expect(
      gp.client.manageDocument(PATIENT, await mustFind(gp, doc.uniqueId), 'archive', 'normal'),
    ).rejects.toMatchObject({ code: 'DMP_DOCUMENT_ACTION_IMPOSSIBLE' });

    await gp.client.manageDocument(
      PATIENT,
      await mustFind(gp, doc.uniqueId),
      'unarchive',
      'normal',
    );
    expect(await current(gp, doc.uniqueId)).toMatchObject({ status: 'approved' });

    await gp.client.manageDocument(PATIENT, await mustFind(gp, doc.uniqueId), 'delete', 'normal');
    expect(await current(gp, doc.uniqueId)).toBeUndefined();
    expect(await current(gp, doc.uniqueId, { statuses: ['approved', 'archived'] })).toBeUndefined();
    expect(await mustFind(gp, doc.uniqueId)).toMatchObject({ status: 'deleted' });
  });

  it('refusals are typed and explained: not the author, not in bris de glace', async () => {
    const doc = await pros.feed(
      { key: 'gp', session: gp },
      { ins: PATIENT_GP_IS_MT, title: 'Document du MT' },
    );
    const seen = await mustFind(cardiologist, doc.uniqueId);
    await expect(
      cardiologist.client.manageDocument(PATIENT, seen, 'delete', 'normal'),
    ).rejects.toMatchObject({
      code: 'DMP_DOCUMENT_ACTION_REFUSED',
      message:
        "Le DMP refuse de supprimer ce document : seul l'auteur du document (ou sa structure) peut le faire.",
    });
    await expect(
      cardiologist.client.manageDocument(PATIENT, seen, 'archive', 'normal'),
    ).rejects.toMatchObject({ code: 'DMP_DOCUMENT_ACTION_REFUSED' });
    await expect(
      cardiologist.client.manageDocument(PATIENT, seen, 'mask', {
        mode: 'bris_de_glace',
        reason: 'Urgence',
      }),
    ).rejects.toMatchObject({
      code: 'DMP_DOCUMENT_ACTION_REFUSED',
      message: expect.stringContaining('bris de glace'),
    });
    // Nothing changed.
    expect(await mustFind(gp, doc.uniqueId)).toMatchObject({ status: 'approved', alerts: [] });
  });
});
