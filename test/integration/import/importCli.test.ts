// `navette import` as a user or a script runs it (the built CLI, a child process; `npm run build`
// first) against the DMP test server, direct mode with the SoftHSM2 test card: the documents land
// in the configured import folder, a second run imports nothing, and follow / followed / unfollow
// keep the list of followed patients in the data folder.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { makeTempDir, removeTempDirs } from '../../support/tempDir.js';
import { cliEnv, jsonOf } from '../cli-status/cliEnv.js';
import { Professionals } from '../dmp/consultationSupport.js';
import { PATIENT_GP_IS_MT, startTestSandbox, type TestSandbox } from '../dmp/sandboxFixture.js';

let sandbox: TestSandbox;
let pros: Professionals;
let config: string;
let folder: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  pros = new Professionals(sandbox);
  const gp = await pros.open('gp');
  await pros.feed({ key: 'gp', session: gp }, { ins: PATIENT_GP_IS_MT, title: 'Lettre CLI' });
  folder = path.join(makeTempDir('navette-import-cli-'), 'Import DMP');
  config = sandbox.writeConfig('direct', { import: { folder, namePattern: '{ins} {uniqueId}' } });
  env = cliEnv(sandbox.softhsmConf, { NAVETTE_PIN: sandbox.gp.pin });
}, 120_000);

afterAll(async () => {
  await pros?.close();
  await sandbox?.stop();
  removeTempDirs();
});

const args = (...extra: string[]) => [
  'import',
  ...extra,
  '--config',
  config,
  '--card',
  sandbox.gp.label,
];

describe('navette import', () => {
  it('imports into the import folder as JSON, then nothing the second time', async () => {
    const first = await runCli([...args('--ins', PATIENT_GP_IS_MT), '--json'], env);
    expect(first.code, first.stderr).toBe(0);
    const report = jsonOf(first.stdout) as {
      folder: string;
      imported: { uniqueId: string; fileName: string }[];
      skipped: unknown[];
      failed: unknown[];
    };
    expect(report.folder).toBe(folder);
    expect(report.failed).toEqual([]);
    expect(report.imported.length).toBeGreaterThan(0);
    for (const d of report.imported)
      expect(d.fileName).toBe(`${PATIENT_GP_IS_MT} ${d.uniqueId}.xml`);
    expect(readdirSync(folder).sort()).toEqual(
      report.imported.flatMap((d) => [d.fileName, d.fileName.replace(/\.xml$/, '.json')]).sort(),
    );

    const second = await runCli(args('--ins', PATIENT_GP_IS_MT), env);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain(
      `0 document(s) importé(s) dans « ${folder} », ${report.imported.length} déjà importé(s), 0 en échec.`,
    );
  });

  it('follow, followed, unfollow: no card needed', async () => {
    const noPin = { ...env };
    delete noPin['NAVETTE_PIN'];
    const follow = await runCli(args('follow', '--ins', PATIENT_GP_IS_MT), noPin);
    expect(follow.code, follow.stderr).toBe(0);
    expect(follow.stdout).toContain('import.autoImport');
    const listed = await runCli([...args('followed'), '--json'], noPin);
    expect(jsonOf(listed.stdout)).toMatchObject({
      patients: [{ matricule: PATIENT_GP_IS_MT, lastChecked: null }],
    });
    const unfollow = await runCli(
      [...args('unfollow', '--ins', PATIENT_GP_IS_MT), '--json'],
      noPin,
    );
    expect(jsonOf(unfollow.stdout)).toEqual({ followed: false });
    const empty = await runCli(args('followed'), noPin);
    expect(empty.stdout).toContain('Aucun patient suivi.');
  });

  it('usage errors: a bad date, no INS', async () => {
    const badDate = await runCli(args('--ins', PATIENT_GP_IS_MT, '--since', '31/01/2026'), env);
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toContain('Date illisible');
    const noIns = await runCli(args(), env);
    expect(noIns.code).toBe(2);
    expect(noIns.stderr).toContain('--ins');
  });
});
