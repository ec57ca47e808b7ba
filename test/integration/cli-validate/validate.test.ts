// `navette validate` as a user runs it (the built CLI): one report per file, a JSON array with
// --json, exit code 0 only when every file is ok.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DocumentValidationReport } from '../../../src/domain/documents/validationReport.js';
import { isolatedEnv, runCli } from '../../support/cli.js';
import { REPO_ROOT } from '../../support/paths.js';
import { makeTempDir, removeTempDirs } from '../../support/tempDir.js';

afterAll(() => removeTempDirs());

// A copy of the official DOC_NON_STRUCTURE_CDA-R2-N1.xml with a tiny PDF (origin in the file).
const GOOD = path.join(REPO_ROOT, 'test', 'fixtures', 'cda', 'N1-minimal.xml');

describe('navette validate', () => {
  it('reports every file as JSON and fails when one file is not conform', async () => {
    const home = makeTempDir('validate-home-');
    const dir = makeTempDir('validate-');
    const bad = path.join(dir, 'mal-forme.xml');
    writeFileSync(bad, '<ClinicalDocument xmlns="urn:hl7-org:v3"><id></ClinicalDocument>');
    const missing = path.join(dir, 'absent.xml');

    const ok = await runCli(['validate', '--json', GOOD], isolatedEnv(home));
    expect(ok.code, ok.stderr).toBe(0);
    const [good] = JSON.parse(ok.stdout) as DocumentValidationReport[];
    expect(good).toMatchObject({ ok: true, kind: 'cda-n1', errors: [] });
    expect(good?.metadata?.uniqueId).toMatch(/^[0-9.]+(\^.+)?$/);

    const mixed = await runCli(['validate', '--json', GOOD, bad, missing], isolatedEnv(home));
    expect(mixed.code).toBe(1);
    const reports = JSON.parse(mixed.stdout) as DocumentValidationReport[];
    expect(reports.map((r) => [path.basename(r.file), r.ok])).toEqual([
      ['N1-minimal.xml', true],
      ['mal-forme.xml', false],
      ['absent.xml', false],
    ]);
    expect(reports[1]?.errors[0]).toMatchObject({
      code: 'CDA_XML_MALFORMED',
      fix: expect.any(String),
    });
    expect(reports[2]?.errors[0]?.code).toBe('FILE_UNREADABLE');
  });

  it('explains in French, per file, without --json', async () => {
    const home = makeTempDir('validate-home-');
    const r = await runCli(['validate', GOOD], isolatedEnv(home));
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('conforme (cda-n1)');
    const none = await runCli(['validate'], isolatedEnv(home));
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('Indiquez au moins un fichier');
  });
});
