// The fixed identifiers of IHE XDS.b (ITI TF-3 §4.2.5) and of the DMP's additions, in one
// place so builders and readers agree. Every UUID below appears in the official DMP samples
// (reference/dmp/messages) or in IHE ITI TF-3 Table 4.2.5-1 and ITI TF-2a §3.18.4.1.2.3.7.

/** ebXML RegRep 3.0 and IHE XDS.b namespaces. */
export const RIM_NS = 'urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0';
export const RS_NS = 'urn:oasis:names:tc:ebxml-regrep:xsd:rs:3.0';
export const LCM_NS = 'urn:oasis:names:tc:ebxml-regrep:xsd:lcm:3.0';
export const QUERY_NS = 'urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0';
export const XDSB_NS = 'urn:ihe:iti:xds-b:2007';

/** ExtrinsicObject objectType of a stable DocumentEntry (the only kind the DMP stores). */
export const DOCUMENT_ENTRY_STABLE = 'urn:uuid:7edca82f-054d-47f2-a032-9b2a5b5186c1';
export const DOCUMENT_ENTRY_ON_DEMAND = 'urn:uuid:34268e47-fdf5-41a6-ba33-82133c465248';

/** Classification schemes and external identifier schemes of a DocumentEntry. */
export const DOCUMENT_ENTRY_SCHEMES = {
  author: 'urn:uuid:93606bcf-9494-43ec-9b4e-a7748d1a838d',
  classCode: 'urn:uuid:41a5887f-8865-4c09-adf7-e362475b143a',
  confidentialityCode: 'urn:uuid:f4f85eac-e6cb-4883-b524-f2705394840f',
  eventCode: 'urn:uuid:2c6b8cb7-8b2a-4051-b291-b1ae6a575ef4',
  formatCode: 'urn:uuid:a09d5840-386c-46f2-b5ad-9c3699a4309d',
  healthcareFacilityTypeCode: 'urn:uuid:f33fb8ac-18af-42cc-ae0e-ed0b0bdb91e1',
  practiceSettingCode: 'urn:uuid:cccf5598-8b07-4b77-a05e-ae952c785ead',
  typeCode: 'urn:uuid:f0306f51-975f-434e-a61c-c59651d33983',
  patientId: 'urn:uuid:58a6f841-87b3-4a3e-92fd-a8ffeff98427',
  uniqueId: 'urn:uuid:2e82c1f6-a085-4c72-9da3-8640a32e42ab',
} as const;

/** Classification node and schemes of a SubmissionSet. */
export const SUBMISSION_SET_NODE = 'urn:uuid:a54d6aa5-d40d-43f9-88c5-b4633d873bdd';
export const SUBMISSION_SET_SCHEMES = {
  author: 'urn:uuid:a7058bb9-b4e4-4307-ba5b-e3f0ab85e12d',
  contentTypeCode: 'urn:uuid:aa543740-bdda-424e-8c96-df4873be8500',
  patientId: 'urn:uuid:6b5aea1a-874d-4603-a4bc-96a0a7b38446',
  sourceId: 'urn:uuid:554ac39e-e3fe-47fe-b233-965d2a147832',
  uniqueId: 'urn:uuid:96fdda7c-d067-4183-912e-bf5ee74998a8',
} as const;

/** Folders are not used by the DMP; their node is recognised so they are not taken for lots. */
export const FOLDER_NODE = 'urn:uuid:d9d542f3-6cc4-48b6-8870-ea235fbc94c2';

/** The ExternalIdentifier Name the samples write (the registry ignores it, humans read it). */
export const EXTERNAL_IDENTIFIER_NAMES = {
  documentPatientId: 'XDSDocumentEntry.patientId',
  documentUniqueId: 'XDSDocumentEntry.uniqueId',
  submissionSetPatientId: 'XDSSubmissionSet.patientId',
  submissionSetSourceId: 'XDSSubmissionSet.sourceId',
  submissionSetUniqueId: 'XDSSubmissionSet.uniqueId',
} as const;

export const ASSOCIATION_TYPES = {
  HasMember: 'urn:oasis:names:tc:ebxml-regrep:AssociationType:HasMember',
  RPLC: 'urn:ihe:iti:2007:AssociationType:RPLC',
  XFRM: 'urn:ihe:iti:2007:AssociationType:XFRM',
  APND: 'urn:ihe:iti:2007:AssociationType:APND',
  XFRM_RPLC: 'urn:ihe:iti:2007:AssociationType:XFRM_RPLC',
  signs: 'urn:ihe:iti:2007:AssociationType:signs',
  UpdateAvailabilityStatus: 'urn:ihe:iti:2010:AssociationType:UpdateAvailabilityStatus',
} as const;

export type AssociationKind = keyof typeof ASSOCIATION_TYPES;

/** objectType of an Association as the ITI-57 samples write it. */
export const ASSOCIATION_OBJECT_TYPE =
  'urn:oasis:names:tc:ebxml-regrep:ObjectType:RegistryObject:Association';

/**
 * Availability statuses. Approved and Deprecated are ebRIM's; Archived and Deleted are the DMP's
 * own (CI-SIS namespace, samples td3.3c/td3.3d). Deprecated = replaced by an RPLC.
 */
export const DOCUMENT_STATUSES = {
  Approved: 'urn:oasis:names:tc:ebxml-regrep:StatusType:Approved',
  Deprecated: 'urn:oasis:names:tc:ebxml-regrep:StatusType:Deprecated',
  Submitted: 'urn:oasis:names:tc:ebxml-regrep:StatusType:Submitted',
  Archived: 'urn:asip:ci-sis:2010:StatusType:Archived',
  Deleted: 'urn:asip:ci-sis:2010:StatusType:Deleted',
} as const;

export type DocumentStatus = keyof typeof DOCUMENT_STATUSES;

/** The short status name of a status URN, or undefined for an unknown URN. */
export function documentStatusOf(urn: string | undefined): DocumentStatus | undefined {
  if (urn === undefined) return undefined;
  const found = Object.entries(DOCUMENT_STATUSES).find(([, value]) => value === urn);
  return found?.[0] as DocumentStatus | undefined;
}

export const RESPONSE_STATUSES = {
  Success: 'urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success',
  Failure: 'urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Failure',
  PartialSuccess: 'urn:ihe:iti:2007:ResponseStatusType:PartialSuccess',
} as const;

export type ResponseStatus = keyof typeof RESPONSE_STATUSES;

export const ERROR_SEVERITIES = {
  Error: 'urn:oasis:names:tc:ebxml-regrep:ErrorSeverityType:Error',
  Warning: 'urn:oasis:names:tc:ebxml-regrep:ErrorSeverityType:Warning',
} as const;

export type ErrorSeverity = keyof typeof ERROR_SEVERITIES;

/** Registry Stored Query ids (ITI-18). */
export const STORED_QUERIES = {
  FindDocuments: 'urn:uuid:14d4debf-8f97-4251-9a74-a90016b0af0d',
  FindSubmissionSets: 'urn:uuid:f26abbcb-ac74-4422-8a30-edb644bbc1a9',
  FindDocumentsByReferenceId: 'urn:uuid:12941a89-e02e-4be5-967c-ce4bfc8fe492',
  GetAll: 'urn:uuid:10b545ea-725c-446d-9b95-8aeb444eddf3',
  GetDocuments: 'urn:uuid:5c4f972b-d56b-40ac-a5fc-c8ca9b40b9d4',
  GetAssociations: 'urn:uuid:a7ae438b-4bc2-4642-93e9-be891f7bb155',
  GetDocumentsAndAssociations: 'urn:uuid:bab9529a-4a10-40b3-a01f-f68a615d247a',
  GetSubmissionSets: 'urn:uuid:51224314-5390-4169-9b91-b1980040715a',
  GetSubmissionSetAndContents: 'urn:uuid:e8e3cb2c-e39c-46b9-99e4-c12f57260b83',
  GetRelatedDocuments: 'urn:uuid:d90e5407-b356-4d91-a89f-873917b4b0e6',
} as const;

export type StoredQueryName = keyof typeof STORED_QUERIES;

/**
 * The lot signature entry (IHE DSG, DMP-INTERFACE §8), exactly as in the official TD2.1 sample:
 * its classCode and formatCode carry the coding scheme "URN", its typeCode "ASTM".
 */
export const LOT_SIGNATURE_CODES = {
  classCode: {
    code: 'urn:oid:1.3.6.1.4.1.19376.1.2.1.1.1',
    codingScheme: 'URN',
    displayName: 'Digital Signature',
  },
  typeCode: { code: 'E1762', codingScheme: 'ASTM', displayName: 'Full Document' },
  formatCode: {
    code: 'http://www.w3.org/2000/09/xmldsig#',
    codingScheme: 'URN',
    displayName: 'Default Signature Style',
  },
  eventCode: {
    code: '1.2.840.10065.1.12.1.14',
    codingScheme: '1.2.840.10065.1.12',
    displayName: 'Source',
  },
  languageCode: 'art',
  mimeType: 'text/xml',
  title: 'Source',
} as const;
