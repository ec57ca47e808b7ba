// `navette doctor` (the built CLI) against the DMP test server: every check passes with the test
// card (with and without --pin) and with the structure certificate; a configuration mistake and a
// stopped server are failures that say what to do, with exit code 1.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { runCli } from '../../support/cli.js';
import { removeTempDirs } from '../../support/tempDir.js';
import { startTestSandbox, type TestSandbox } from '../dmp/sandboxFixture.js';
import { cliEnv, jsonOf } from './cliEnv.js';

interface Check {
  id: string;
  status: 'ok' | 'warn' | 'fail' | 'skip';
  verdict: string;
  fix?: string;
}
interface Report {
  ok: boolean;
  authMode: string;
  checks: Check[];
}

let sandbox: TestSandbox;
let direct: string;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  direct = sandbox.writeConfig('direct');
});

afterAll(async () => {
  await sandbox?.stop();
  removeTempDirs();
});

function byId(report: Report): Record<string, Check> {
  return Object.fromEntries(report.checks.map((c) => [c.id, c]));
}

async function doctor(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; report: Report; stderr: string }> {
  const r = await runCli(['doctor', ...args, '--json'], env);
  return { code: r.code, report: jsonOf(r.stdout) as unknown as Report, stderr: r.stderr };
}

describe('navette doctor', () => {
  it('passes against the running sandbox with the test card, without asking the PIN', async () => {
    const { code, report } = await doctor(
      ['--config', direct, '--card', sandbox.gp.label],
      cliEnv(sandbox.softhsmConf),
    );
    expect(report.checks.filter((c) => c.status === 'fail')).toEqual([]);
    expect(code).toBe(0);
    expect(report.ok).toBe(true);
    const checks = byId(report);
    for (const id of [
      'configuration',
      'trust-anchors',
      'card-module',
      'card-reader',
      'card-present',
      'card-certificates',
      'card-pin',
      'dmp-reachable',
    ]) {
      expect(checks[id]?.status, id).toBe('ok');
    }
    expect(checks['dmp-reachable']?.verdict).toContain('certificat du serveur vérifié');
    expect(checks['clock']).toMatchObject({
      status: 'skip',
      verdict: expect.stringContaining('--pin'),
    });
    expect(checks['card-login']).toBeUndefined();
  });

  it('with --pin: the PIN, the card key in TLS and the DMP clock are checked too', async () => {
    const { code, report } = await doctor(
      ['--config', direct, '--card', sandbox.gp.label, '--pin'],
      cliEnv(sandbox.softhsmConf, { NAVETTE_PIN: sandbox.gp.pin }),
    );
    expect(code).toBe(0);
    const checks = byId(report);
    expect(checks['card-login']?.status).toBe('ok');
    expect(checks['dmp-reachable']).toMatchObject({
      status: 'ok',
      verdict: expect.stringContaining(`avec la carte « ${sandbox.gp.label} »`),
    });
    expect(checks['clock']).toMatchObject({
      status: 'ok',
      verdict: expect.stringContaining("Horloge à l'heure du DMP"),
    });
  });

  it('indirect mode: the structure certificate and the DMP clock', async () => {
    const { code, report } = await doctor(
      ['--config', sandbox.writeConfig('indirect')],
      cliEnv(sandbox.softhsmConf, {
        NAVETTE_STRUCTURE_P12_PASSWORD: sandbox.manifest.structure.password,
      }),
    );
    expect(code).toBe(0);
    const checks = byId(report);
    expect(report.authMode).toBe('indirect');
    expect(checks['structure-certificate']?.status).toBe('ok');
    expect(checks['dmp-reachable']?.verdict).toContain('avec le certificat de la structure');
    expect(checks['clock']?.status).toBe('ok');
    expect(checks['card-module']).toBeUndefined();
  });

  it('reports configuration mistakes with their fix, the other checks still run', async () => {
    const file = sandbox.writeConfig('direct', {
      dmp: { trustAnchors: ['/nulle/part/racine.pem'] },
    });
    // An unknown field (a typo) on top of an unreadable anchor file.
    writeFileSync(
      file,
      JSON.stringify({ ...(JSON.parse(readFileSync(file, 'utf8')) as object), surprise: 1 }),
    );
    const { code, report } = await doctor(
      ['--config', file, '--card', sandbox.gp.label],
      cliEnv(sandbox.softhsmConf),
    );
    expect(code).toBe(1);
    const checks = byId(report);
    expect(checks['configuration']).toMatchObject({
      status: 'fail',
      fix: expect.stringContaining('surprise'),
    });
    expect(checks['trust-anchors']).toMatchObject({
      status: 'fail',
      fix: expect.stringContaining('dmp.trustAnchors'),
    });
    expect(checks['dmp-reachable']?.status).toBe('skip');
    expect(checks['card-present']?.status).toBe('ok');
  });

  it('fails with a fix when the DMP is stopped', async () => {
    await sandbox.stop();
    const r = await runCli(
      ['doctor', '--config', direct, '--card', sandbox.gp.label],
      cliEnv(sandbox.softhsmConf),
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /\[ÉCHEC\] +Connexion au DMP : Le DMP 127\.0\.0\.1:\d+ \(DMP de test local\) est injoignable/,
    );
    expect(r.stdout).toContain('À faire : Démarrez le DMP de test');
    const { report } = await doctor(
      ['--config', direct, '--card', sandbox.gp.label],
      cliEnv(sandbox.softhsmConf),
    );
    expect(byId(report)['dmp-reachable']).toMatchObject({
      status: 'fail',
      fix: expect.stringContaining('navette sandbox serve'),
    });
    expect(byId(report)['card-present']?.status).toBe('ok');
    expect(report.ok).toBe(false);
  });
});
