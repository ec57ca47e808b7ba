// DmpDocumentSender (the DocumentSender port on the DMP client) against a scripted DMP: what each
// answer becomes for the outbox — accepted with its receipt, refused with a French reason and
// fix, or failed with mayHaveReachedServer true only when the lot may have been registered —
// and the reconciliation of a duplicate uniqueId (ours → accepted, foreign → refused).
import { describe, expect, it } from 'vitest';
import { DmpDocumentSender } from '../../../src/app/sending/DmpDocumentSender.js';
import { outcomeOfError } from '../../../src/app/sending/sendOutcomes.js';
import { cardErrors } from '../../../src/card/index.js';
import type { OutgoingDocument, SendOutcome } from '../../../src/domain/ports/DocumentSender.js';
import { transportErrors } from '../../../src/domain/ports/HttpsTransport.js';
import type { XmlSigner } from '../../../src/domain/ports/XmlSigner.js';
import { cdaToDocumentEntry } from '../../../src/protocol/cda/index.js';
import { buildSoapFaultEnvelope } from '../../../src/protocol/soap/index.js';
import { DOCUMENT_STATUSES, documentHashAndSize } from '../../../src/protocol/xds/index.js';
import { N1_FIXTURE, edit, encode, readText } from '../protocol/cda/cdaTestSupport.js';
import { testSigner } from './dmpTestContext.js';
import {
  FOUND_DMP,
  fakeDmp,
  feedAnswer,
  registryFailure,
  type FakeDmp,
} from './provideAndRegisterFakeDmp.js';

const UNIQUE_ID = '1.3.6.1.4.1.19376.1.2.20.12345.1.1';
const PARENT_ID = '1.3.6.1.4.1.19376.1.2.20.12345.1.0';

function outgoing(xml = N1_FIXTURE, uniqueId = UNIQUE_ID): OutgoingDocument {
  return {
    itemId: 7,
    uniqueId,
    contentHash: 'x',
    kind: 'cda-n1',
    fileName: 'cr.xml',
    bytes: encode(xml),
    attempt: 1,
  };
}

/** The registry entry the DMP would hold for `xml` (same bytes unless `hashOf` differs). */
function registered(xml = N1_FIXTURE, hashOf = xml, status: string = DOCUMENT_STATUSES.Approved) {
  const entry = cdaToDocumentEntry(readText(xml), { bytes: encode(xml) }).entry;
  if (!entry) throw new Error('entry');
  return {
    ...entry,
    ...documentHashAndSize(encode(hashOf)),
    entryUuid: 'urn:uuid:00000000-0000-4000-8000-0000000000d1',
    status,
  };
}

function setUp(signer?: XmlSigner): { dmp: FakeDmp; sender: DmpDocumentSender } {
  const dmp = fakeDmp();
  const sender = new DmpDocumentSender({
    client: dmp.client,
    signer: signer ?? testSigner(),
    now: () => new Date('2026-05-06T08:30:00Z'),
  });
  return { dmp, sender };
}

function fault(code: 'Sender' | 'Receiver', subcode: string, reason: string, status = 400) {
  return () => ({ status, body: buildSoapFaultEnvelope({ code, subcodes: [subcode], reason }) });
}

describe('DmpDocumentSender.send', () => {
  it('accepted: TD0.2 then TD2.1, the receipt names the entryUUID and the DMP status', async () => {
    const { dmp, sender } = setUp();
    const outcome = await sender.send(outgoing());
    expect(dmp.operations).toEqual(['patientRegistryQuery', 'provideAndRegisterDocumentSet']);
    const lot = dmp.lots[0]?.lot;
    const entry = lot?.documentEntries.find((e) => e.uniqueId === UNIQUE_ID);
    expect(outcome).toEqual({
      kind: 'accepted',
      receipt: {
        entryUuid: entry?.entryUuid,
        dmpStatus: 'ACTIF',
        details: { submissionSetUniqueId: lot?.submissionSet.uniqueId },
      },
    });
    expect(lot?.submissionSet).toMatchObject({
      submissionTime: '20260506083000',
      patientId: entry?.patientId,
      authors: [entry?.authors[0]],
    });
    expect(lot?.relations.signatureEntryId).toBeDefined();
  });

  it('a duplicate uniqueId is accepted when the registered document is ours, refused otherwise', async () => {
    const { dmp, sender } = setUp();
    dmp.feed = feedAnswer(registryFailure('XDSDuplicateUniqueIdInRegistry'));
    dmp.registry.set(UNIQUE_ID, registered());
    expect(await sender.send(outgoing())).toEqual({
      kind: 'accepted',
      receipt: {
        entryUuid: 'urn:uuid:00000000-0000-4000-8000-0000000000d1',
        dmpStatus: 'ACTIF',
        details: { reconciled: true, status: 'Approved' },
      },
    });
    // Same uniqueId, other bytes: somebody else's document (or an edited one).
    dmp.registry.set(UNIQUE_ID, registered(N1_FIXTURE, `${N1_FIXTURE}\n`));
    expect(await sender.send(outgoing())).toMatchObject({
      kind: 'refused',
      code: 'DMP_DUPLICATE_UNIQUE_ID',
      reason: expect.stringContaining(UNIQUE_ID),
      fix: expect.stringContaining('relatedDocument'),
    });
    dmp.registry.clear();
    expect(await sender.send(outgoing())).toMatchObject({
      kind: 'refused',
      code: 'DMP_DUPLICATE_UNIQUE_ID',
    });
  });

  it('registry refusals: refused with a fix, or failed (nothing registered) when the DMP is busy', async () => {
    const { dmp, sender } = setUp();
    dmp.feed = feedAnswer(registryFailure('XDSRegistryMetadataError', 'typeCode inconnu'));
    expect(await sender.send(outgoing())).toEqual({
      kind: 'refused',
      code: 'DMP_METADATA_REJECTED',
      reason: expect.stringContaining('« typeCode inconnu »'),
      fix: expect.stringContaining('Vérifiez les informations du document'),
    });
    dmp.feed = feedAnswer(registryFailure('XDSRegistryBusy'));
    expect(await sender.send(outgoing())).toMatchObject({
      kind: 'failed',
      code: 'DMP_BUSY',
      mayHaveReachedServer: false,
    });
  });

  it('faults: rights refused; a Receiver fault, a 503 page or garbage may have registered the lot', async () => {
    const { dmp, sender } = setUp();
    const cases: [FakeDmp['feed'], Partial<Record<string, unknown>>][] = [
      [
        fault('Sender', 'DMPAccessDeniedByRightsService', 'Accès refusé'),
        { kind: 'refused', code: 'DMP_ACCESS_DENIED', fix: expect.stringContaining('profil') },
      ],
      [
        fault('Sender', 'DMPClosed', 'Le DMP de ce patient est fermé.'),
        { kind: 'refused', code: 'DMP_CLOSED', reason: expect.stringContaining('fermé') },
      ],
      [
        fault('Receiver', 'InternalError', 'Erreur interne', 500),
        { kind: 'failed', code: 'DMP_SERVER_FAULT', mayHaveReachedServer: true },
      ],
      [
        () => ({ status: 503, contentType: 'text/html', body: '<html>503</html>' }),
        { kind: 'failed', code: 'TRANSPORT_HTTP_STATUS', mayHaveReachedServer: true },
      ],
      [
        feedAnswer('<pasUneReponse/>'),
        { kind: 'failed', code: 'DMP_RESPONSE_INVALID', mayHaveReachedServer: true },
      ],
    ];
    for (const [answer, expected] of cases) {
      dmp.feed = answer;
      expect(await sender.send(outgoing())).toMatchObject(expected);
    }
  });

  it('refuses before sending: closed or missing DMP, blocked professional, unreadable document', async () => {
    const { dmp, sender } = setUp();
    dmp.td02 = { kind: 'not-found' };
    expect(await sender.send(outgoing())).toMatchObject({ kind: 'refused', code: 'DMP_NOT_FOUND' });
    dmp.td02 = { ...FOUND_DMP, authorization: 'INTERDIT' };
    expect(await sender.send(outgoing())).toMatchObject({
      kind: 'refused',
      code: 'DMP_ACCESS_BLOCKED',
      reason: expect.stringContaining('bloqué'),
    });
    expect(dmp.operations).not.toContain('provideAndRegisterDocumentSet');
    const broken = await sender.send({ ...outgoing(), bytes: encode('<ClinicalDocument') });
    expect(broken).toMatchObject({ kind: 'refused', fix: expect.any(String) });
    expect(await sender.send({ ...outgoing(), uniqueId: '1.2.3' })).toMatchObject({
      kind: 'refused',
      code: 'SEND_UNIQUE_ID_MISMATCH',
    });
  });

  it('replacement: RPLC to the Approved parent, refusal when it is missing or replaced', async () => {
    const { dmp, sender } = setUp();
    const v2 = edit(
      '<setId root="1.3.6.1.4.1.19376.1.2.20.12345.1"/>',
      `<setId root="1.3.6.1.4.1.19376.1.2.20.12345.1"/><relatedDocument typeCode="RPLC"><parentDocument><id root="${PARENT_ID}"/></parentDocument></relatedDocument>`,
    );
    expect(await sender.send(outgoing(v2))).toMatchObject({
      kind: 'refused',
      code: 'SEND_REPLACED_NOT_FOUND',
    });
    const parent = { ...registered(), uniqueId: PARENT_ID };
    dmp.registry.set(PARENT_ID, parent);
    const sent = await sender.send(outgoing(v2));
    expect(sent).toMatchObject({
      kind: 'accepted',
      receipt: { details: { replacedEntryUuid: parent.entryUuid } },
    });
    expect(dmp.lots.at(-1)?.lot.relations.replacements).toEqual([
      expect.objectContaining({ replaces: parent.entryUuid }),
    ]);
    dmp.registry.set(PARENT_ID, { ...parent, status: DOCUMENT_STATUSES.Deprecated });
    expect(await sender.send(outgoing(v2))).toMatchObject({
      kind: 'refused',
      code: 'DMP_DOCUMENT_ALREADY_REPLACED',
    });
    // Replaced by this very document in an attempt whose answer was lost: accepted.
    dmp.registry.set(UNIQUE_ID, registered(v2));
    expect(await sender.send(outgoing(v2))).toMatchObject({
      kind: 'accepted',
      receipt: { details: { reconciled: true } },
    });
  });

  it('a signer failure (card removed) fails before anything leaves; a non-OID id is refused', async () => {
    const removed: XmlSigner = {
      certificateDer: testSigner().certificateDer,
      sign: () => Promise.reject(cardErrors.removed()),
    };
    const { dmp, sender } = setUp(removed);
    expect(await sender.send(outgoing())).toMatchObject({
      kind: 'failed',
      code: 'CARD_REMOVED',
      mayHaveReachedServer: false,
    });
    const withExtension = N1_FIXTURE.replace(
      `<id root="${UNIQUE_ID}"/>`,
      `<id root="${UNIQUE_ID}" extension="CR-1"/>`,
    );
    const ok = setUp();
    expect(await ok.sender.send(outgoing(withExtension, `${UNIQUE_ID}^CR-1`))).toMatchObject({
      kind: 'refused',
      code: 'LOT_SIGNATURE_INPUT_INVALID',
    });
    expect(dmp.operations).not.toContain('provideAndRegisterDocumentSet');
    expect(ok.dmp.operations).not.toContain('provideAndRegisterDocumentSet');
  });
});

describe('DmpDocumentSender.findByUniqueId', () => {
  it('found only for our bytes; absent otherwise; failed when the DMP cannot be asked', async () => {
    const { dmp, sender } = setUp();
    expect(await sender.findByUniqueId(UNIQUE_ID, outgoing())).toEqual({ kind: 'absent' });
    dmp.registry.set(UNIQUE_ID, registered());
    expect(await sender.findByUniqueId(UNIQUE_ID, outgoing())).toEqual({
      kind: 'found',
      receipt: {
        entryUuid: 'urn:uuid:00000000-0000-4000-8000-0000000000d1',
        details: { reconciled: true, status: 'Approved' },
      },
    });
    dmp.registry.set(UNIQUE_ID, registered(N1_FIXTURE, `${N1_FIXTURE} `));
    expect(await sender.findByUniqueId(UNIQUE_ID, outgoing())).toEqual({ kind: 'absent' });
    dmp.transport.answerWith(() => ({ status: 503, contentType: 'text/html', body: 'x' }));
    expect(await sender.findByUniqueId(UNIQUE_ID, outgoing())).toMatchObject({
      kind: 'failed',
      code: 'TRANSPORT_HTTP_STATUS',
    });
  });
});

describe('outcomeOfError', () => {
  it('passes the transport’s own flag only once the lot was being submitted', () => {
    const reset = transportErrors.connectionReset({ origin: 'https://dmp', connected: true });
    const expected = (may: boolean): SendOutcome => ({
      kind: 'failed',
      reason: reset.message,
      mayHaveReachedServer: may,
      code: 'TRANSPORT_CONNECTION_RESET',
    });
    expect(outcomeOfError(reset, 'submit')).toEqual(expected(true));
    expect(outcomeOfError(reset, 'before-submit')).toEqual(expected(false));
    const unreachable = transportErrors.unreachable({ origin: 'https://dmp' });
    expect(outcomeOfError(unreachable, 'submit')).toMatchObject({ mayHaveReachedServer: false });
    expect(outcomeOfError(new Error('boom'), 'submit')).toMatchObject({
      kind: 'failed',
      code: 'SEND_UNEXPECTED',
      mayHaveReachedServer: true,
    });
  });
});
