// Metadata modelled on the official TD2.1 sample (test card 899900063480 "MAX LIBRE", structure
// 499900063480001 "CABINET DR LIBRE", test patient 207058575627097 under the test INS OID),
// shared by the unit and conformance tests of src/protocol/xds.
import { Buffer } from 'node:buffer';
import {
  documentHashAndSize,
  formatSourcePatientInfo,
  formatXcn,
  formatXon,
  lotSignatureEntry,
  type DocumentEntry,
  type DocumentEntryInput,
  type ProvideAndRegisterInput,
  type SubmissionSetInput,
  type XdsAuthor,
} from '../../../../src/protocol/xds/index.js';

export const PATIENT_ID = '207058575627097^^^&1.2.250.1.213.1.4.10&ISO^NH';

export const AUTHOR: XdsAuthor = {
  person: formatXcn({ id: '899900063480', family: 'MAX', given: 'LIBRE' }),
  institutions: [formatXon({ name: 'CABINET DR LIBRE', id: '499900063480001' })],
  specialties: ['G15_10/SM26^Médecin - Qualifié en Médecine Générale (SM)^1.2.250.1.213.1.1.4.5'],
};

export const CDA = Buffer.from(
  '<?xml version="1.0" encoding="UTF-8"?><ClinicalDocument xmlns="urn:hl7-org:v3"><title>Test</title></ClinicalDocument>',
);
export const XADES = Buffer.from('<Signature xmlns="http://www.w3.org/2000/09/xmldsig#"/>');

export function submissionSet(overrides: Partial<SubmissionSetInput> = {}): SubmissionSetInput {
  return {
    uniqueId: '1.2.250.1.999.1.1.7898.1.1622814651504',
    sourceId: '1.2.250.1.999.1.1.7898',
    patientId: PATIENT_ID,
    submissionTime: '20210604135051',
    title: 'lot du document originel',
    comments: 'Compte rendu test',
    contentTypeCode: {
      code: '04',
      codingScheme: '1.2.250.1.213.2.2',
      displayName: 'Hospitalisation de jour',
    },
    authors: [AUTHOR],
    ...overrides,
  };
}

export function documentEntry(overrides: Partial<DocumentEntryInput> = {}): DocumentEntryInput {
  return {
    mimeType: 'text/xml',
    uniqueId: '1.2.250.1.999.1.1.7898.3.1622814651504',
    patientId: PATIENT_ID,
    sourcePatientId: '0456789999^^^&1.2.250.1.999.1.1.7898.2&ISO^PI',
    sourcePatientInfo: formatSourcePatientInfo({
      family: 'patb-quatre',
      given: 'LAURENCE',
      birthDate: '19070525',
      sex: 'F',
    }),
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
    practiceSettingCode: {
      code: 'ETABLISSEMENT',
      codingScheme: '1.2.250.1.213.1.1.4.9',
      displayName: 'Etablissement de santé',
    },
    healthcareFacilityTypeCode: {
      code: 'SA01',
      codingScheme: '1.2.250.1.71.4.2.4',
      displayName: 'Etablissement public de santé',
    },
    confidentialityCodes: [
      { code: 'N', codingScheme: '2.16.840.1.113883.5.25', displayName: 'Normal' },
      {
        code: 'MASQUE_PS',
        codingScheme: '1.2.250.1.213.1.1.4.13',
        displayName: 'Masqué aux professionnels de santé',
      },
    ],
    eventCodes: [
      { code: 'BACA008', codingScheme: '1.2.250.1.213.2.5', displayName: 'suture sourcil' },
    ],
    authors: [AUTHOR],
    legalAuthenticator: AUTHOR.person ?? '',
    creationTime: '20100319194535',
    serviceStartTime: '20100319183244',
    serviceStopTime: '20100319183344',
    languageCode: 'fr-FR',
    ...documentHashAndSize(CDA),
    ...overrides,
  };
}

export function lot(overrides: Partial<ProvideAndRegisterInput> = {}): ProvideAndRegisterInput {
  const entry = documentEntry();
  return {
    submissionSet: submissionSet(),
    documents: [{ entry, content: CDA, contentId: 'cda@navette.local' }],
    signature: {
      entry: lotSignatureEntry({
        uniqueId: '1.2.250.1.999.1.1.7898.4.1622814651504',
        patientId: PATIENT_ID,
        authors: [AUTHOR],
        legalAuthenticator: AUTHOR.person ?? '',
        time: '20210604135051',
        healthcareFacilityTypeCode: entry.healthcareFacilityTypeCode,
        practiceSettingCode: entry.practiceSettingCode,
        ...documentHashAndSize(XADES),
      }),
      content: XADES,
      contentId: 'xades@navette.local',
    },
    ...overrides,
  };
}

/** A DocumentEntry as the registry returns it (TD3.1), for ITI-57 and query answers. */
export function registeredEntry(overrides: Partial<DocumentEntry> = {}): DocumentEntry {
  return {
    ...documentEntry(),
    entryUuid: 'urn:uuid:7953af1a-ba1c-11eb-816f-0050569e422e',
    logicalId: 'urn:uuid:7953af1a-ba1c-11eb-816f-0050569e422e',
    version: '1',
    objectType: 'urn:uuid:7edca82f-054d-47f2-a032-9b2a5b5186c1',
    status: 'urn:oasis:names:tc:ebxml-regrep:StatusType:Approved',
    repositoryUniqueId: '1.2.250.1.213.4.1.1.1.2',
    ...overrides,
  };
}
