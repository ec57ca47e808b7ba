// Who may see what (TD3.1 / TD3.2) against the DMP test server over mutual TLS, one rule per
// test (PDT-INF-526, DMP-INTERFACE §5): masked documents, bris de glace and the patient's
// opposition, the CPE and the indirect mode, archived and replaced documents.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DmpSession } from '../../../src/app/dmp/index.js';
import { removeTempDirs } from '../../support/tempDir.js';
import { PATIENT_OPPOSED, Professionals, testIns } from './consultationSupport.js';
import {
  PATIENT_GP_IS_MT,
  PATIENT_NOBODY_AUTHORISED,
  startTestSandbox,
  type TestSandbox,
} from './sandboxFixture.js';

let sandbox: TestSandbox;
let pros: Professionals;
let gp: DmpSession;
let cardiologist: DmpSession;
let nurse: DmpSession;

const MT_PATIENT = testIns(PATIENT_GP_IS_MT);
const BRIS_DE_GLACE = {
  mode: 'bris_de_glace',
  reason: 'Patient inconscient aux urgences',
} as const;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  pros = new Professionals(sandbox);
  [gp, cardiologist, nurse] = await Promise.all([
    pros.open('gp'),
    pros.open('cardiologist'),
    pros.open('nurse'),
  ]);
  // The cardiologist and the nurse are authorised on the GP's patient, with her consent.
  await cardiologist.client.setAuthorization(MT_PATIENT, 'add', 'normal', true);
  await nurse.client.setAuthorization(MT_PATIENT, 'add', 'normal', true);
});

afterAll(async () => {
  await pros?.close();
  await sandbox?.stop();
  removeTempDirs();
});

const titles = (docs: readonly { title: string | undefined }[]) => docs.map((d) => d.title);

describe('consultation rules of the sandbox, as the DMP client sees them', () => {
  it('a document masked to professionals is hidden from another doctor, visible to its author and to the médecin traitant', async () => {
    const byGp = await pros.feed(
      { key: 'gp', session: gp },
      {
        ins: PATIENT_GP_IS_MT,
        title: 'Masqué par le MT',
        visibility: { hiddenFromProfessionals: true },
      },
    );
    const byCardio = await pros.feed(
      { key: 'cardiologist', session: cardiologist },
      {
        ins: PATIENT_GP_IS_MT,
        title: 'Masqué par le cardiologue',
        visibility: { hiddenFromProfessionals: true },
      },
    );
    const seenByGp = await gp.client.findDocuments(MT_PATIENT, 'normal');
    expect(titles(seenByGp)).toEqual(
      expect.arrayContaining(['Masqué par le MT', 'Masqué par le cardiologue']),
    );
    const masked = seenByGp.find((d) => d.uniqueId === byCardio.uniqueId);
    expect(masked).toMatchObject({
      visibility: { hiddenFromProfessionals: true },
      alerts: [{ code: 'MASQUE_PS', message: expect.stringContaining('masqué') }],
      author: { id: pros.card('cardiologist').holder.id },
    });

    // The visibility filter keeps exactly the masked ones.
    const onlyMasked = await gp.client.findDocuments(MT_PATIENT, 'normal', {
      visibility: { hiddenFromProfessionals: true },
    });
    expect(titles(onlyMasked).sort()).toEqual(['Masqué par le MT', 'Masqué par le cardiologue']);

    const seenByCardio = await cardiologist.client.findDocuments(MT_PATIENT, 'normal');
    expect(titles(seenByCardio)).toContain('Masqué par le cardiologue');
    expect(titles(seenByCardio)).not.toContain('Masqué par le MT');
    // Reading it by its reference is refused too.
    expect(masked?.repositoryUniqueId).toBe(sandbox.manifest.repositoryUniqueId);
    await expect(
      cardiologist.client.retrieveDocument(
        MT_PATIENT,
        { uniqueId: byGp.uniqueId, repositoryUniqueId: masked?.repositoryUniqueId },
        'normal',
      ),
    ).rejects.toMatchObject({
      code: 'DMP_DOCUMENT_UNAVAILABLE',
      details: { access: 'denied' },
    });

    const seenByNurse = await nurse.client.findDocuments(MT_PATIENT, 'normal');
    expect(titles(seenByNurse)).not.toContain('Masqué par le cardiologue');
    expect(titles(seenByNurse)).not.toContain('Masqué par le MT');
  });

  it('bris de glace is refused for a patient who opposed it, and allowed otherwise without authorisation', async () => {
    await expect(
      cardiologist.client.findDocuments(testIns(PATIENT_OPPOSED), BRIS_DE_GLACE),
    ).rejects.toMatchObject({
      code: 'DMP_ACCESS_DENIED',
      fault: { dmpErrorCode: 'DMPAccessDeniedByPatient' },
    });
    const other = testIns(PATIENT_NOBODY_AUTHORISED);
    // Not authorised in normal access: refused with the DMP's explanation.
    await expect(cardiologist.client.findDocuments(other, 'normal')).rejects.toMatchObject({
      fault: { reason: expect.stringContaining("n'êtes pas autorisé") },
    });
    await expect(cardiologist.client.findDocuments(other, BRIS_DE_GLACE)).resolves.toEqual([]);
    // Without a reason the VIHF is not even built.
    await expect(
      cardiologist.client.findDocuments(other, { mode: 'bris_de_glace' }),
    ).rejects.toMatchObject({ message: expect.stringContaining('bris de glace') });
  });

  it('centre 15 is refused for a patient who opposed it, and allowed otherwise', async () => {
    await expect(
      cardiologist.client.findDocuments(testIns(PATIENT_OPPOSED), 'centre_15'),
    ).rejects.toMatchObject({ code: 'DMP_ACCESS_DENIED' });
    await expect(
      cardiologist.client.findDocuments(testIns(PATIENT_NOBODY_AUTHORISED), 'centre_15'),
    ).resolves.toEqual([]);
    const traces = sandbox.running.store.traces({ ins: PATIENT_NOBODY_AUTHORISED });
    expect(traces[0]).toMatchObject({
      transaction: 'TD3.1',
      accessMode: 'centre_15',
      outcome: 'ok',
    });
  });

  it('a CPE and the indirect mode cannot consult (neither search nor read)', async () => {
    const doc = await pros.feed(
      { key: 'gp', session: gp },
      { ins: PATIENT_GP_IS_MT, title: 'Compte rendu ordinaire' },
    );
    const found = (await gp.client.findDocuments(MT_PATIENT, 'normal')).find(
      (d) => d.uniqueId === doc.uniqueId,
    );
    expect(found?.repositoryUniqueId).toBeDefined();
    const secretary = await pros.open('secretary');
    const structure = await pros.structure();
    for (const session of [secretary, structure]) {
      await expect(session.client.findDocuments(MT_PATIENT, 'normal')).rejects.toMatchObject({
        code: 'DMP_ACCESS_DENIED',
      });
      await expect(
        session.client.retrieveDocument(
          MT_PATIENT,
          { uniqueId: doc.uniqueId, repositoryUniqueId: found?.repositoryUniqueId },
          'normal',
        ),
      ).rejects.toMatchObject({ code: 'DMP_ACCESS_DENIED' });
    }
  });

  it('archived and deprecated (replaced) documents appear only when asked for', async () => {
    const v1 = await pros.feed(
      { key: 'gp', session: gp },
      { ins: PATIENT_GP_IS_MT, title: 'Bilan version 1' },
    );
    const v2 = await pros.feed(
      { key: 'gp', session: gp },
      { ins: PATIENT_GP_IS_MT, title: 'Bilan version 2', replaces: v1 },
    );
    const old = await pros.feed(
      { key: 'gp', session: gp },
      { ins: PATIENT_GP_IS_MT, title: 'Ancien compte rendu' },
    );
    const before = await gp.client.findDocuments(MT_PATIENT, 'normal');
    const toArchive = before.find((d) => d.uniqueId === old.uniqueId);
    if (toArchive === undefined) throw new Error('document not found');
    await gp.client.manageDocument(MT_PATIENT, toArchive, 'archive', 'normal');

    const standard = await gp.client.findDocuments(MT_PATIENT, 'normal');
    expect(titles(standard)).toContain('Bilan version 2');
    expect(titles(standard)).not.toContain('Bilan version 1');
    expect(titles(standard)).not.toContain('Ancien compte rendu');
    // The current version knows what it replaced, even though the search did not return it.
    expect(standard.find((d) => d.uniqueId === v2.uniqueId)).toMatchObject({
      replaces: { entryUuid: v1.entryUuid, uniqueId: v1.uniqueId, status: 'deprecated' },
      history: [{ uniqueId: v1.uniqueId }],
    });

    const all = await gp.client.findDocuments(MT_PATIENT, 'normal', {
      statuses: ['approved', 'archived', 'deprecated'],
    });
    expect(all.find((d) => d.uniqueId === v1.uniqueId)).toMatchObject({
      status: 'deprecated',
      replacedBy: { uniqueId: v2.uniqueId },
    });
    expect(all.find((d) => d.uniqueId === old.uniqueId)).toMatchObject({ status: 'archived' });
    const archivedOnly = await gp.client.findDocuments(MT_PATIENT, 'normal', {
      statuses: ['archived'],
    });
    expect(titles(archivedOnly)).toEqual(['Ancien compte rendu']);
  });
});
