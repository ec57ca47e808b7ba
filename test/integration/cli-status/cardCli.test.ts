// `navette card` (the built CLI) on the sandbox's SoftHSM2 test cards: module and where it was
// found, readers, each card's holder, certificates and PIN state — without asking the PIN.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { removeTempDirs } from '../../support/tempDir.js';
import { startTestSandbox, type TestSandbox } from '../dmp/sandboxFixture.js';
import { cliEnv, jsonOf } from './cliEnv.js';

let sandbox: TestSandbox;
let config: string;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  config = sandbox.writeConfig('direct');
});

afterAll(async () => {
  await sandbox?.stop();
  removeTempDirs();
});

interface Report {
  module: { found: boolean; path: string; source: string; searched: string[]; library: unknown };
  slots: { tokenPresent: boolean }[];
  cards: {
    label: string;
    kind: string;
    test: boolean;
    holder: { nationalId: string; professionCode: string | null; specialties: string[] } | null;
    pin: { initialized: boolean; locked: boolean };
    authentication: { validity: string; notAfter: string; subject: string } | null;
    signature: { validity: string; keyUsage: string[] } | null;
  }[];
  error?: { code: string; message: string };
}

describe('navette card', () => {
  it('lists the SoftHSM2 cards with holder, certificates and PIN state (--json)', async () => {
    const r = await runCli(['card', '--config', config, '--json'], cliEnv(sandbox.softhsmConf));
    expect(r.code, r.stderr).toBe(0);
    const report = jsonOf(r.stdout) as unknown as Report;
    expect(report.module).toMatchObject({
      found: true,
      path: sandbox.gp.token?.module,
      source: 'configuration',
      searched: [sandbox.gp.token?.module],
      library: expect.objectContaining({ libraryDescription: expect.any(String) }),
    });
    expect(report.slots.length).toBeGreaterThanOrEqual(4);
    expect(report.cards.map((c) => c.label).sort()).toEqual(
      sandbox.manifest.cards.map((c) => c.label).sort(),
    );
    const gp = report.cards.find((c) => c.label === sandbox.gp.label);
    expect(gp).toMatchObject({
      kind: 'CPS',
      test: true,
      holder: { nationalId: sandbox.gp.holder.id, professionCode: '10', specialties: ['SM54'] },
      pin: { initialized: true, locked: false },
      authentication: { validity: 'valid', subject: expect.stringContaining(sandbox.gp.holder.id) },
      signature: { validity: 'valid', keyUsage: expect.arrayContaining(['nonRepudiation']) },
    });
    expect(Date.parse(gp?.authentication?.notAfter ?? '')).toBeGreaterThan(Date.now());
    const secretary = report.cards.find((c) => c.kind === 'CPE');
    expect(secretary?.holder?.professionCode).toBeNull();
  });

  it('shows one card with --card, in French without --json', async () => {
    const r = await runCli(
      ['card', '--config', config, '--card', sandbox.gp.label],
      cliEnv(sandbox.softhsmConf),
    );
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toContain(
      `Module PKCS#11 : ${sandbox.gp.token?.module ?? ''} (réglage card.pkcs11Module)`,
    );
    expect(lines).toContain(
      `  Titulaire : CLAIRE MARTIN — identifiant ${sandbox.gp.holder.id}, profession 10 (Médecin), spécialité SM54`,
    );
    expect(lines).toContain('  Code porteur : utilisable');
    expect(lines.filter((l) => l.startsWith('Carte « '))).toHaveLength(1);
    expect(r.stdout).toMatch(/Certificat de signature : .* \(valide\)/);
  });

  it('an unknown label, or a module that is not there, is a French error with exit 1', async () => {
    const unknown = await runCli(
      ['card', '--config', config, '--card', 'CPS INCONNUE'],
      cliEnv(sandbox.softhsmConf),
    );
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain(
      "navette : La carte « CPS INCONNUE » n'est pas dans un lecteur. Cartes présentes :",
    );

    const missing = sandbox.writeConfig('direct', {
      card: { pkcs11Module: '/nulle/part/libcps3_pkcs11_lux.so' },
    });
    const r = await runCli(['card', '--config', missing, '--json'], cliEnv(sandbox.softhsmConf));
    expect(r.code).toBe(1);
    const report = jsonOf(r.stdout) as unknown as Report;
    expect(report.module).toMatchObject({
      found: false,
      searched: ['/nulle/part/libcps3_pkcs11_lux.so'],
    });
    expect(report.error?.code).toBe('CARD_MODULE_MISSING');
    expect(r.stderr).toContain('/nulle/part/libcps3_pkcs11_lux.so');
  });
});
