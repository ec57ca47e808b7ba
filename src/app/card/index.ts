// The card as the composition root offers it: the card service with its worker process, login with
// the user's PIN, and the read-only report of `navette card` and `navette doctor`.
export {
  MODULE_ENVIRONMENT_VARIABLES,
  exportModuleEnvironment,
  moduleEnvironment,
  type Environment,
} from './cardEnvironment.js';
export {
  locateCardModule,
  openCardService,
  type OpenCardServiceOptions,
  type OpenedCardService,
} from './openCardService.js';
export { loginCard, type PinRequest, type PinSource } from './cardLogin.js';
export {
  errorSummary,
  readCardReport,
  type CardEntryReport,
  type CardReport,
  type CardReportOptions,
  type CertificateReport,
} from './cardReport.js';
export {
  CERTIFICATE_WARNING_DAYS,
  runCardChecks,
  type CardChecks,
  type CardChecksOptions,
  type CardTlsIdentity,
} from './cardChecks.js';
