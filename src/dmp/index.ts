// Public API of the DMP client layer. docs/dmp-client.md explains it.
export {
  DmpError,
  DmpFaultError,
  DmpRejectionError,
  DmpResponseError,
  isDmpError,
  type DmpErrorCode,
  type DmpErrorOptions,
  type DmpFaultInfo,
} from './errors/DmpError.js';
export { faultRefusesVihf, faultToError } from './errors/faultToError.js';
export {
  NORMAL_ACCESS,
  toAccess,
  vihfInputOf,
  type DmpAccess,
  type VihfContext,
} from './vihf/VihfContext.js';
export {
  DEFAULT_VIHF_TTL_MS,
  VIHF_EXPIRY_MARGIN_MS,
  VIHF_NOT_BEFORE_SKEW_MS,
  VihfIssuer,
  type VihfIssuerOptions,
  type VihfStats,
} from './vihf/VihfIssuer.js';
export {
  DEFAULT_READ_LIMITS,
  readDmpResponse,
  type ReadLimits,
  type ReadResponse,
} from './call/readDmpResponse.js';
export {
  DEFAULT_DMP_TIMEOUT_MS,
  DmpCall,
  type DmpCallOptions,
  type DmpReply,
  type DmpRequest,
} from './call/DmpCall.js';
export {
  testExistence,
  type DmpExistence,
  type TestExistenceInput,
} from './transactions/testExistence.js';
export {
  ACTIVITY_TYPE_SYSTEM,
  DEFAULT_SOURCE_ID,
  PRACTICE_SETTING_SYSTEM,
  SUBMISSION_FIXES,
  contentTypeCodeFor,
  freshOid,
  signLot,
  submissionSetFor,
  submitDocuments,
  type LotDocumentInput,
  type SignLotInput,
  type SubmissionSetOptions,
  type SubmitDocumentsInput,
  type SubmittedLot,
} from './transactions/provideAndRegister.js';
export { findDocumentByUniqueId, type FindDocumentInput } from './transactions/findDocument.js';
export {
  groupByLot,
  isLotSignature,
  statusOfEntry,
  toDmpDocument,
  type DmpDocument,
  type DmpDocumentStatus,
  type DocumentAuthorSummary,
  type DocumentLink,
  type DocumentLot,
  type DocumentStatusFilter,
  type VisibilityAlert,
  type VisibilityAlertCode,
} from './documents/DmpDocument.js';
export { currentVersions, withRelations } from './documents/documentRelations.js';
export { QUERY_BATCH_SIZE, inBatches, registryQuery } from './transactions/registryQuery.js';
export {
  setAuthorization,
  type AuthorizationChange,
  type AuthorizationUpdate,
  type SetAuthorizationInput,
} from './transactions/setAuthorization.js';
export {
  listAuthorizedPatients,
  type AuthorizedPatient,
  type AuthorizedPatientsQuery,
  type ListAuthorizedPatientsInput,
} from './transactions/listAuthorizedPatients.js';
export {
  findDocuments,
  firstLookSearch,
  withStatuses,
  type DocumentSearch,
  type FindDocumentsInput,
} from './transactions/findDocuments.js';
export {
  findDocumentsSince,
  type DocumentsSince,
  type DocumentsSinceInput,
} from './transactions/findDocumentsSince.js';
export {
  retrieveDocument,
  type DocumentToRetrieve,
  type RetrieveDocumentInput,
  type RetrievedContent,
} from './transactions/retrieveDocument.js';
export {
  DOCUMENT_ACTIONS,
  DmpDocumentActionError,
  manageDocument,
  type DocumentAction,
  type DocumentActionResult,
  type ManageDocumentInput,
} from './transactions/manageDocument.js';
export {
  DEFAULT_SENDER_DEVICE,
  DmpClient,
  type CallOptions,
  type DmpClientOptions,
  type RemoveAuthorizationOptions,
} from './DmpClient.js';
