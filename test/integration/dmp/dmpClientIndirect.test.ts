// Indirect mode end to end against the DMP test server: the structure's PKCS#12 (ORG SIGN signs
// the VIHF, ORG AUTH_CLI does TLS, split in memory from the one file holding both), transport
// failures the sandbox injects, setup errors, and the demo mode's virtual test card.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDmpSession, type DmpSession } from '../../../src/app/dmp/index.js';
import type { NavetteConfig } from '../../../src/app/config/index.js';
import { insOfKind } from '../../../src/domain/ins/ins.js';
import { TransportHttpStatusError } from '../../../src/domain/ports/HttpsTransport.js';
import { removeTempDirs } from '../../support/tempDir.js';
import {
  PATIENT_GP_IS_MT,
  PATIENT_NO_DMP,
  startTestSandbox,
  type TestSandbox,
} from './sandboxFixture.js';

let sandbox: TestSandbox;
let config: NavetteConfig;
const open: DmpSession[] = [];

const INS = insOfKind(PATIENT_GP_IS_MT, 'NIR_TEST');

async function indirect(
  overrides: Partial<NavetteConfig['structure']> = {},
  password?: string,
): Promise<DmpSession> {
  const session = await openDmpSession({
    config: { ...config, structure: { ...config.structure, ...overrides } },
    env: { NAVETTE_STRUCTURE_P12_PASSWORD: password ?? sandbox.manifest.structure.password },
  });
  open.push(session);
  return session;
}

beforeAll(async () => {
  // The 2nd and 4th calls to the patients service fail: a load balancer's 503, then a reset.
  sandbox = await startTestSandbox({ faults: 'patients/http503@2,patients/reset@4' });
  config = sandbox.configOf(sandbox.writeConfig('indirect'));
});

afterAll(async () => {
  await Promise.all(open.map((s) => s.close()));
  await sandbox?.stop();
  removeTempDirs();
});

describe('DMP client, indirect mode (structure certificate)', () => {
  it('signs with ORG SIGN, authenticates with ORG AUTH_CLI, and reports transport failures typed', async () => {
    const session = await indirect();
    expect(session.identity).toMatchObject({
      mode: 'indirect',
      signatureCertificateSubject: expect.stringContaining('SIGN'),
      authenticationCertificateSubject: expect.stringContaining('AUTH'),
      context: { authenticationMode: 'INDIRECTE', subjectId: sandbox.manifest.structure.id },
    });
    // 1st call: the structure is not authorised on this patient's DMP (only the GP is).
    expect(await session.client.testExistence(INS)).toMatchObject({
      status: 'ACTIF',
      authorization: 'NON_EXISTE',
      authorized: false,
    });
    // 2nd: an HTML 503, not a SOAP answer.
    const unavailable: unknown = await session.client.testExistence(INS).catch((e: unknown) => e);
    expect(unavailable).toBeInstanceOf(TransportHttpStatusError);
    expect(unavailable).toMatchObject({ status: 503, retryable: true });
    // 3rd: fine again.
    expect((await session.client.testExistence(insOfKind(PATIENT_NO_DMP, 'NIR_TEST'))).status).toBe(
      'INEXISTANT',
    );
    // 4th: the connection is reset without an answer.
    await expect(session.client.testExistence(INS)).rejects.toMatchObject({
      code: 'TRANSPORT_CONNECTION_RESET',
      retryable: true,
    });
    expect(await session.client.testExistence(INS)).toMatchObject({ authorization: 'NON_EXISTE' });
    // Five calls on two patients: two ORG SIGN signatures.
    expect(session.client.vihfStats().signatures).toBe(2);
    const traces = sandbox.running.store.traces({ psId: sandbox.manifest.structure.id });
    expect(traces.every((t) => t.authMode === 'INDIRECTE')).toBe(true);
  });

  it('a structure file holding only ORG AUTH_CLI signs with it, and the DMP refuses that VIHF', async () => {
    const authOnly = path.join(path.dirname(sandbox.manifest.structure.p12), 'auth.p12');
    const session = await indirect({ p12: authOnly });
    await expect(session.client.testExistence(INS)).rejects.toMatchObject({
      code: 'DMP_INVALID_CERTIFICATE',
      fault: { dmpErrorCode: 'DMPInvalidCertificate' },
    });
  });

  it('says which setting or variable is missing before touching the network', async () => {
    await expect(openDmpSession({ config, env: {} })).rejects.toMatchObject({
      code: 'DMP_SETUP_STRUCTURE_PASSWORD_MISSING',
      message: expect.stringContaining('NAVETTE_STRUCTURE_P12_PASSWORD'),
    });
    await expect(indirect({}, 'mauvais mot de passe')).rejects.toMatchObject({
      code: 'CARD_P12_PASSWORD',
    });
    const noStructure = { ...config, structure: { p12: config.structure.p12 ?? '' } };
    await expect(
      openDmpSession({ config: noStructure, env: { NAVETTE_STRUCTURE_P12_PASSWORD: 'x' } }),
    ).rejects.toMatchObject({ code: 'DMP_SETUP_STRUCTURE_ID_MISSING' });
    await expect(
      openDmpSession({ config: { ...config, dmp: { ...config.dmp, trustAnchors: [] } }, env: {} }),
    ).rejects.toMatchObject({ code: 'DMP_SETUP_TRUST_ANCHORS_MISSING' });
  });

  it('demo mode: the virtual TEST card of the sandbox speaks in direct mode', async () => {
    const session = await openDmpSession({
      config,
      env: {},
      demoCard: { p12: sandbox.gp.p12, password: sandbox.manifest.structure.password },
    });
    open.push(session);
    expect(session.identity).toMatchObject({
      mode: 'demo',
      description: expect.stringContaining('Carte virtuelle de TEST'),
      context: { authenticationMode: 'DIRECTE', subjectId: sandbox.gp.holder.id },
    });
    expect(await session.client.testExistence(INS)).toMatchObject({
      authorization: 'VALIDE',
      isMedecinTraitant: true,
    });
  });
});
