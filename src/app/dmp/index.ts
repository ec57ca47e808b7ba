// The DMP connection as the composition root builds it: a DmpClient for the configured
// authentication mode (card, structure certificate, or the demo's virtual test card), plus the
// checks `navette doctor` runs against the configured DMP.
export { DmpSetupError, STRUCTURE_P12_PASSWORD_VARIABLE, dmpSetupErrors } from './DmpSetupError.js';
export { DMP_NODE_TLS_POLICY } from './dmpTlsPolicy.js';
export { loadDmpTrustAnchors } from './dmpTrustAnchors.js';
export {
  readStructureCertificate,
  singleKeyPkcs12,
  type StructureCertificate,
} from './structureCertificate.js';
export {
  AUTOMATON_NAME,
  DEFAULT_ACTIVITY_SECTOR,
  UNHOMOLOGATED,
  directVihfContext,
  indirectVihfContext,
  navetteSoftware,
  type VihfDefaults,
} from './vihfContexts.js';
export {
  openDmpSession,
  type DmpSession,
  type DmpSessionIdentity,
  type DmpSessionMode,
  type DmpSessionOptions,
} from './openDmpSession.js';
export * from './diagnostics/index.js';
// What the CLI and the API show of the DMP client's results (they may not import src/dmp).
export type { DmpAccess, DmpExistence, VihfContext, VihfStats } from '../../dmp/index.js';
