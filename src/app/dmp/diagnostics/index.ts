// `navette doctor`'s checks, for the CLI (and later the UI's diagnostics page).
export {
  check,
  failed,
  type CheckStatus,
  type DoctorCheck,
  type DoctorReport,
} from './doctorCheck.js';
export {
  CLOCK_SKEW_FAIL_MS,
  CLOCK_SKEW_WARN_MS,
  clockCheck,
  configurationCheck,
  reachabilityCheck,
  structureCertificateCheck,
  trustAnchorsCheck,
} from './dmpChecks.js';
export { probeDmpServer, type ProbeOptions, type ProbeOutcome } from './probeDmpServer.js';
export { verifyServerChain } from './verifyServerChain.js';
export { runDoctor, type DoctorOptions } from './runDoctor.js';
