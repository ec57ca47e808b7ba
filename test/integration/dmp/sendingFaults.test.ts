// Sending when the network fails, against the DMP test server over real mutual TLS, in demo mode
// (the sandbox's virtual GP card, PKCS#12):
// - faults injected by the sandbox on the repository service (the TD2.1 endpoint): a reset of
//   the first lot and a load balancer's 503 on the second, both `failed` and dropped before the
//   registry, so the reconciliation lookup says `absent`; the third lot is accepted, once;
// - an answer lost after the DMP registered the lot (the sandbox's faults all strike before the
//   transaction runs, so a transport wrapper drops the answer): `failed` with
//   mayHaveReachedServer, then `found` by the lookup, and a resend is reconciled, not duplicated.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDmpSession, type DmpSession } from '../../../src/app/dmp/index.js';
import { DmpDocumentSender } from '../../../src/app/sending/DmpDocumentSender.js';
import { DmpClient } from '../../../src/dmp/index.js';
import {
  transportErrors,
  type HttpsRequest,
  type HttpsTransport,
} from '../../../src/domain/ports/HttpsTransport.js';
import { removeTempDirs } from '../../support/tempDir.js';
import { PATIENT_GP_IS_MT, startTestSandbox, type TestSandbox } from './sandboxFixture.js';
import { buildCda, outgoing, registryEntries } from './sendingSupport.js';

let sandbox: TestSandbox;
let session: DmpSession;

beforeAll(async () => {
  // The 1st TD2.1 is reset without an answer, the 2nd gets an HTML 503.
  sandbox = await startTestSandbox({ faults: 'repository/reset@1,repository/http503@2' });
  session = await openDmpSession({
    config: sandbox.configOf(sandbox.writeConfig('direct')),
    env: {},
    demoCard: { p12: sandbox.gp.p12, password: sandbox.manifest.structure.password },
  });
});

afterAll(async () => {
  await session?.close();
  await sandbox?.stop();
  removeTempDirs();
});

/** The real transport, except that the answers to TD2.1 are read, then lost (a reset). */
class AnswerLosingTransport implements HttpsTransport {
  constructor(private readonly inner: HttpsTransport) {}

  async post(url: string, request: HttpsRequest) {
    const response = await this.inner.post(url, request);
    if (!url.endsWith('/repository')) return response;
    for await (const chunk of response.body) void chunk;
    throw transportErrors.connectionReset({ origin: new URL(url).origin, connected: true });
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

function feeds(): number {
  return sandbox.running.store
    .traces({ psId: sandbox.gp.holder.id })
    .filter((t) => t.transaction === 'TD2.1').length;
}

describe('DmpDocumentSender with transport faults (demo card)', () => {
  it('a reset and a 503 before the registry: failed, absent, then delivered exactly once', async () => {
    const sender = new DmpDocumentSender({ client: session.client, signer: session.signer });
    const cda = buildCda(sandbox, { ins: PATIENT_GP_IS_MT });
    const before = feeds();

    const reset = await sender.send(outgoing(cda, 1));
    // The sandbox drops the connection after reading the lot: it may have left, and the sender says so.
    expect(reset).toMatchObject({
      kind: 'failed',
      mayHaveReachedServer: true,
      code: 'TRANSPORT_CONNECTION_RESET',
    });
    // The outbox reconciles before resending: the lot never reached the registry.
    expect(await sender.findByUniqueId(cda.uniqueId, outgoing(cda, 2))).toEqual({
      kind: 'absent',
    });

    const unavailable = await sender.send(outgoing(cda, 2));
    expect(unavailable).toMatchObject({ kind: 'failed', code: 'TRANSPORT_HTTP_STATUS' });
    expect(unavailable.kind === 'failed' ? unavailable.reason : '').toContain('503');
    expect(await sender.findByUniqueId(cda.uniqueId, outgoing(cda, 3))).toEqual({
      kind: 'absent',
    });

    const delivered = await sender.send(outgoing(cda, 3));
    expect(delivered).toMatchObject({ kind: 'accepted', receipt: { dmpStatus: 'ACTIF' } });
    const entryUuid = delivered.kind === 'accepted' ? delivered.receipt?.entryUuid : undefined;
    expect(await sender.findByUniqueId(cda.uniqueId, outgoing(cda, 4))).toMatchObject({
      kind: 'found',
      receipt: { entryUuid },
    });
    const entries = await registryEntries(session.client, PATIENT_GP_IS_MT);
    expect(entries.filter((e) => e.uniqueId === cda.uniqueId)).toHaveLength(1);
    expect(feeds() - before).toBe(1);
  });

  it('an answer lost after registration: failed, then found, and a resend is not duplicated', async () => {
    const lossy = new DmpClient({
      transport: new AnswerLosingTransport(session.transport),
      endpoint: sandbox.running.url,
      signer: session.signer,
      context: session.identity.context,
    });
    const sender = new DmpDocumentSender({ client: lossy, signer: session.signer });
    const cda = buildCda(sandbox, { ins: PATIENT_GP_IS_MT, title: 'Réponse perdue' });

    const lost = await sender.send(outgoing(cda, 1));
    expect(lost).toMatchObject({
      kind: 'failed',
      code: 'TRANSPORT_CONNECTION_RESET',
      mayHaveReachedServer: true,
    });
    const found = await sender.findByUniqueId(cda.uniqueId, outgoing(cda, 2));
    expect(found).toMatchObject({ kind: 'found', receipt: { details: { status: 'Approved' } } });
    // Had the outbox resent anyway, the duplicate would be recognised as ours.
    const honest = new DmpDocumentSender({ client: session.client, signer: session.signer });
    expect(await honest.send(outgoing(cda, 2))).toMatchObject({
      kind: 'accepted',
      receipt: { details: { reconciled: true } },
    });
    const entries = await registryEntries(session.client, PATIENT_GP_IS_MT);
    expect(entries.filter((e) => e.uniqueId === cda.uniqueId)).toHaveLength(1);
  });
});
