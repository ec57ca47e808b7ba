// `navette send` (the built CLI) against the DMP test server, in direct mode with the GP's
// SoftHSM2 card and NAVETTE_PIN: a level-1 CDA for a patient whose DMP is open is sent and
// registered once (a second run finds it registered, still once), a document for the patient
// whose DMP is closed is refused in French, and every DMP attempt is in the audit journal under
// a keyed patient reference, never the INS.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultAppPaths } from '../../../src/app/config/index.js';
import { openDmpSession, type DmpSession } from '../../../src/app/dmp/index.js';
import { PATIENT_KEY_FILE } from '../../../src/app/journal/patientKey.js';
import { AuditJournal, openDatabase, patientReference } from '../../../src/store/index.js';
import { runCli } from '../../support/cli.js';
import { makeTempDir, removeTempDirs } from '../../support/tempDir.js';
import { cliEnv } from '../cli-status/cliEnv.js';
import {
  PATIENT_CLOSED,
  PATIENT_GP_IS_MT,
  startTestSandbox,
  type TestSandbox,
} from '../dmp/sandboxFixture.js';
import { buildCda, registryEntries } from '../dmp/sendingSupport.js';

let sandbox: TestSandbox;
let config: string;
let session: DmpSession;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  config = sandbox.writeConfig('direct');
  session = await openDmpSession({
    config: sandbox.configOf(config),
    env: { SOFTHSM2_CONF: sandbox.softhsmConf },
    cardLabel: sandbox.gp.label,
    pin: () => Promise.resolve(sandbox.gp.pin),
  });
});

afterAll(async () => {
  await session?.close();
  await sandbox?.stop();
  removeTempDirs();
});

interface SendLine {
  file: string;
  status: string;
  uniqueId: string | null;
  entryUUID: string | null;
  dmpStatus: string | null;
  error: { code: string; message: string; fix?: string } | null;
}

function linesOf(stdout: string): SendLine[] {
  const line = stdout.split('\n').find((l) => l.startsWith('['));
  if (line === undefined) throw new Error(`no JSON array in:\n${stdout}`);
  return JSON.parse(line) as SendLine[];
}

describe('navette send', () => {
  it('sends a level-1 CDA once, refuses the closed-DMP patient in French, and journals it', async () => {
    const dir = makeTempDir('navette-send-');
    const open = buildCda(sandbox, { ins: PATIENT_GP_IS_MT, title: 'Envoi direct' });
    const closed = buildCda(sandbox, { ins: PATIENT_CLOSED });
    const openFile = path.join(dir, 'cr.xml');
    const closedFile = path.join(dir, 'ferme.xml');
    writeFileSync(openFile, open.bytes);
    writeFileSync(closedFile, closed.bytes);
    const env = cliEnv(sandbox.softhsmConf, { NAVETTE_PIN: sandbox.gp.pin });
    const args = ['--config', config, '--card', sandbox.gp.label, '--json'];

    const r = await runCli(['send', openFile, closedFile, ...args], env);
    expect(r.code, r.stderr).toBe(1);
    const [sent, refused] = linesOf(r.stdout);
    expect(Object.keys(sent ?? {})).toEqual([
      'file',
      'status',
      'uniqueId',
      'entryUUID',
      'dmpStatus',
      'error',
    ]);
    expect(sent).toMatchObject({
      file: openFile,
      status: 'sent',
      uniqueId: open.uniqueId,
      entryUUID: expect.stringMatching(/^urn:uuid:/),
      dmpStatus: 'ACTIF',
      error: null,
    });
    expect(refused).toMatchObject({
      file: closedFile,
      status: 'refused',
      uniqueId: closed.uniqueId,
      entryUUID: null,
      error: { code: 'DMP_CLOSED', message: expect.stringContaining('fermé') },
    });
    const registered = await registryEntries(session.client, PATIENT_GP_IS_MT);
    expect(registered.filter((e) => e.uniqueId === open.uniqueId)).toHaveLength(1);
    const closedEntries = await registryEntries(session.client, PATIENT_CLOSED).catch(() => []);
    expect(closedEntries.filter((e) => e.uniqueId === closed.uniqueId)).toHaveLength(0);

    // Sent again: recognised as already registered, never a second entry; exit 0, French text.
    const again = await runCli(
      ['send', openFile, '--config', config, '--card', sandbox.gp.label],
      env,
    );
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('envoyé');
    const after = await registryEntries(session.client, PATIENT_GP_IS_MT);
    expect(after.filter((e) => e.uniqueId === open.uniqueId)).toHaveLength(1);

    // The journal: one TD2.1 per attempt, keyed patient reference, no INS anywhere.
    const dataDir = defaultAppPaths(env).dataDir;
    const db = openDatabase(path.join(dataDir, 'navette.db'));
    try {
      const journal = new AuditJournal(db, () => new Date());
      const entries = journal.list().filter((e) => e.transaction === 'TD2.1');
      const key = readFileSync(path.join(dataDir, PATIENT_KEY_FILE));
      expect(entries.map((e) => e.result)).toEqual(['success', 'DMP_CLOSED', 'success']);
      expect(entries[0]).toMatchObject({
        actor: sandbox.gp.holder.id,
        structure: sandbox.manifest.structure.id,
        accessMode: 'NORMAL',
        patientRef: patientReference(key, PATIENT_GP_IS_MT),
        details: { uniqueId: open.uniqueId },
      });
      expect(entries[1]?.patientRef).toBe(patientReference(key, PATIENT_CLOSED));
      expect(JSON.stringify(entries)).not.toContain(PATIENT_GP_IS_MT);
      expect(journal.verify().ok).toBe(true);
    } finally {
      db.close();
    }
  });

  it('refuses a malformed file without asking the DMP, in French', async () => {
    const file = path.join(makeTempDir('navette-send-bad-'), 'casse.xml');
    writeFileSync(file, '<ClinicalDocument><pas fermé>');
    const env = cliEnv(sandbox.softhsmConf, { NAVETTE_PIN: sandbox.gp.pin });
    const r = await runCli(
      ['send', file, '--config', config, '--card', sandbox.gp.label, '--json'],
      env,
    );
    expect(r.code, r.stderr).toBe(1);
    expect(linesOf(r.stdout)).toEqual([
      expect.objectContaining({ status: 'refused', uniqueId: null, error: expect.any(Object) }),
    ]);
  });
});
