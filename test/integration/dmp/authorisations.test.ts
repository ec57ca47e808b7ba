// TD0.3 and TD0.4 against the DMP test server over mutual TLS: a professional declares themself
// authorised (with the patient's consent) and TD0.2 says VALIDE; they withdraw and TD0.2 says the
// authorisation is gone; TD0.4 lists the patient with the authorisation and document dates.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DmpSession } from '../../../src/app/dmp/index.js';
import { removeTempDirs } from '../../support/tempDir.js';
import { Professionals, testIns } from './consultationSupport.js';
import {
  PATIENT_GP_IS_MT,
  PATIENT_NOBODY_AUTHORISED,
  startTestSandbox,
  type TestSandbox,
} from './sandboxFixture.js';

let sandbox: TestSandbox;
let pros: Professionals;
let cardiologist: DmpSession;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  pros = new Professionals(sandbox);
  cardiologist = await pros.open('cardiologist');
});

afterAll(async () => {
  await pros?.close();
  await sandbox?.stop();
  removeTempDirs();
});

const yesterday = () => new Date(Date.now() - 24 * 3600 * 1000);

describe('TD0.3 / TD0.4 against the sandbox', () => {
  it('TD0.3 add then TD0.2 shows VALIDE; remove shows it gone', async () => {
    const ins = testIns(PATIENT_NOBODY_AUTHORISED);
    const client = cardiologist.client;
    expect((await client.testExistence(ins)).authorization).toBe('NON_EXISTE');
    const added = await client.setAuthorization(ins, 'add', 'normal', true);
    expect(added).toMatchObject({ action: 'add', status: 'DMPOk', unchanged: false });
    expect(await client.testExistence(ins)).toMatchObject({
      authorization: 'VALIDE',
      authorized: true,
    });
    // A second declaration changes nothing, and says so.
    expect(await client.setAuthorization(ins, 'add', 'normal', true)).toMatchObject({
      unchanged: true,
    });
    const removed = await client.setAuthorization(ins, 'remove', 'normal');
    expect(removed).toMatchObject({ action: 'remove', status: 'DMPOk' });
    expect(await client.testExistence(ins)).toMatchObject({
      authorization: 'NON_EXISTE',
      authorized: false,
    });
  });

  it('refuses to add an authorisation without the patient’s consent, before any exchange', async () => {
    const ins = testIns(PATIENT_NOBODY_AUTHORISED);
    const before = sandbox.running.store.traces({ ins: PATIENT_NOBODY_AUTHORISED }).length;
    const sloppy = cardiologist.client as unknown as {
      setAuthorization(i: unknown, a: string, m: string, c: boolean): Promise<unknown>;
    };
    await expect(sloppy.setAuthorization(ins, 'add', 'normal', false)).rejects.toMatchObject({
      code: 'DMP_CONSENT_REQUIRED',
      message: expect.stringContaining('accord'),
    });
    expect(sandbox.running.store.traces({ ins: PATIENT_NOBODY_AUTHORISED })).toHaveLength(before);
  });

  it('TD0.3 is refused outside normal access (bris de glace)', async () => {
    const ins = testIns(PATIENT_NOBODY_AUTHORISED);
    await expect(
      cardiologist.client.setAuthorization(
        ins,
        'add',
        { mode: 'bris_de_glace', reason: 'Patient inconscient aux urgences' },
        true,
      ),
    ).rejects.toMatchObject({ code: 'DMP_ACCESS_DENIED' });
  });

  it('TD0.4 lists the patient with the authorisation and last document dates', async () => {
    const ins = testIns(PATIENT_NOBODY_AUTHORISED);
    await cardiologist.client.setAuthorization(ins, 'add', 'normal', true);
    const byAuthorisation = await cardiologist.client.listAuthorizedPatients(
      { since: yesterday(), dateType: 'LASTAUTORIZATION' },
      'normal',
    );
    const listed = byAuthorisation.find((p) => p.ins?.matricule === PATIENT_NOBODY_AUTHORISED);
    expect(listed).toMatchObject({
      lastName: 'PAT-TROIS',
      isMedecinTraitant: false,
      lastAuthorizationDate: expect.stringMatching(/^20\d{12}$/),
    });
    // Dates are French local time on both sides: an authorisation given a minute ago is
    // listed by a query from ten minutes ago (a UTC/local mix-up would lose it).
    const recent = await cardiologist.client.listAuthorizedPatients(
      { since: new Date(Date.now() - 10 * 60 * 1000) },
      'normal',
    );
    expect(recent.map((p) => p.ins?.matricule)).toContain(PATIENT_NOBODY_AUTHORISED);
    // No document yet: nothing since yesterday by LASTDOC.
    const byDocBefore = await cardiologist.client.listAuthorizedPatients(
      { since: yesterday(), dateType: 'LASTDOC' },
      'normal',
    );
    expect(byDocBefore.map((p) => p.ins?.matricule)).not.toContain(PATIENT_NOBODY_AUTHORISED);
    await pros.feed(
      { key: 'cardiologist', session: cardiologist },
      { ins: PATIENT_NOBODY_AUTHORISED, title: 'Compte rendu de cardiologie' },
    );
    const byDoc = await cardiologist.client.listAuthorizedPatients(
      { since: yesterday(), dateType: 'LASTDOC' },
      'normal',
    );
    expect(byDoc.find((p) => p.ins?.matricule === PATIENT_NOBODY_AUTHORISED)).toMatchObject({
      lastDocumentDate: expect.stringMatching(/^20\d{12}$/),
    });
    // The GP is the médecin traitant of another patient: the list says so.
    const gp = await pros.open('gp');
    const gpList = await gp.client.listAuthorizedPatients({ since: '20000101000000' }, 'normal');
    expect(gpList.find((p) => p.ins?.matricule === PATIENT_GP_IS_MT)).toMatchObject({
      isMedecinTraitant: true,
    });
  });
});
