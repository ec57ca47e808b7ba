// Consulting and managing a patient's DMP (docs/consult.md): the service, its session, the API mounts.
export {
  ConsultService,
  type ConsultServiceOptions,
  type ConsultSession,
  type ConsultSessionSource,
  type RetrievedDocument,
} from './ConsultService.js';
export { CONSULT_HTTP_STATUS, ConsultError, type ConsultErrorCode } from './ConsultError.js';
export {
  DMP_ACCESS_MODE,
  JOURNAL_ACCESS_MODE,
  MEDECIN_PROFESSION_CODE,
  checkReason,
  dmpAccessOf,
  type ConsultAccess,
} from './consultAccess.js';
export { consultOperation, httpStatusOf, type ConsultServiceSource } from './consultApi.js';
export {
  CARD_ABSENT_MESSAGE,
  PIN_REQUIRED_MESSAGE,
  serviceConsultSession,
  sessionErrorOf,
  type ServiceConsultSession,
  type ServiceConsultSessionOptions,
} from './consultSession.js';
export { documentSummaryOf } from './documentSummary.js';
export { LAST_VISIT_KEY_PREFIX, LAST_VISIT_MARGIN_MS, LastVisitCursors } from './lastVisit.js';
export { defaultInsOidOf, insOfRef, type PatientRef } from './patientRef.js';
export { patientStatusOf } from './patientStatus.js';
export { searchDocuments, type ScreenSearch } from './searchDocuments.js';
export { withConsultService, type ConsultCliOptions } from './withConsultService.js';
export { startConsult, type RunningConsult, type StartConsultOptions } from './startConsult.js';
export { documentDisplayOf } from './documentDisplay.js';
export { TWO_YEARS_MS, documentQueryOf, frenchDate, type DocumentQuery } from './documentQuery.js';
