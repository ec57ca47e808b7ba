// IHE XDS.b for the DMP: ITI-41 (feed), ITI-18 (stored queries), ITI-43 (retrieve), ITI-57
// (update), RegistryResponse. Client builders and readers, and the reverse for the test server.
export {
  ASSOCIATION_OBJECT_TYPE,
  ASSOCIATION_TYPES,
  DOCUMENT_ENTRY_ON_DEMAND,
  DOCUMENT_ENTRY_SCHEMES,
  DOCUMENT_ENTRY_STABLE,
  DOCUMENT_STATUSES,
  ERROR_SEVERITIES,
  EXTERNAL_IDENTIFIER_NAMES,
  FOLDER_NODE,
  LCM_NS,
  LOT_SIGNATURE_CODES,
  QUERY_NS,
  RESPONSE_STATUSES,
  RIM_NS,
  RS_NS,
  STORED_QUERIES,
  SUBMISSION_SET_NODE,
  SUBMISSION_SET_SCHEMES,
  XDSB_NS,
  documentStatusOf,
  type AssociationKind,
  type DocumentStatus,
  type ErrorSeverity,
  type ResponseStatus,
  type StoredQueryName,
} from './xdsConstants.js';
export { XdsError } from './XdsError.js';
export type {
  DocumentEntry,
  RegistryObjects,
  SubmissionSet,
  XdsAssociation,
  XdsAuthor,
  XdsCode,
  XdsSlot,
} from './metadata.js';
export {
  AUTHOR_SPECIALTY_OID,
  PS_ID_OID,
  STRUCTURE_ID_OID,
  escapeHl7,
  formatCodedAttribute,
  formatSourcePatientInfo,
  formatXcn,
  formatXon,
  parseCodedAttribute,
  parseSourcePatientInfo,
  parseXcn,
  parseXon,
  unescapeHl7,
  type CodedAttribute,
  type SourcePatientInfo,
  type XcnPerson,
  type XonOrganization,
} from './hl7v2Values.js';
export { checkDtm, toXdsDateTime } from './rimWriter.js';
export { parseXdsXml, type XdsInput } from './rimReader.js';
export {
  buildProvideAndRegisterRequest,
  documentHashAndSize,
  lotSignatureEntry,
  type BuiltProvideAndRegister,
  type DocumentEntryInput,
  type LotSignatureEntryInput,
  type ProvideAndRegisterInput,
  type ProvidedDocument,
  type SubmissionSetInput,
  type SubmittedEntry,
} from './provideAndRegister.js';
export {
  documentFor,
  lotRelations,
  parseProvideAndRegisterRequest,
  type DocumentMatch,
  type LotRelations,
  type ProvideAndRegisterRequest,
  type ProvidedDocumentRef,
} from './provideAndRegisterReader.js';
export type {
  FindDocumentsQuery,
  FindSubmissionSetsQuery,
  GetAssociationsQuery,
  GetDocumentsAndAssociationsQuery,
  GetDocumentsQuery,
  QueryCode,
  QueryReturnType,
  StoredQuery,
  StoredQueryKind,
} from './storedQueryTypes.js';
export {
  buildAdhocQueryRequest,
  parseAdhocQueryRequest,
  type AdhocQueryRequest,
  type AdhocQueryRequestInput,
} from './storedQuery.js';
export {
  buildAdhocQueryResponse,
  parseAdhocQueryResponse,
  type AdhocQueryResponse,
  type AdhocQueryResponseInput,
} from './adhocQueryResponse.js';
export {
  buildRetrieveDocumentSetRequest,
  buildRetrieveDocumentSetResponse,
  parseRetrieveDocumentSetRequest,
  parseRetrieveDocumentSetResponse,
  type BuiltRetrieveResponse,
  type DocumentReference,
  type RetrieveDocumentSetResponse,
  type RetrieveDocumentSetResponseInput,
  type RetrievedDocument,
  type RetrievedDocumentInput,
} from './retrieveDocumentSet.js';
export {
  availabilityChange,
  buildUpdateDocumentSetRequest,
  parseUpdateDocumentSetRequest,
  type AvailabilityAction,
  type AvailabilityStatusUpdate,
  type BuiltUpdateDocumentSet,
  type MetadataUpdate,
  type ReadAvailabilityStatusUpdate,
  type ReadMetadataUpdate,
  type UpdateDocumentSetInput,
  type UpdateDocumentSetRequest,
} from './updateDocumentSet.js';
export {
  buildRegistryResponse,
  parseRegistryResponse,
  type RegistryErrorItem,
  type RegistryStatus,
  type RegistryStatusInput,
} from './registryResponse.js';
export {
  RegistryResponseError,
  assertRegistrySuccess,
  registryErrorFamily,
  registryResponseError,
} from './registryErrors.js';
export { confidentialityCodesFor, visibilityOfEntry } from './visibilityCodes.js';
