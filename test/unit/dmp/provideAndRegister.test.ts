// TD2.1 building blocks of the DMP client: the submission set built from a document's own
// metadata (author, patient, contentTypeCode rule, UTC time, fresh OIDs), the XAdES lot signature
// and its entry, the ITI-41 exchange (Success, Failure, unreadable answer) and TD3.1b.
import { describe, expect, it } from 'vitest';
import {
  ACTIVITY_TYPE_SYSTEM,
  DEFAULT_SOURCE_ID,
  contentTypeCodeFor,
  signLot,
  submissionSetFor,
} from '../../../src/dmp/index.js';
import { createIns } from '../../../src/domain/ins/ins.js';
import { cdaToDocumentEntry } from '../../../src/protocol/cda/index.js';
import { verifyLotSignature, verifyLotSignedInfo } from '../../../src/protocol/dsig/index.js';
import {
  DOCUMENT_STATUSES,
  LOT_SIGNATURE_CODES,
  buildRegistryResponse,
  documentFor,
  documentHashAndSize,
  type DocumentEntryInput,
} from '../../../src/protocol/xds/index.js';
import { N1_FIXTURE, encode, readText } from '../protocol/cda/cdaTestSupport.js';
import { testSigner } from './dmpTestContext.js';
import { feedAnswer, fakeDmp, registryFailure } from './provideAndRegisterFakeDmp.js';

const BYTES = encode(N1_FIXTURE);
const PATIENT = createIns('279035121518989', '1.2.250.1.213.1.4.10');

function fixtureEntry(): DocumentEntryInput {
  const entry = cdaToDocumentEntry(readText(N1_FIXTURE), { bytes: BYTES }).entry;
  if (!entry) throw new Error('fixture entry');
  return entry;
}

const SUBMITTED_AT = new Date('2026-05-06T08:30:15.250Z');

describe('submissionSetFor', () => {
  it('takes the patient and the first author from the document, and the time in UTC', () => {
    const entry = fixtureEntry();
    const set = submissionSetFor(entry, { submissionTime: SUBMITTED_AT });
    expect(set).toMatchObject({
      patientId: '279035121518989^^^&1.2.250.1.213.1.4.10&ISO^NH',
      sourceId: DEFAULT_SOURCE_ID,
      submissionTime: '20260506083015',
      authors: [entry.authors[0]],
      title: entry.title,
    });
    expect(set.authors).toHaveLength(1);
    expect(set.uniqueId).toMatch(/^2\.25\.\d{10,39}$/);
    expect(submissionSetFor(entry, { submissionTime: SUBMITTED_AT }).uniqueId).not.toBe(
      set.uniqueId,
    );
    const custom = submissionSetFor(entry, {
      submissionTime: SUBMITTED_AT,
      sourceId: '1.2.250.1.999.77',
      uniqueId: '1.2.250.1.999.77.1',
      title: 'Lot du cabinet',
      comments: 'Envoi Navette',
    });
    expect(custom).toMatchObject({
      sourceId: '1.2.250.1.999.77',
      uniqueId: '1.2.250.1.999.77.1',
      title: 'Lot du cabinet',
      comments: 'Envoi Navette',
    });
  });

  it('derives contentTypeCode from the practice setting, else from the facility type', () => {
    const entry = fixtureEntry();
    const ambulatory: DocumentEntryInput = {
      ...entry,
      practiceSettingCode: { code: 'AMBULATOIRE', codingScheme: '1.2.250.1.213.1.1.4.9' },
    };
    expect(contentTypeCodeFor(ambulatory)).toEqual({
      code: '07',
      codingScheme: ACTIVITY_TYPE_SYSTEM,
      displayName: 'Consultation Soins Externes',
    });
    const hospital: DocumentEntryInput = {
      ...entry,
      practiceSettingCode: { code: 'ETABLISSEMENT', codingScheme: '1.2.250.1.213.1.1.4.9' },
      healthcareFacilityTypeCode: { code: 'SA01', codingScheme: '1.2.250.1.71.4.2.4' },
    };
    expect(contentTypeCodeFor(hospital)).toEqual({
      code: 'SA01',
      codingScheme: '1.2.250.1.71.4.2.4',
    });
    const forced = { code: '04', codingScheme: ACTIVITY_TYPE_SYSTEM, displayName: 'HDJ' };
    expect(
      submissionSetFor(ambulatory, { submissionTime: SUBMITTED_AT, contentTypeCode: forced })
        .contentTypeCode,
    ).toEqual(forced);
  });
});

describe('signLot', () => {
  it('signs every document by digest and adds the hidden signature entry', async () => {
    const entry = fixtureEntry();
    const submissionSet = submissionSetFor(entry, { submissionTime: SUBMITTED_AT });
    const lot = await signLot({
      submissionSet,
      documents: [
        { entry, content: BYTES, replaces: 'urn:uuid:00000000-0000-4000-8000-000000000001' },
      ],
      signer: testSigner(),
      signatureUniqueId: '1.2.250.1.999.77.9',
    });
    expect(lot.documents[0]).toMatchObject({ replaces: expect.stringMatching(/^urn:uuid:/) });
    const signature = lot.signature;
    if (!signature || !(signature.content instanceof Uint8Array)) throw new Error('signature');
    expect(signature.entry).toMatchObject({
      uniqueId: '1.2.250.1.999.77.9',
      patientId: submissionSet.patientId,
      classCode: { code: LOT_SIGNATURE_CODES.classCode.code },
      formatCode: { code: LOT_SIGNATURE_CODES.formatCode.code },
      creationTime: '20260506083015',
      practiceSettingCode: entry.practiceSettingCode,
      ...documentHashAndSize(signature.content),
    });
    expect(signature.entry.confidentialityCodes.map((c) => c.code)).toEqual([
      'N',
      'MASQUE_PS',
      'INVISIBLE_PATIENT',
    ]);
    const verified = verifyLotSignature(new TextDecoder().decode(signature.content), {
      documents: new Map([[entry.uniqueId, BYTES]]),
      submissionSetUniqueId: submissionSet.uniqueId,
    });
    expect(Buffer.from(verified.signerCertificateDer)).toEqual(
      Buffer.from(testSigner().certificateDer),
    );
  });

  it('names the SubmissionSet first in the manifest, with the zero digest (IHE DSG)', async () => {
    const entry = fixtureEntry();
    const submissionSet = submissionSetFor(entry, {
      submissionTime: SUBMITTED_AT,
      uniqueId: '1.2.250.1.999.77.1',
    });
    const lot = await signLot({
      submissionSet,
      documents: [{ entry, content: BYTES }],
      signer: testSigner(),
      signatureUniqueId: '1.2.250.1.999.77.9',
    });
    const xml = new TextDecoder().decode(lot.signature?.content as Uint8Array);
    const references = Array.from(
      xml.matchAll(/<Reference URI="([^"]+)">.*?<DigestValue>([^<]*)<\/DigestValue>/g),
      (m) => [m[1], m[2]],
    );
    expect(references[0]).toEqual(['urn:oid:1.2.250.1.999.77.1', 'AA==']);
    // Then the document, and never the signature itself.
    expect(references.map(([uri]) => uri)).toEqual([
      'urn:oid:1.2.250.1.999.77.1',
      `urn:oid:${entry.uniqueId}`,
    ]);
    expect(verifyLotSignedInfo(xml).manifest[0]).toMatchObject({
      uniqueId: submissionSet.uniqueId,
      digestValue: 'AA==',
    });
  });

  it('refuses a lot whose document id is not an OID (the manifest names urn:oid:…)', async () => {
    const entry = { ...fixtureEntry(), uniqueId: '1.2.250.1.999.1^CR-1' };
    await expect(
      signLot({
        submissionSet: submissionSetFor(entry, { submissionTime: SUBMITTED_AT }),
        documents: [{ entry, content: BYTES }],
        signer: testSigner(),
      }),
    ).rejects.toMatchObject({ code: 'LOT_SIGNATURE_INPUT_INVALID' });
  });
});

async function signedLot() {
  const entry = fixtureEntry();
  return signLot({
    submissionSet: submissionSetFor(entry, { submissionTime: SUBMITTED_AT }),
    documents: [{ entry, content: BYTES }],
    signer: testSigner(),
  });
}

describe('DmpClient.submitDocuments (ITI-41) and findDocumentByUniqueId (TD3.1b)', () => {
  it('sends the lot as MTOM to the repository with the patient VIHF, and reads Success', async () => {
    const dmp = fakeDmp();
    const lot = await signedLot();
    const submitted = await dmp.client.submitDocuments(lot);
    expect(dmp.transport.seen[0]?.url).toMatch(/\/repository$/);
    expect(dmp.transport.seen[0]?.headers['content-type']).toMatch(/^multipart\/related/);
    const received = dmp.lots[0];
    if (!received) throw new Error('no lot');
    expect(received.lot.submissionSet.uniqueId).toBe(lot.submissionSet.uniqueId);
    const documentEntry = received.lot.documentEntries.find(
      (e) => e.uniqueId === fixtureEntry().uniqueId,
    );
    if (!documentEntry) throw new Error('no entry');
    const ref = documentFor(received.lot, documentEntry)?.document;
    expect(received.mtom.attachment(ref?.contentId ?? '')?.data.equals(Buffer.from(BYTES))).toBe(
      true,
    );
    expect(submitted).toMatchObject({
      status: 'Success',
      submissionSetUniqueId: lot.submissionSet.uniqueId,
      warnings: [],
    });
    expect(submitted.entries.find((e) => !e.isSignature)?.entryUuid).toBe(documentEntry.entryUuid);
  });

  it('throws the registry refusal typed, and an unreadable answer as retryable', async () => {
    const dmp = fakeDmp();
    dmp.feed = feedAnswer(registryFailure('XDSDuplicateUniqueIdInRegistry'));
    await expect(dmp.client.submitDocuments(await signedLot())).rejects.toMatchObject({
      name: 'RegistryResponseError',
      code: 'DMP_DUPLICATE_UNIQUE_ID',
    });
    dmp.feed = feedAnswer('<pasUneReponse/>');
    await expect(dmp.client.submitDocuments(await signedLot())).rejects.toMatchObject({
      code: 'DMP_RESPONSE_INVALID',
      retryable: true,
    });
    dmp.feed = feedAnswer(
      buildRegistryResponse({
        status: 'Success',
        errors: [{ errorCode: 'XDSExtra', codeContext: 'note', severity: 'Warning' }],
      }),
    );
    expect((await dmp.client.submitDocuments(await signedLot())).warnings).toHaveLength(1);
  });

  it('finds an entry by uniqueId in the patient context, never about another patient', async () => {
    const dmp = fakeDmp();
    const entry = { ...fixtureEntry(), entryUuid: 'urn:uuid:00000000-0000-4000-8000-0000000000aa' };
    expect(await dmp.client.findDocumentByUniqueId(PATIENT, entry.uniqueId)).toBeUndefined();
    dmp.registry.set(entry.uniqueId, { ...entry, status: DOCUMENT_STATUSES.Approved });
    expect(await dmp.client.findDocumentByUniqueId(PATIENT, entry.uniqueId)).toMatchObject({
      entryUuid: entry.entryUuid,
      status: DOCUMENT_STATUSES.Approved,
    });
    expect(dmp.transport.seen.at(-1)?.url).toMatch(/\/registry$/);
    dmp.registry.set(entry.uniqueId, {
      ...entry,
      patientId: '207058575627097^^^&1.2.250.1.213.1.4.10&ISO^NH',
    });
    await expect(dmp.client.findDocumentByUniqueId(PATIENT, entry.uniqueId)).rejects.toMatchObject({
      code: 'DMP_RESPONSE_MISMATCH',
    });
  });
});
