// The consultation service against the DMP test server over mutual TLS, with several
// professionals' virtual cards: status, documents with TD0.2 alongside, the "since my last visit"
// cursor, display of a PDF and of a level-3 CDA (HTML), masking seen from another doctor, the
// access-mode rules, TD0.3 with consent, and the audit journal (one entry per DMP call, no INS).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsultService } from '../../../src/app/consult/index.js';
import type { DmpSession } from '../../../src/app/dmp/index.js';
import { AuditJournal, SettingsRepository, type Database } from '../../../src/store/index.js';
import { TINY_PDF } from '../../unit/protocol/cda/cdaTestSupport.js';
import { removeTempDirs } from '../../support/tempDir.js';
import { PATIENT_OPPOSED, Professionals, testIns } from '../dmp/consultationSupport.js';
import {
  PATIENT_GP_IS_MT,
  PATIENT_NOBODY_AUTHORISED,
  startTestSandbox,
  type TestSandbox,
} from '../dmp/sandboxFixture.js';
import { LEVEL3_SECTION_TEXT, consultServiceFor, feedDocument } from './consultFixture.js';

let sandbox: TestSandbox;
let pros: Professionals;
let gpSession: DmpSession;
let gp: ConsultService;
let gpDb: Database;
let cardiologist: ConsultService;
let cardiologistDb: Database;
let nurse: ConsultService;
let nurseDb: Database;
const patient = { ins: PATIENT_GP_IS_MT };

beforeAll(async () => {
  sandbox = await startTestSandbox();
  pros = new Professionals(sandbox);
  gpSession = await pros.open('gp');
  ({ service: gp, db: gpDb } = consultServiceFor(gpSession));
  const [cardiologistSession, nurseSession] = await Promise.all([
    pros.open('cardiologist'),
    pros.open('nurse'),
  ]);
  // Both declare themselves authorised on the GP's patient (with the patient's consent).
  await cardiologistSession.client.setAuthorization(
    testIns(PATIENT_GP_IS_MT),
    'add',
    'normal',
    true,
  );
  await nurseSession.client.setAuthorization(testIns(PATIENT_GP_IS_MT), 'add', 'normal', true);
  ({ service: cardiologist, db: cardiologistDb } = consultServiceFor(cardiologistSession));
  ({ service: nurse, db: nurseDb } = consultServiceFor(nurseSession));
});

afterAll(async () => {
  await pros?.close();
  await sandbox?.stop();
  removeTempDirs();
});

describe('ConsultService against the DMP test server', () => {
  it('TD0.2: the médecin traitant is authorised, in French', async () => {
    const status = await gp.patientStatus({ patient, access: { mode: 'normal' } });
    expect(status).toMatchObject({ dmp: 'ACTIF', authorized: true, isMedecinTraitant: true });
    expect(status.messages).toContain('Vous êtes son médecin traitant.');
  });

  it('TD3.1 with TD0.2 alongside: the document sent is listed, mine, in its lot', async () => {
    const sent = await feedDocument(
      sandbox.manifest,
      { key: 'gp', session: gpSession },
      { ins: PATIENT_GP_IS_MT, title: 'Compte rendu de consultation' },
    );
    const list = await gp.documents({ patient, access: { mode: 'normal' }, allStatuses: false });
    expect(list.scope).toBe('documents approuvés des deux dernières années');
    expect(list.status).toMatchObject({ dmp: 'ACTIF', authorized: true });
    const doc = list.documents.find((d) => d.uniqueId === sent.uniqueId);
    expect(doc).toMatchObject({
      title: 'Compte rendu de consultation',
      status: 'approved',
      mine: true,
      imported: false,
      mimeType: 'text/xml',
    });
    expect(doc?.lot).toMatch(/\S/);
    const seenByCardiologist = await cardiologist.documents({
      patient,
      access: { mode: 'normal' },
      allStatuses: false,
    });
    expect(seenByCardiologist.documents.find((d) => d.uniqueId === sent.uniqueId)?.mine).toBe(
      false,
    );
  });

  it('"since my last visit": a first look, then only what came since, per user and patient', async () => {
    const first = await nurse.documents({
      patient,
      access: { mode: 'normal' },
      since: 'last-visit',
      allStatuses: false,
    });
    expect(first.scope).toContain('première consultation');
    const later = await feedDocument(
      sandbox.manifest,
      { key: 'gp', session: gpSession },
      { ins: PATIENT_GP_IS_MT, title: 'Résultats reçus après la visite' },
    );
    const since = await nurse.documents({
      patient,
      access: { mode: 'normal' },
      since: 'last-visit',
      allStatuses: false,
    });
    expect(since.scope).toContain('depuis votre dernière consultation');
    expect(since.documents.map((d) => d.uniqueId)).toContain(later.uniqueId);
    // The GP's own cursor is another key; its value names no INS.
    const keys = gpDb
      .prepare<[], { key: string; value: string }>(
        "SELECT key, value FROM settings WHERE key LIKE 'consult.lastVisit.%'",
      )
      .all();
    expect(keys.length).toBeGreaterThan(0);
    for (const k of keys) expect(`${k.key}${k.value}`).not.toContain(PATIENT_GP_IS_MT);
    expect(new SettingsRepository(gpDb).get(keys[0]?.key ?? '')).toMatchObject({
      cursor: expect.stringMatching(/^\d{14}$/),
    });
  });

  it('TD3.2: a level-1 CDA shows its PDF; a level-3 CDA without a copy shows the ANS HTML', async () => {
    const pdfDoc = await feedDocument(
      sandbox.manifest,
      { key: 'gp', session: gpSession },
      { ins: PATIENT_GP_IS_MT, title: 'Courrier en PDF' },
    );
    const shownPdf = await gp.documentDisplay({
      patient,
      access: { mode: 'normal' },
      uniqueId: pdfDoc.uniqueId,
    });
    expect(shownPdf.kind).toBe('pdf');
    if (shownPdf.kind === 'pdf') {
      expect(Buffer.from(shownPdf.base64, 'base64').equals(Buffer.from(TINY_PDF))).toBe(true);
    }
    const structured = await feedDocument(
      sandbox.manifest,
      { key: 'gp', session: gpSession },
      { ins: PATIENT_GP_IS_MT, title: 'Compte rendu structuré', level3: true },
    );
    const shownHtml = await gp.documentDisplay({
      patient,
      access: { mode: 'normal' },
      uniqueId: structured.uniqueId,
    });
    expect(shownHtml.kind).toBe('html');
    if (shownHtml.kind === 'html') {
      expect(shownHtml.html).toContain(LEVEL3_SECTION_TEXT);
      expect(shownHtml.html.toLowerCase()).toContain('<html');
    }
    await expect(
      gp.documentDisplay({ patient, access: { mode: 'normal' }, uniqueId: '1.2.250.1.999.404' }),
    ).rejects.toMatchObject({ code: 'CONSULT_DOCUMENT_NOT_FOUND' });
  });

  it('TD3.3 mask: another doctor no longer sees it; the author still does; refusals in French', async () => {
    const sent = await feedDocument(
      sandbox.manifest,
      { key: 'gp', session: gpSession },
      { ins: PATIENT_GP_IS_MT, title: 'Document à masquer' },
    );
    const masked = await gp.manage({
      patient,
      uniqueId: sent.uniqueId,
      action: 'mask',
      confirmed: true,
    });
    expect(masked.message).toContain('masqué');
    expect(masked.document).toMatchObject({ visibility: { hiddenFromProfessionals: true } });
    const other = await cardiologist.documents({
      patient,
      access: { mode: 'normal' },
      allStatuses: false,
    });
    expect(other.documents.map((d) => d.uniqueId)).not.toContain(sent.uniqueId);
    const own = await gp.documents({ patient, access: { mode: 'normal' }, allStatuses: false });
    expect(own.documents.find((d) => d.uniqueId === sent.uniqueId)?.alerts[0]?.code).toBe(
      'MASQUE_PS',
    );
    // Someone else's document: the DMP refuses, and says who may.
    await expect(
      cardiologist.manage({ patient, uniqueId: sent.uniqueId, action: 'delete', confirmed: true }),
    ).rejects.toMatchObject({ message: expect.stringMatching(/[a-zé]/) });
  });

  it('archived documents appear only when asked for', async () => {
    const sent = await feedDocument(
      sandbox.manifest,
      { key: 'gp', session: gpSession },
      { ins: PATIENT_GP_IS_MT, title: 'Ancien document' },
    );
    await gp.manage({ patient, uniqueId: sent.uniqueId, action: 'archive', confirmed: true });
    const approved = await gp.documents({
      patient,
      access: { mode: 'normal' },
      allStatuses: false,
    });
    expect(approved.documents.map((d) => d.uniqueId)).not.toContain(sent.uniqueId);
    const all = await gp.documents({ patient, access: { mode: 'normal' }, allStatuses: true });
    expect(all.documents.find((d) => d.uniqueId === sent.uniqueId)?.status).toBe('archived');
  });

  it('bris de glace: reason required, médecin only, refused for a patient who opposed it', async () => {
    await expect(
      cardiologist.patientStatus({ patient, access: { mode: 'bris-de-glace' } }),
    ).rejects.toMatchObject({ code: 'CONSULT_REASON_REQUIRED' });
    await expect(
      nurse.patientStatus({ patient, access: { mode: 'bris-de-glace', reason: 'Malaise' } }),
    ).rejects.toMatchObject({ code: 'CONSULT_ACCESS_MODE_REFUSED' });
    const emergency = await cardiologist.patientStatus({
      patient: { ins: PATIENT_NOBODY_AUTHORISED },
      access: { mode: 'bris-de-glace', reason: 'Patient inconscient aux urgences' },
    });
    expect(emergency.accessMode).toBe('bris-de-glace');
    expect(emergency.messages.at(-1)).toContain('bris de glace');
    await expect(
      cardiologist.documents({
        patient: { ins: PATIENT_OPPOSED },
        access: { mode: 'bris-de-glace', reason: 'Urgence vitale' },
        allStatuses: false,
      }),
    ).rejects.toMatchObject({ code: 'DMP_ACCESS_DENIED' });
    // Journaled with the mode and its reason, the refusal too; never the reasonless attempt.
    const emergencies = new AuditJournal(cardiologistDb, () => new Date())
      .list({ limit: 1000 })
      .filter((r) => r.accessMode === 'BRIS_DE_GLACE');
    // TD0.2 and TD3.1 run concurrently: their order in the journal is either.
    expect(emergencies.map((r) => [r.transaction, r.result]).sort()).toEqual([
      ['TD0.2', 'DMP_ACCESS_DENIED'],
      ['TD0.2', 'success'],
      ['TD3.1', 'DMP_ACCESS_DENIED'],
    ]);
    expect(emergencies[0]?.details).toMatchObject({ reason: 'Patient inconscient aux urgences' });
    // The nurse's refused attempt is journaled too, with its reason.
    const refused = new AuditJournal(nurseDb, () => new Date())
      .list({ limit: 1000 })
      .filter((r) => r.accessMode === 'BRIS_DE_GLACE');
    expect(refused.map((r) => [r.transaction, r.result, r.details['reason']])).toEqual([
      ['TD0.2', 'CONSULT_ACCESS_MODE_REFUSED', 'Malaise'],
    ]);
  });

  it('TD0.3: consent required, then authorised; removal; TD0.4 lists the patients', async () => {
    const target = { ins: PATIENT_NOBODY_AUTHORISED };
    await expect(
      cardiologist.setAuthorization({
        patient: target,
        action: 'add',
        patientConsented: false as unknown as true,
      }),
    ).rejects.toMatchObject({ code: 'CONSULT_CONSENT_REQUIRED' });
    const added = await cardiologist.setAuthorization({
      patient: target,
      action: 'add',
      patientConsented: true,
    });
    expect(added.status).toMatchObject({ authorized: true, authorization: 'VALIDE' });
    const listed = await cardiologist.authorizedPatients({});
    expect(listed.patients.map((p) => p.ins)).toContain(PATIENT_NOBODY_AUTHORISED);
    const removed = await cardiologist.setAuthorization({ patient: target, action: 'remove' });
    expect(removed.status.authorized).toBe(false);
  });

  it('journals every DMP call with its transaction, mode and reason, never an INS', () => {
    const journal = new AuditJournal(gpDb, () => new Date());
    expect(journal.verify().ok).toBe(true);
    const records = journal.list({ limit: 1000 });
    const codes = new Set(records.map((r) => r.transaction));
    for (const code of ['TD0.2', 'TD3.1', 'TD3.2', 'TD3.3']) expect(codes).toContain(code);
    for (const r of records) {
      expect(r.actor).toMatch(/\S/);
      expect(r.structure).toBe(sandbox.manifest.structure.id);
      expect(r.patientRef).toMatch(/^[0-9a-f]{64}$/);
      expect(r.accessMode).toBe('NORMAL');
      expect(JSON.stringify(r)).not.toContain(PATIENT_GP_IS_MT);
    }
    expect(records.filter((r) => r.transaction === 'TD3.3').map((r) => r.details)).toContainEqual(
      expect.objectContaining({ action: 'mask', status: 'approved' }),
    );
  });

  it('TD0.3: the médecin traitant gives up that role only and stays authorised', async () => {
    // Last: the GP is no longer this patient's médecin traitant afterwards.
    expect(
      (await gp.patientStatus({ patient, access: { mode: 'normal' } })).isMedecinTraitant,
    ).toBe(true);
    const result = await gp.setAuthorization({
      patient,
      action: 'remove',
      role: 'medecin-traitant',
    });
    expect(result.status).toMatchObject({ authorized: true, isMedecinTraitant: false });
    const entries = new AuditJournal(gpDb, () => new Date()).list({ limit: 1000 });
    expect(entries.filter((e) => e.transaction === 'TD0.3').at(-1)?.details).toMatchObject({
      action: 'remove',
      role: 'MEDECIN_TRAITANT',
    });
  });
});
