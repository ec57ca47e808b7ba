// ITI-18 Registry Stored Queries Navette uses against the DMP (DMP-INTERFACE §6 TD3.1/TD3.1b,
// §10 "consultation optimisation"), and the parameter table shared by the request builder
// (client) and the request reader (test server). Times are HL7 DTM (UTC); codes are matched on
// code and coding scheme; a list means OR. IHE also allows AND groups for confidentiality and
// event codes (several slots of the same name): Navette neither sends nor accepts them.
import type { DocumentStatus } from './xdsConstants.js';

/** A code as stored query parameters carry it (`code^^codingScheme`). */
export interface QueryCode {
  readonly code: string;
  readonly codingScheme?: string;
}

export type QueryReturnType = 'LeafClass' | 'ObjectRef';

export interface FindDocumentsQuery {
  readonly kind: 'FindDocuments';
  /** INS in CX form. */
  readonly patientId: string;
  /** At least one; the DMP's own statuses Archived and Deleted are accepted. */
  readonly statuses: readonly DocumentStatus[];
  readonly classCodes?: readonly QueryCode[];
  readonly typeCodes?: readonly QueryCode[];
  readonly practiceSettingCodes?: readonly QueryCode[];
  readonly healthcareFacilityTypeCodes?: readonly QueryCode[];
  readonly formatCodes?: readonly QueryCode[];
  readonly eventCodes?: readonly QueryCode[];
  readonly confidentialityCodes?: readonly QueryCode[];
  /** authorPerson patterns (SQL LIKE: % and _ wildcards). */
  readonly authorPersons?: readonly string[];
  readonly creationTimeFrom?: string;
  readonly creationTimeTo?: string;
  readonly serviceStartTimeFrom?: string;
  readonly serviceStartTimeTo?: string;
  readonly serviceStopTimeFrom?: string;
  readonly serviceStopTimeTo?: string;
}

export interface FindSubmissionSetsQuery {
  readonly kind: 'FindSubmissionSets';
  readonly patientId: string;
  readonly statuses: readonly DocumentStatus[];
  readonly sourceIds?: readonly string[];
  /** "Since the last connection" (EX_3.1-1020). */
  readonly submissionTimeFrom?: string;
  readonly submissionTimeTo?: string;
  readonly authorPerson?: string;
  readonly contentTypeCodes?: readonly QueryCode[];
}

/** By uniqueId (TD3.1b: find the entryUUID of one's own document) or by entryUUID. */
export interface GetDocumentsQuery {
  readonly kind: 'GetDocuments';
  readonly uniqueIds?: readonly string[];
  readonly entryUuids?: readonly string[];
}

export interface GetAssociationsQuery {
  readonly kind: 'GetAssociations';
  /** entryUUIDs of documents or submission sets. */
  readonly entryUuids: readonly string[];
}

export interface GetDocumentsAndAssociationsQuery {
  readonly kind: 'GetDocumentsAndAssociations';
  readonly uniqueIds?: readonly string[];
  readonly entryUuids?: readonly string[];
}

export type StoredQuery =
  | FindDocumentsQuery
  | FindSubmissionSetsQuery
  | GetDocumentsQuery
  | GetAssociationsQuery
  | GetDocumentsAndAssociationsQuery;

export type StoredQueryKind = StoredQuery['kind'];

export type ParameterKind = 'string' | 'time' | 'strings' | 'codes' | 'statuses';

export interface ParameterSpec {
  readonly field: string;
  readonly slot: string;
  readonly kind: ParameterKind;
  readonly required?: boolean;
}

const findDocuments: readonly ParameterSpec[] = [
  { field: 'patientId', slot: '$XDSDocumentEntryPatientId', kind: 'string', required: true },
  { field: 'statuses', slot: '$XDSDocumentEntryStatus', kind: 'statuses', required: true },
  { field: 'classCodes', slot: '$XDSDocumentEntryClassCode', kind: 'codes' },
  { field: 'typeCodes', slot: '$XDSDocumentEntryTypeCode', kind: 'codes' },
  { field: 'practiceSettingCodes', slot: '$XDSDocumentEntryPracticeSettingCode', kind: 'codes' },
  {
    field: 'healthcareFacilityTypeCodes',
    slot: '$XDSDocumentEntryHealthcareFacilityTypeCode',
    kind: 'codes',
  },
  { field: 'formatCodes', slot: '$XDSDocumentEntryFormatCode', kind: 'codes' },
  { field: 'eventCodes', slot: '$XDSDocumentEntryEventCodeList', kind: 'codes' },
  { field: 'confidentialityCodes', slot: '$XDSDocumentEntryConfidentialityCode', kind: 'codes' },
  { field: 'authorPersons', slot: '$XDSDocumentEntryAuthorPerson', kind: 'strings' },
  { field: 'creationTimeFrom', slot: '$XDSDocumentEntryCreationTimeFrom', kind: 'time' },
  { field: 'creationTimeTo', slot: '$XDSDocumentEntryCreationTimeTo', kind: 'time' },
  { field: 'serviceStartTimeFrom', slot: '$XDSDocumentEntryServiceStartTimeFrom', kind: 'time' },
  { field: 'serviceStartTimeTo', slot: '$XDSDocumentEntryServiceStartTimeTo', kind: 'time' },
  { field: 'serviceStopTimeFrom', slot: '$XDSDocumentEntryServiceStopTimeFrom', kind: 'time' },
  { field: 'serviceStopTimeTo', slot: '$XDSDocumentEntryServiceStopTimeTo', kind: 'time' },
];

const byIds: readonly ParameterSpec[] = [
  { field: 'entryUuids', slot: '$XDSDocumentEntryEntryUUID', kind: 'strings' },
  { field: 'uniqueIds', slot: '$XDSDocumentEntryUniqueId', kind: 'strings' },
];

/** The parameters of each stored query, in the order they are written. */
export const QUERY_PARAMETERS: Readonly<Record<StoredQueryKind, readonly ParameterSpec[]>> = {
  FindDocuments: findDocuments,
  FindSubmissionSets: [
    { field: 'patientId', slot: '$XDSSubmissionSetPatientId', kind: 'string', required: true },
    { field: 'statuses', slot: '$XDSSubmissionSetStatus', kind: 'statuses', required: true },
    { field: 'sourceIds', slot: '$XDSSubmissionSetSourceId', kind: 'strings' },
    { field: 'submissionTimeFrom', slot: '$XDSSubmissionSetSubmissionTimeFrom', kind: 'time' },
    { field: 'submissionTimeTo', slot: '$XDSSubmissionSetSubmissionTimeTo', kind: 'time' },
    { field: 'authorPerson', slot: '$XDSSubmissionSetAuthorPerson', kind: 'string' },
    { field: 'contentTypeCodes', slot: '$XDSSubmissionSetContentType', kind: 'codes' },
  ],
  GetDocuments: byIds,
  GetAssociations: [{ field: 'entryUuids', slot: '$uuid', kind: 'strings', required: true }],
  GetDocumentsAndAssociations: byIds,
};
