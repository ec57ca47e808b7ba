// The consultation operations of the local API through `navette serve --demo` (in process, the
// embedded DMP test server and its virtual GP card), with a token from `navette api token
// create`: status, documents after a document was sent, display of a PDF and of a level-3 CDA
// (HTML), masking seen from another doctor, bris de glace without a reason (400, French), card
// errors mapped, and the journal: one entry per call, chain intact, no INS anywhere.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DocumentListSchema,
  PatientStatusSchema,
  type DocumentDisplay,
  type DocumentList,
} from '../../../src/api/consult.js';
import type { DmpSession } from '../../../src/app/dmp/index.js';
import { startService, type RunningService } from '../../../src/app/index.js';
import type { SandboxManifest } from '../../../src/app/sandbox.js';
import { run } from '../../../src/cli/main.js';
import { openDatabase, AuditJournal } from '../../../src/store/index.js';
import { TINY_PDF } from '../../unit/protocol/cda/cdaTestSupport.js';
import { makeTempDir, removeTempDirs } from '../../support/tempDir.js';
import { PATIENT_GP_IS_MT } from '../dmp/sandboxFixture.js';
import { testIns } from '../dmp/consultationSupport.js';
import { call } from '../server/apiClient.js';
import { cliIo, openDemoSession, postJson } from './demoServiceSupport.js';
import { LEVEL3_SECTION_TEXT, feedDocument } from './consultFixture.js';

let service: RunningService;
let data: string;
let token: string;
let manifest: SandboxManifest;
let gp: DmpSession;
let cardiologist: DmpSession;
const patient = { ins: PATIENT_GP_IS_MT };

async function post(
  apiPath: string,
  body: unknown,
): Promise<{ status: number; json: Record<string, unknown> }> {
  return postJson(service.port, token, apiPath, body);
}

beforeAll(async () => {
  const home = makeTempDir('navette-consult-home-');
  data = makeTempDir('navette-consult-data-');
  const config = path.join(makeTempDir(), 'settings.json');
  writeFileSync(config, JSON.stringify({ configVersion: 2 }));
  service = await startService({
    dataDir: data,
    configFile: config,
    port: 0,
    demo: true,
    env: { NAVETTE_HOME: home },
    drainTimeoutMs: 2000,
    api: { validateResponses: true },
  });
  const io = cliIo(home);
  expect(
    await run(
      ['api', 'token', 'create', '--name', 'logiciel-cabinet', '--data', data, '--json'],
      io,
    ),
  ).toBe(0);
  token = (JSON.parse(io.stdout.join('')) as { token: string }).token;
  manifest = JSON.parse(
    readFileSync(path.join(data, 'demo', 'dmp', 'sandbox.json'), 'utf8'),
  ) as SandboxManifest;
  gp = await openDemoSession(service, manifest, 'gp');
  cardiologist = await openDemoSession(service, manifest, 'cardiologist');
  await cardiologist.client.setAuthorization(testIns(PATIENT_GP_IS_MT), 'add', 'normal', true);
});

afterAll(async () => {
  await gp?.close();
  await cardiologist?.close();
  await service?.stop('test');
  removeTempDirs();
});

describe('local API: consultation (navette serve --demo)', () => {
  it('POST /api/patient/status: the demo GP is the médecin traitant', async () => {
    const answer = await post('/api/patient/status', { patient });
    expect(answer.status).toBe(200);
    const status = PatientStatusSchema.parse(answer.json);
    expect(status).toMatchObject({ dmp: 'ACTIF', authorized: true, isMedecinTraitant: true });
  });

  it('documents after sending one; display of a PDF and of a level-3 CDA as HTML', async () => {
    const pdf = await feedDocument(
      manifest,
      { key: 'gp', session: gp },
      {
        ins: PATIENT_GP_IS_MT,
        title: 'Compte rendu envoyé',
      },
    );
    const level3 = await feedDocument(
      manifest,
      { key: 'gp', session: gp },
      {
        ins: PATIENT_GP_IS_MT,
        title: 'Compte rendu structuré',
        level3: true,
      },
    );
    const listed = await post('/api/patient/documents', { patient });
    expect(listed.status).toBe(200);
    const list: DocumentList = DocumentListSchema.parse(listed.json);
    expect(list.status).toMatchObject({ authorized: true });
    const ids = list.documents.map((d) => d.uniqueId);
    expect(ids).toEqual(expect.arrayContaining([pdf.uniqueId, level3.uniqueId]));
    expect(list.documents.find((d) => d.uniqueId === pdf.uniqueId)?.mine).toBe(true);

    const shownPdf = await post('/api/patient/document/display', {
      patient,
      uniqueId: pdf.uniqueId,
    });
    expect(shownPdf.status).toBe(200);
    const pdfBody = shownPdf.json as DocumentDisplay;
    expect(pdfBody.kind).toBe('pdf');
    if (pdfBody.kind === 'pdf')
      expect(Buffer.from(pdfBody.base64, 'base64')).toEqual(Buffer.from(TINY_PDF));

    const shownHtml = await post('/api/patient/document/display', {
      patient,
      uniqueId: level3.uniqueId,
    });
    expect(shownHtml.status).toBe(200);
    expect(shownHtml.json).toMatchObject({
      kind: 'html',
      html: expect.stringContaining(LEVEL3_SECTION_TEXT),
    });
  });

  it('mask → another doctor no longer sees it; an unknown document: 404 in French', async () => {
    const sent = await feedDocument(
      manifest,
      { key: 'gp', session: gp },
      {
        ins: PATIENT_GP_IS_MT,
        title: 'À masquer',
      },
    );
    const before = await cardiologist.client.findDocuments(testIns(PATIENT_GP_IS_MT), 'normal');
    expect(before.map((d) => d.uniqueId)).toContain(sent.uniqueId);
    const masked = await post('/api/patient/document/manage', {
      patient,
      uniqueId: sent.uniqueId,
      action: 'mask',
      confirmed: true,
    });
    expect(masked.status).toBe(200);
    expect(masked.json).toMatchObject({
      action: 'mask',
      message: expect.stringContaining('masqué'),
    });
    const after = await cardiologist.client.findDocuments(testIns(PATIENT_GP_IS_MT), 'normal');
    expect(after.map((d) => d.uniqueId)).not.toContain(sent.uniqueId);
    const unknown = await post('/api/patient/document/display', {
      patient,
      uniqueId: '1.2.250.1.999.404',
    });
    expect(unknown.status).toBe(404);
    expect(unknown.json).toMatchObject({ error: { code: 'CONSULT_DOCUMENT_NOT_FOUND' } });
  });

  it('bris de glace without a reason: 400 with a French message, nothing sent', async () => {
    const answer = await post('/api/patient/status', {
      patient,
      access: { mode: 'bris-de-glace' },
    });
    expect(answer.status).toBe(400);
    expect(answer.json).toMatchObject({
      error: { code: 'INVALID_REQUEST', message: expect.stringContaining('bris de glace') },
    });
    const noConsent = await post('/api/patient/authorization', { patient, action: 'add' });
    expect(noConsent.status).toBe(400);
  });

  it('every call is journaled, the chain verifies, and no INS is written', async () => {
    const io = cliIo(data);
    expect(await run(['journal', 'verify', '--data', data, '--json'], io)).toBe(0);
    const db = openDatabase(path.join(data, 'navette.db'));
    try {
      const records = new AuditJournal(db, () => new Date()).list({ limit: 10_000 });
      const consult = records.filter((r) => /^TD(0\.[234]|3\.[123])$/.test(r.transaction));
      const codes = consult.map((r) => r.transaction);
      for (const code of ['TD0.2', 'TD3.1', 'TD3.2', 'TD3.3']) expect(codes).toContain(code);
      for (const r of consult) {
        expect(r.patientRef).toMatch(/^[0-9a-f]{64}$/);
        expect(r.structure).toBe(manifest.structure.id);
      }
      expect(JSON.stringify(records)).not.toContain(PATIENT_GP_IS_MT);
    } finally {
      db.close();
    }
  });
});

describe('local API: consultation without a card PIN', () => {
  it('answers 503 PIN_REQUIRED in French (never 401: the token is fine)', async () => {
    const home = makeTempDir('navette-consult-home-');
    const dataDir = makeTempDir('navette-consult-data-');
    const config = path.join(makeTempDir(), 'settings.json');
    writeFileSync(config, JSON.stringify({ configVersion: 2, dmp: { authMode: 'direct' } }));
    const plain = await startService({
      dataDir,
      configFile: config,
      port: 0,
      env: { NAVETTE_HOME: home },
      drainTimeoutMs: 2000,
      api: { validateResponses: true },
    });
    try {
      const io = cliIo(home);
      await run(['api', 'token', 'create', '--name', 'lgc', '--data', dataDir, '--json'], io);
      const own = (JSON.parse(io.stdout.join('')) as { token: string }).token;
      const answer = await call(plain.port, '/api/patient/status', {
        method: 'POST',
        headers: { Authorization: `Bearer ${own}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ patient }),
      });
      expect(answer.status).toBe(503);
      expect(JSON.parse(answer.body)).toMatchObject({
        error: { code: 'PIN_REQUIRED', message: expect.stringContaining('Code PIN') },
      });
    } finally {
      await plain.stop('test');
    }
  });
});
