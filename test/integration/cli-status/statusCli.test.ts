// `navette status --ins INS` as a user or a script runs it (the built CLI, a child process) against
// the DMP test server: direct mode with the SoftHSM2 test card (engine route, PIN from NAVETTE_PIN),
// indirect mode with the structure's PKCS#12, and the French errors of the PIN and the card.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { removeTempDirs } from '../../support/tempDir.js';
import { PATIENT_GP_IS_MT, startTestSandbox, type TestSandbox } from '../dmp/sandboxFixture.js';
import { cliEnv, jsonOf } from './cliEnv.js';

let sandbox: TestSandbox;
let direct: string;
let indirect: string;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  direct = sandbox.writeConfig('direct');
  indirect = sandbox.writeConfig('indirect');
});

afterAll(async () => {
  await sandbox?.stop();
  removeTempDirs();
});

function card(key: string): { label: string; pin: string } {
  const found = sandbox.manifest.cards.find((c) => c.key === key);
  if (found === undefined) throw new Error(key);
  return found;
}

describe('navette status', () => {
  it('direct mode: TD0.2 with the card, as JSON', async () => {
    const gp = card('gp');
    const r = await runCli(
      ['status', '--ins', PATIENT_GP_IS_MT, '--config', direct, '--card', gp.label, '--json'],
      cliEnv(sandbox.softhsmConf, { NAVETTE_PIN: gp.pin }),
    );
    expect(r.code, r.stderr).toBe(0);
    expect(jsonOf(r.stdout)).toMatchObject({
      ins: PATIENT_GP_IS_MT,
      insType: 'NIR_TEST',
      exists: true,
      status: 'ACTIF',
      authorization: 'VALIDE',
      authorized: true,
      isMedecinTraitant: true,
      linkedToMonEspaceSante: true,
      accessMode: 'normal',
      connection: {
        mode: 'direct',
        authenticationMode: 'DIRECTE',
        card: gp.label,
        subjectId: sandbox.gp.holder.id,
        structureId: sandbox.manifest.structure.id,
      },
      vihf: { signatures: 1, reused: 0 },
    });
    // The DMP saw the GP in direct mode.
    const [last] = sandbox.running.store.traces({ ins: PATIENT_GP_IS_MT, limit: 1 });
    expect(last).toMatchObject({
      transaction: 'TD0.2',
      psId: sandbox.gp.holder.id,
      authMode: 'DIRECTE',
    });
  });

  it('direct mode: the same in French, on stdout', async () => {
    const gp = card('gp');
    const r = await runCli(
      ['status', '--ins', PATIENT_GP_IS_MT, '--config', direct, '--card', gp.label],
      cliEnv(sandbox.softhsmConf, { NAVETTE_PIN: gp.pin }),
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split('\n')).toEqual([
      `Patient : INS-NIR de test ${PATIENT_GP_IS_MT}`,
      'DMP : ouvert (rattaché à Mon Espace Santé)',
      'Votre autorisation : autorisé — vous êtes son médecin traitant',
      `Accès : Accès normal — Carte « ${gp.label} » (authentification directe)`,
      '',
    ]);
  });

  it('indirect mode: TD0.2 with the structure certificate', async () => {
    const r = await runCli(
      ['status', '--ins', PATIENT_GP_IS_MT, '--config', indirect, '--json'],
      cliEnv(sandbox.softhsmConf, {
        NAVETTE_STRUCTURE_P12_PASSWORD: sandbox.manifest.structure.password,
      }),
    );
    expect(r.code, r.stderr).toBe(0);
    expect(jsonOf(r.stdout)).toMatchObject({
      status: 'ACTIF',
      authorization: 'NON_EXISTE',
      connection: {
        mode: 'indirect',
        authenticationMode: 'INDIRECTE',
        subjectId: sandbox.manifest.structure.id,
        signatureCertificate: expect.stringContaining('SIGN'),
        authenticationCertificate: expect.stringContaining('AUTH'),
      },
    });
  });

  it('a wrong PIN: French message with what the card says of the tries left, exit 1', async () => {
    // Another card than the GP's: SoftHSM2 keeps COUNT_LOW after a wrong PIN.
    const cardiologist = card('cardiologist');
    const r = await runCli(
      [
        'status',
        '--ins',
        PATIENT_GP_IS_MT,
        '--config',
        direct,
        '--card',
        cardiologist.label,
        '--json',
      ],
      cliEnv(sandbox.softhsmConf, { NAVETTE_PIN: '987654' }),
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'navette : Code porteur incorrect. Attention : il reste peu d’essais avant le blocage de la carte.',
    );
    expect(jsonOf(r.stdout)).toMatchObject({ error: { code: 'CARD_PIN_INCORRECT' } });
    expect(`${r.stdout}${r.stderr}`).not.toContain('987654');
  });

  it('without NAVETTE_PIN nor a terminal, says how to give the PIN', async () => {
    const r = await runCli(
      ['status', '--ins', PATIENT_GP_IS_MT, '--config', direct, '--card', card('gp').label],
      cliEnv(sandbox.softhsmConf),
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('lancez la commande dans un terminal pour le saisir');
  });

  it('several cards and no --card: asks which one; a bad INS is a usage error', async () => {
    const r = await runCli(
      ['status', '--ins', PATIENT_GP_IS_MT, '--config', direct, '--json'],
      cliEnv(sandbox.softhsmConf, { NAVETTE_PIN: '1234' }),
    );
    expect(r.code).toBe(1);
    expect(jsonOf(r.stdout)).toMatchObject({ error: { code: 'CARD_AMBIGUOUS' } });
    expect(r.stderr).toContain('précisez laquelle utiliser (option --card');
    const bad = await runCli(
      ['status', '--ins', '207058575627098', '--config', direct],
      cliEnv(sandbox.softhsmConf),
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^navette : .*clé/m);
  });
});
