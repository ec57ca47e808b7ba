// `navette status|authorize|consult|fetch|manage` as a user or a script runs them (the built CLI,
// a child process) against the DMP test server over mutual TLS, direct mode with the GP's
// SoftHSM2 card (PIN from NAVETTE_PIN): the access-mode options, documents with their fields, the
// files fetched (bytes, PDF, HTML), management with --yes, authorisation with --patient-consent,
// and the journal the commands wrote (chain intact, no INS).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DmpSession } from '../../../src/app/dmp/index.js';
import { runCli } from '../../support/cli.js';
import { makeTempDir, removeTempDirs } from '../../support/tempDir.js';
import { cliEnv, jsonOf } from '../cli-status/cliEnv.js';
import { Professionals } from '../dmp/consultationSupport.js';
import {
  PATIENT_GP_IS_MT,
  PATIENT_NOBODY_AUTHORISED,
  startTestSandbox,
  type TestSandbox,
} from '../dmp/sandboxFixture.js';
import { LEVEL3_SECTION_TEXT, feedDocument } from './consultFixture.js';

let sandbox: TestSandbox;
let pros: Professionals;
let gp: DmpSession;
let config: string;
let env: NodeJS.ProcessEnv;
let data: string;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  pros = new Professionals(sandbox);
  gp = await pros.open('gp');
  config = sandbox.writeConfig('direct');
  data = makeTempDir('navette-consult-cli-data-');
  env = cliEnv(sandbox.softhsmConf, { NAVETTE_PIN: sandbox.gp.pin, NAVETTE_HOME: data });
});

afterAll(async () => {
  await pros?.close();
  await sandbox?.stop();
  removeTempDirs();
});

const cli = (args: string[]) =>
  runCli([...args, '--config', config, '--card', sandbox.gp.label], env);

describe('navette consultation commands', () => {
  it('status: access modes, bris de glace needs its reason (usage error, nothing sent)', async () => {
    const normal = await cli(['status', '--ins', PATIENT_GP_IS_MT, '--json']);
    expect(normal.code, normal.stderr).toBe(0);
    expect(jsonOf(normal.stdout)).toMatchObject({
      status: 'ACTIF',
      accessMode: 'normal',
      messages: expect.arrayContaining(['Vous êtes son médecin traitant.']),
    });
    const noReason = await cli(['status', '--ins', PATIENT_GP_IS_MT, '--mode', 'bris-de-glace']);
    expect(noReason.code).toBe(2);
    expect(noReason.stderr).toContain('bris de glace exige');
    const emergency = await cli([
      'status',
      '--ins',
      PATIENT_NOBODY_AUTHORISED,
      '--mode',
      'bris-de-glace',
      '--reason',
      'Patient inconscient',
    ]);
    expect(emergency.code, emergency.stderr).toBe(0);
    expect(emergency.stdout).toContain('BRIS DE GLACE');
  });

  it('consult, fetch and manage: fields, files, masking with --yes', async () => {
    const sent = await feedDocument(
      sandbox.manifest,
      { key: 'gp', session: gp },
      { ins: PATIENT_GP_IS_MT, title: 'Compte rendu CLI' },
    );
    const structured = await feedDocument(
      sandbox.manifest,
      { key: 'gp', session: gp },
      { ins: PATIENT_GP_IS_MT, title: 'Compte rendu structuré CLI', level3: true },
    );
    const listed = await cli(['consult', '--ins', PATIENT_GP_IS_MT, '--json']);
    expect(listed.code, listed.stderr).toBe(0);
    const list = jsonOf(listed.stdout) as { documents: Record<string, unknown>[] };
    const doc = list.documents.find((d) => d['uniqueId'] === sent.uniqueId);
    expect(doc).toMatchObject({
      entryUUID: expect.stringMatching(/^urn:uuid:/),
      title: 'Compte rendu CLI',
      typeCode: { code: '11488-4' },
      classCode: { code: expect.any(String) },
      creationTime: expect.stringMatching(/^\d{8}/),
      author: { id: sandbox.gp.holder.id },
      status: 'approved',
      visibility: { hiddenFromProfessionals: false },
      lot: expect.any(String),
      mine: true,
    });
    const text = await cli(['consult', '--ins', PATIENT_GP_IS_MT]);
    expect(text.stdout).toContain('Compte rendu CLI [approuvé] (vous en êtes l’auteur)');
    expect(text.stdout).toContain('documents approuvés des deux dernières années');

    const out = makeTempDir('navette-consult-cli-out-');
    const fetched = await cli([
      'fetch',
      '--ins',
      PATIENT_GP_IS_MT,
      '--unique-id',
      sent.uniqueId,
      '--out',
      out,
      '--json',
    ]);
    expect(fetched.code, fetched.stderr).toBe(0);
    const files = (jsonOf(fetched.stdout) as { files: { document: string; pdf: string } }).files;
    expect(path.extname(files.document)).toBe('.xml');
    expect(readFileSync(files.document)).toEqual(Buffer.from(sent.bytes));
    expect(readFileSync(files.pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const html = await cli([
      'fetch',
      '--ins',
      PATIENT_GP_IS_MT,
      '--unique-id',
      structured.uniqueId,
      '--out',
      out,
    ]);
    expect(html.code, html.stderr).toBe(0);
    expect(html.stdout).toContain('Rendu HTML');
    const htmlFile = readdirSync(out).find((f) => f.endsWith('.html'));
    expect(htmlFile).toBeDefined();
    expect(readFileSync(path.join(out, htmlFile ?? ''), 'utf8')).toContain(LEVEL3_SECTION_TEXT);

    const unconfirmed = await cli([
      'manage',
      '--ins',
      PATIENT_GP_IS_MT,
      '--unique-id',
      sent.uniqueId,
      '--action',
      'mask',
    ]);
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.stderr).toContain('--yes');
    const masked = await cli([
      'manage',
      '--ins',
      PATIENT_GP_IS_MT,
      '--unique-id',
      sent.uniqueId,
      '--action',
      'mask',
      '--yes',
      '--json',
    ]);
    expect(masked.code, masked.stderr).toBe(0);
    expect(jsonOf(masked.stdout)).toMatchObject({
      action: 'mask',
      document: { visibility: { hiddenFromProfessionals: true } },
    });
    const bad = await cli([
      'manage',
      '--ins',
      PATIENT_GP_IS_MT,
      '--unique-id',
      'x',
      '--action',
      'hide',
    ]);
    expect(bad.code).toBe(2);
  });

  it('authorize: consent required from scripts, then add and remove', async () => {
    const refused = await cli(['authorize', '--ins', PATIENT_NOBODY_AUTHORISED]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--patient-consent');
    const added = await cli([
      'authorize',
      '--ins',
      PATIENT_NOBODY_AUTHORISED,
      '--patient-consent',
      '--json',
    ]);
    expect(added.code, added.stderr).toBe(0);
    expect(jsonOf(added.stdout)).toMatchObject({ action: 'add', status: { authorized: true } });
    const removed = await cli(['authorize', '--ins', PATIENT_NOBODY_AUTHORISED, '--remove']);
    expect(removed.code, removed.stderr).toBe(0);
    expect(removed.stdout).toContain('retirée');
  });

  it('the commands journaled every DMP call; the chain verifies; no INS', async () => {
    const verify = await runCli(['journal', 'verify', '--data', data, '--json'], env);
    expect(verify.code, verify.stderr).toBe(0);
    const listed = await runCli(['journal', 'list', '--data', data, '--json'], env);
    expect(listed.code, listed.stderr).toBe(0);
    for (const code of ['TD0.2', 'TD0.3', 'TD3.1', 'TD3.2', 'TD3.3']) {
      expect(listed.stdout).toContain(`"${code}"`);
    }
    expect(listed.stdout).toContain('BRIS_DE_GLACE');
    expect(listed.stdout).not.toContain(PATIENT_GP_IS_MT);
    expect(listed.stdout).not.toContain(PATIENT_NOBODY_AUTHORISED);
    expect(existsSync(path.join(data, 'navette.db'))).toBe(true);
  });
});
