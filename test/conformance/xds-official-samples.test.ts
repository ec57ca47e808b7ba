// Every official XDS.b sample (reference/dmp/messages: td2.1, td3.1, td3.2, td3.3c, td3.3d,
// requests and responses) read by the side that receives it (test server for requests, client
// for responses), with concrete values taken from each file.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { visibilityFromConfidentialityCodes } from '../../src/domain/documents/visibility.js';
import { readMtom, resolveXopIncludes } from '../../src/protocol/mtom/index.js';
import { readSoapEnvelope } from '../../src/protocol/soap/index.js';
import {
  DOCUMENT_STATUSES,
  LOT_SIGNATURE_CODES,
  documentFor,
  lotSignatureEntry,
  parseAdhocQueryRequest,
  parseAdhocQueryResponse,
  parseProvideAndRegisterRequest,
  parseRegistryResponse,
  parseRetrieveDocumentSetRequest,
  parseRetrieveDocumentSetResponse,
  parseSourcePatientInfo,
  parseUpdateDocumentSetRequest,
  parseXcn,
  parseXon,
  registryResponseError,
} from '../../src/protocol/xds/index.js';
import { REFERENCE_DIR } from '../support/paths.js';

const DIR = path.join(REFERENCE_DIR, 'dmp', 'messages');
const sample = (name: string): string => readFileSync(path.join(DIR, name), 'utf8');

const SAMPLE_PATIENT = '207058575627097^^^&1.2.250.1.213.1.4.10&ISO^NH^^20100907';
const MAX_LIBRE = '899900063480^MAX^LIBRE^^^^^^&1.2.250.1.71.4.2.1&ISO^D^^^IDNPS';
const CABINET = 'CABINET DR LIBRE^^^^^&1.2.250.1.71.4.2.2&ISO^IDNST^^^499900063480001';
const SPECIALTY = 'G15_10/SM26^Médecin - Qualifié en Médecine Générale (SM)^1.2.250.1.213.1.1.4.5';

async function td21(): Promise<Awaited<ReturnType<typeof readMtom>>> {
  const raw = readFileSync(path.join(DIR, 'td2.1-alimentation.request.xml'));
  const boundary = raw.subarray(2, raw.indexOf(0x0a)).toString('latin1');
  return readMtom(raw, `multipart/related; type="application/xop+xml"; boundary="${boundary}"`);
}

describe('td2.1-alimentation.request.xml (ITI-41, MTOM, SOAP 1.1 envelope)', () => {
  it('reads the submission set', async () => {
    const msg = await td21();
    expect(readSoapEnvelope(msg.root.xml).version).toBe('1.1');
    const { submissionSet: ss } = parseProvideAndRegisterRequest(msg.root.xml);
    expect(ss).toEqual({
      entryUuid: 'SubmissionSet01',
      uniqueId: '1.2.250.1.999.1.1.7898.1.1622814651504',
      sourceId: '1.2.250.1.999.1.1.7898',
      patientId: SAMPLE_PATIENT,
      submissionTime: '20210604135051',
      title: 'lot du document originel',
      comments: 'Compte rendu test',
      contentTypeCode: {
        code: '04',
        codingScheme: '1.2.250.1.213.2.2',
        displayName: 'Hospitalisation de jour',
      },
      authors: [{ person: MAX_LIBRE, institutions: [CABINET], specialties: [SPECIALTY] }],
    });
    expect(parseXcn(ss.authors[0]?.person ?? '')).toEqual({
      id: '899900063480',
      family: 'MAX',
      given: 'LIBRE',
      assigningAuthorityOid: '1.2.250.1.71.4.2.1',
      nameTypeCode: 'D',
      identifierTypeCode: 'IDNPS',
    });
    expect(parseXon(CABINET)).toEqual({
      name: 'CABINET DR LIBRE',
      id: '499900063480001',
      assigningAuthorityOid: '1.2.250.1.71.4.2.2',
      identifierTypeCode: 'IDNST',
    });
  });

  it('reads the document entry with every DMP field', async () => {
    const request = parseProvideAndRegisterRequest((await td21()).root.xml);
    const doc = request.documentEntries.find((e) => e.entryUuid === 'DocumentME2');
    expect(doc).toEqual({
      entryUuid: 'DocumentME2',
      objectType: 'urn:uuid:7edca82f-054d-47f2-a032-9b2a5b5186c1',
      mimeType: 'text/xml',
      uniqueId: '1.2.250.1.999.1.1.7898.3.1622814651504',
      patientId: SAMPLE_PATIENT,
      sourcePatientId: '0456789999^^^&1.2.250.1.999.1.1.7898.2&ISO^PI',
      sourcePatientInfo: ['PID-5|patb-quatre^LAURENCE^^^^^L', 'PID-7|19070525', 'PID-8|F'],
      title: 'Document 1',
      comments: 'commentaire sur document',
      classCode: { code: '10', codingScheme: '1.2.250.1.213.1.1.4.1', displayName: 'Compte rendu' },
      typeCode: {
        code: '27899-4',
        codingScheme: '2.16.840.1.113883.6.1',
        displayName: "CR d'acte diagnostique (autre)",
      },
      formatCode: {
        code: 'urn:ihe:iti:xds-sd:text:2008',
        codingScheme: '1.3.6.1.4.1.19376.1.2.3',
        displayName: 'Document à corps non structuré en texte brut',
      },
      healthcareFacilityTypeCode: {
        code: 'SA01',
        codingScheme: '1.2.250.1.71.4.2.4',
        displayName: 'Etablissement public de santé',
      },
      practiceSettingCode: {
        code: 'ETABLISSEMENT',
        codingScheme: '1.2.250.1.213.1.1.4.9',
        displayName: 'Etablissement de santé',
      },
      confidentialityCodes: [
        { code: 'N', codingScheme: '2.16.840.1.113883.5.25', displayName: 'Normal' },
      ],
      authors: [{ person: MAX_LIBRE, institutions: [CABINET], specialties: [SPECIALTY] }],
      legalAuthenticator: MAX_LIBRE,
      creationTime: '20100319194535',
      serviceStartTime: '20100319183244',
      serviceStopTime: '20100319183344',
      languageCode: 'fr-FR',
    });
    expect(parseSourcePatientInfo(doc?.sourcePatientInfo ?? [])).toEqual({
      family: 'patb-quatre',
      given: 'LAURENCE',
      nameTypeCode: 'L',
      birthDate: '19070525',
      sex: 'F',
    });
  });

  it('reads the lot signature entry, which our lotSignatureEntry reproduces', async () => {
    const request = parseProvideAndRegisterRequest((await td21()).root.xml);
    const sig = request.documentEntries.find((e) => e.entryUuid === 'Signature01');
    expect(sig?.uniqueId).toBe('1.2.250.1.999.1.1.7898.4.1622814651504');
    expect(sig?.classCode).toEqual(LOT_SIGNATURE_CODES.classCode);
    expect(sig?.formatCode).toEqual(LOT_SIGNATURE_CODES.formatCode);
    expect(sig?.confidentialityCodes.map((c) => c.code)).toEqual([
      'N',
      'MASQUE_PS',
      'INVISIBLE_PATIENT',
    ]);
    const ours = lotSignatureEntry({
      uniqueId: '1.2.250.1.999.1.1.7898.4.1622814651504',
      patientId: SAMPLE_PATIENT,
      authors: [{ person: MAX_LIBRE, institutions: [CABINET], specialties: [SPECIALTY] }],
      legalAuthenticator: MAX_LIBRE,
      time: '20210604135051',
      healthcareFacilityTypeCode: {
        code: 'SA01',
        codingScheme: '1.2.250.1.71.4.2.4',
        displayName: 'Etablissement public de santé',
      },
      practiceSettingCode: {
        code: 'ETABLISSEMENT',
        codingScheme: '1.2.250.1.213.1.1.4.9',
        displayName: 'Etablissement de santé',
      },
    });
    expect({ ...ours, entryUuid: 'Signature01', objectType: sig?.objectType }).toEqual(sig);
  });

  it('reads the associations and the MTOM document references (with the sample id quirk)', async () => {
    const msg = await td21();
    const request = parseProvideAndRegisterRequest(msg.root.xml);
    expect(
      request.associations.map((a) => [
        a.id,
        a.associationType.split(':').pop(),
        a.sourceObject,
        a.targetObject,
        a.submissionSetStatus,
      ]),
    ).toEqual([
      ['assoc1', 'HasMember', 'SubmissionSet01', 'DocumentME2', 'Original'],
      ['assoc2', 'HasMember', 'SubmissionSet01', 'Signature01', 'Original'],
      ['assoc3', 'signs', 'Signature01', 'SubmissionSet01', 'Original'],
    ]);
    expect(request.relations).toEqual({
      members: ['DocumentME2', 'Signature01'],
      signatureEntryId: 'Signature01',
      replacements: [],
    });
    expect(request.documents).toEqual([
      { id: 'documentME2', contentId: 'WS_DMP_TD2.1-DocumentME2.xml' },
      { id: 'Signature01', contentId: 'WS_DMP_TD2.1-SignatureXades.xml' },
    ]);
    const me2 = documentFor(request, { entryUuid: 'DocumentME2' });
    expect(me2?.caseMismatch).toBe(true);
    expect(documentFor(request, { entryUuid: 'Signature01' })?.caseMismatch).toBe(false);
    const bytes = resolveXopIncludes(msg.root.xml, msg.attachments).get(
      me2?.document.contentId ?? '',
    );
    expect(bytes?.subarray(0, 17).toString()).toBe('<ClinicalDocument');
  });
});

describe('responses to ITI-41 and ITI-57 (RegistryResponse)', () => {
  it.each([
    'td2.1-alimentation.response.xml',
    'td3.3c-supprimer-un-document.response.xml',
    'td3.3d-archiver-un-document.response.xml',
  ])('%s is a Success without errors', (name) => {
    const response = parseRegistryResponse(sample(name));
    expect(response).toEqual({ status: 'Success', errors: [] });
    expect(registryResponseError(response)).toBeUndefined();
  });
});

describe('td3.1-recherche-de-document (ITI-18 FindDocuments)', () => {
  it('request: FindDocuments for the patient, Approved only, LeafClass', () => {
    expect(parseAdhocQueryRequest(sample('td3.1-recherche-de-document.request.xml'))).toEqual({
      query: {
        kind: 'FindDocuments',
        patientId: '207058575627097^^^&1.2.250.1.213.1.4.10&ISO^NH',
        statuses: ['Approved'],
      },
      returnType: 'LeafClass',
      returnComposedObjects: true,
      unknownParameters: [],
    });
  });

  it('response: 21 Approved entries with registry metadata', () => {
    const response = parseAdhocQueryResponse(sample('td3.1-recherche-de-document.response.xml'));
    expect(response.status).toBe('Success');
    expect(response.errors).toEqual([]);
    expect(response.submissionSets).toEqual([]);
    expect(response.associations).toEqual([]);
    const entries = response.documentEntries;
    expect(entries.map((e) => e.uniqueId)).toEqual([
      '1.2.250.1.999.1.1.7898.1.995657292',
      '1.2.250.1.999.1.1.7898.1.995657301',
      '1.999888777.1.24',
      '1.999888777.1.25',
      '1.999888777.1.26',
      '1.999888777.1.28',
      '1.999888777.1.30',
      '1.999888777.1.31',
      '1.999888777.1.29',
      '1.999888777.1.33',
      '1.999888777.1.34',
      '1.999888777.1.32',
      '1.999888777.1.35',
      '1.999888777.1.21',
      '1.999888777.1.22',
      '1.999888777.1.23',
      '1.999888777.1.38',
      '1.999888777.1.36',
      '1.999888777.1.37',
      '1.999888777.1.39',
      '1.999888777.1.40',
    ]);
    expect(entries.map((e) => e.classCode.code).join(' ')).toBe(
      '10 10 31 42 42 43 44 44 43 10 10 52 10 10 11 11 10 10 10 10 10',
    );
    expect(new Set(entries.map((e) => e.status))).toEqual(new Set([DOCUMENT_STATUSES.Approved]));
    expect(new Set(entries.map((e) => e.version))).toEqual(new Set(['1']));
    expect(
      entries.every(
        (e) => e.logicalId === e.entryUuid && e.repositoryUniqueId === '1.2.250.1.213.4.1.1.1.2',
      ),
    ).toBe(true);
    expect(
      entries
        .filter(
          (e) =>
            visibilityFromConfidentialityCodes(e.confidentialityCodes).visibility.hiddenFromPatient,
        )
        .map((e) => e.entryUuid),
    ).toEqual([
      'urn:uuid:7953af1a-ba1c-11eb-816f-0050569e422e',
      'urn:uuid:9cded812-ba1d-11eb-816f-0050569e422e',
      'urn:uuid:e2325e04-ae6a-11eb-8f5d-0050569e422e',
    ]);
    const first = entries[0];
    expect(first).toMatchObject({
      entryUuid: 'urn:uuid:7953af1a-ba1c-11eb-816f-0050569e422e',
      hash: 'af326fb44feb720121d2c277ce10f87407818089',
      size: 2768,
      creationTime: '20100319183244',
      legalAuthenticator:
        '00B2800585^OPTOLUNE0058^SEBASTIEN^^^^^^&1.2.250.1.71.4.2.1&ISO^D^^^IDNPS',
      patientId: SAMPLE_PATIENT,
      title: 'Titre du document de TEST KIT EDITEUR CSharp',
      eventCodes: [
        {
          code: 'H33',
          codingScheme: '2.16.840.1.113883.6.3',
          displayName: 'Décollement et déchirement de la rétine',
        },
      ],
      sourcePatientInfo: ['PID-5|MARTINQUARANTESIX^Simonquasix^^^^^L', 'PID-7|19760717', 'PID-8|F'],
    });
    expect(parseXon(first?.authors[0]?.institutions?.[0] ?? '').id).toBe('10B0127189');
    expect(first?.authors[0]?.specialties).toEqual([
      'G15_10/SM04^Médecin - Cardiologie et maladies vasculaires (SM)^1.2.250.1.213.1.1.4.5',
    ]);
  });
});

describe('td3.2-consultation-d-un-document (ITI-43)', () => {
  it('request: one document of repository 1.2.250.1.213.4.1.1.1.2', () => {
    expect(
      parseRetrieveDocumentSetRequest(sample('td3.2-consultation-d-un-document.request.xml')),
    ).toEqual([
      {
        repositoryUniqueId: '1.2.250.1.213.4.1.1.1.2',
        documentUniqueId: '1.2.250.1.999.1.1.7898.1.995657292',
      },
    ]);
  });

  it('response: Success, one text/xml document as an xop:Include with a %-encoded cid', () => {
    const response = parseRetrieveDocumentSetResponse(
      sample('td3.2-consultation-d-un-document.response.xml'),
    );
    expect(response).toEqual({
      status: 'Success',
      errors: [],
      documents: [
        {
          repositoryUniqueId: '1.2.250.1.213.4.1.1.1.2',
          documentUniqueId: '1.2.250.1.999.1.1.7898.1.995657292',
          mimeType: 'text/xml',
          contentId: 'b857abb7-a2c3-4db8-bd69-d5ff76826e72-2@urn:ihe:iti:xds-b:2007',
        },
      ],
    });
  });
});

describe('td3.3c / td3.3d (ITI-57 UpdateAvailabilityStatus)', () => {
  it.each([
    [
      'td3.3c-supprimer-un-document.request.xml',
      '1.2.250.1.999.1.1.7898.3.20180518163612.3',
      'Archived',
      'Deleted',
    ],
    [
      'td3.3d-archiver-un-document.request.xml',
      '1.2.250.1.999.1.1.7898.1.11086546546895',
      'Approved',
      'Archived',
    ],
  ])('%s', (name, lotUniqueId, from, to) => {
    const request = parseUpdateDocumentSetRequest(sample(name));
    expect(request.submissionSet).toMatchObject({
      entryUuid: 'SubmissionSet01',
      uniqueId: lotUniqueId,
      sourceId: '1.2.250.1.999.1.1.7898',
      patientId: '207058575627097^^^&1.2.250.1.213.1.4.10&ISO^NH^^20210604092415',
      submissionTime: '20210604092415',
      title: 'Compte rendu',
      contentTypeCode: {
        code: '04',
        codingScheme: '1.2.250.1.213.2.2',
        displayName: 'Hospitalisation de jour',
      },
      authors: [{ person: MAX_LIBRE, institutions: [CABINET], specialties: [SPECIALTY] }],
    });
    expect(request.metadataUpdates).toEqual([]);
    expect(request.statusUpdates).toEqual([
      {
        targetEntryUuid: 'urn:uuid:fe5287a2-ae6a-11eb-8f5d-0050569e422e',
        originalStatus: from,
        newStatus: to,
        associationId: 'association1',
      },
    ]);
  });
});
