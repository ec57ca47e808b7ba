// Direct mode end to end against the DMP test server: the GP's SoftHSM2 test card logged in
// through the card worker, the VIHF signed on the card with its SIGNATURE key, mutual TLS with its
// AUTHENTICATION key through the OpenSSL pkcs11 engine (loaded by path: one identity in this
// process, this file uses the GP's only). Also: a VIHF signed with the authentication key, which
// the DMP refuses, and what the CLI then says.
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDmpSession, type DmpSession } from '../../../src/app/dmp/index.js';
import type { CliIo } from '../../../src/cli/io.js';
import { run } from '../../../src/cli/main.js';
import { createStatusCommand } from '../../../src/cli/commands/status.js';
import { DmpClient, DmpFaultError } from '../../../src/dmp/index.js';
import { insOfKind } from '../../../src/domain/ins/ins.js';
import type { XmlSigner } from '../../../src/domain/ports/XmlSigner.js';
import { makeTempDir, removeTempDirs } from '../../support/tempDir.js';
import {
  PATIENT_CLOSED,
  PATIENT_GP_IS_MT,
  PATIENT_NO_DMP,
  PATIENT_NOBODY_AUTHORISED,
  startTestSandbox,
  type TestSandbox,
} from './sandboxFixture.js';

let sandbox: TestSandbox;
let session: DmpSession;
let configFile: string;

const test = (matricule: string) => insOfKind(matricule, 'NIR_TEST');

function derOfPem(file: string): Buffer {
  return new X509Certificate(readFileSync(file)).raw;
}

beforeAll(async () => {
  sandbox = await startTestSandbox();
  configFile = sandbox.writeConfig('direct');
  session = await openDmpSession({
    config: sandbox.configOf(configFile),
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

describe('DMP client, direct mode (SoftHSM2 card, engine route)', () => {
  it('uses the signature key for the VIHF and the authentication key for TLS', () => {
    expect(session.identity.mode).toBe('direct');
    expect(Buffer.from(session.signer.certificateDer)).toEqual(derOfPem(sandbox.gp.signature.cert));
    expect(session.identity.context).toMatchObject({
      authenticationMode: 'DIRECTE',
      subjectId: sandbox.gp.holder.id,
      structureId: sandbox.manifest.structure.id,
      profession: { code: '10' },
      specialty: { code: 'SM54' },
    });
    expect(session.identity.authenticationCertificateSubject).toContain(sandbox.gp.holder.id);
  });

  it('answers TD0.2 for each seeded situation', async () => {
    const client = session.client;
    expect(await client.testExistence(test(PATIENT_GP_IS_MT))).toMatchObject({
      exists: true,
      status: 'ACTIF',
      authorization: 'VALIDE',
      authorized: true,
      isMedecinTraitant: true,
      linkedToMonEspaceSante: true,
    });
    expect(await client.testExistence(test(PATIENT_NOBODY_AUTHORISED))).toMatchObject({
      status: 'ACTIF',
      authorization: 'NON_EXISTE',
      authorized: false,
      isMedecinTraitant: false,
    });
    expect(await client.testExistence(test(PATIENT_CLOSED))).toMatchObject({
      exists: true,
      status: 'FERME',
    });
    expect(await client.testExistence(test(PATIENT_NO_DMP))).toMatchObject({
      exists: false,
      status: 'INEXISTANT',
    });
  });

  it('signs one VIHF per patient: repeated calls reuse it (the DMP accepts it each time)', async () => {
    const before = session.client.vihfStats();
    const ins = test(PATIENT_GP_IS_MT);
    for (let i = 0; i < 5; i += 1) {
      expect((await session.client.testExistence(ins)).authorization).toBe('VALIDE');
    }
    const after = session.client.vihfStats();
    // The first test of this file already signed for this patient: no new signature at all.
    expect(after.signatures - before.signatures).toBe(0);
    expect(after.reused - before.reused).toBe(5);
    // The DMP saw every call, all from the GP in direct mode.
    const traces = sandbox.running.store
      .traces({ ins: PATIENT_GP_IS_MT, psId: sandbox.gp.holder.id })
      .filter((t) => t.transaction === 'TD0.2');
    expect(traces.length).toBeGreaterThanOrEqual(6);
    expect(new Set(traces.map((t) => t.authMode))).toEqual(new Set(['DIRECTE']));
  });

  it('a VIHF signed with the authentication key is refused (DMPInvalidCertificate), and the CLI says so', async () => {
    const card = session.card;
    if (card === undefined) throw new Error('direct session without card');
    const authentication = await card.service.usableCertificate(card.handle, 'authentication');
    const wrongSigner: XmlSigner = {
      certificateDer: authentication.token.der,
      sign: (data, algorithm) => card.service.sign(card.handle, 'authentication', data, algorithm),
    };
    const wrong = new DmpClient({
      transport: session.transport,
      endpoint: sandbox.running.url,
      signer: wrongSigner,
      context: session.identity.context,
    });
    const error: unknown = await wrong
      .testExistence(test(PATIENT_GP_IS_MT))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DmpFaultError);
    expect(error).toMatchObject({
      code: 'DMP_INVALID_CERTIFICATE',
      retryable: false,
      fault: {
        soapCode: 'Sender',
        dmpErrorCode: 'DMPInvalidCertificate',
        reason: 'Not a valid signature certificate',
        httpStatus: 400,
      },
    });

    const out: string[] = [];
    const err: string[] = [];
    const io: CliIo = {
      out: (line) => out.push(line),
      err: (line) => err.push(line),
      // status writes the audit journal in the data folder: a test folder, never the user's.
      env: { NAVETTE_HOME: makeTempDir('status-home-') },
      onSignal: () => () => undefined,
      onFatal: () => () => undefined,
    };
    let closed = false;
    const command = createStatusCommand({
      openSession: () =>
        Promise.resolve({
          ...session,
          client: wrong,
          close: () => {
            closed = true;
            return Promise.resolve();
          },
        }),
    });
    const code = await run(
      ['status', '--ins', PATIENT_GP_IS_MT, '--config', configFile, '--json'],
      io,
      [command],
    );
    expect(code).toBe(1);
    expect(closed).toBe(true);
    expect(err).toEqual([
      expect.stringMatching(
        /^navette : Le DMP refuse le certificat qui a signé le jeton d'authentification \(VIHF\) : ce n'est pas un certificat de signature/,
      ),
    ]);
    expect(JSON.parse(out[0] ?? '')).toMatchObject({ error: { code: 'DMP_INVALID_CERTIFICATE' } });
  });
});
