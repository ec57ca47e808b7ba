// The card layer: PKCS#11 (CPS, CPF, CPE cards; SoftHSM2 in tests) in a child process, and the
// XML signers. Other layers import from here only. docs/card.md explains the design.
export type {
  CardBackend,
  ModuleDescription,
  SignRequest,
  SlotDescription,
  TokenCertificate,
  TokenDescription,
  TokenObjects,
  TokenPrivateKey,
} from './backend/CardBackend.js';
export {
  classifyCardKeys,
  type CardKeys,
  type ClassifiedCertificate,
  type KeyRole,
} from './certificates/classifyCardKeys.js';
export {
  CPX_EXTENSIONS,
  EKU,
  describeCertificate,
  type CardKind,
  type CertificateDescription,
  type HolderIdentity,
  type KeyUsageName,
} from './certificates/describeCertificate.js';
export { CardError, isCardError, type CardErrorCode } from './errors/CardError.js';
export { cardErrors } from './errors/cardErrors.js';
export { Pkcs11CallError, isPkcs11CallError } from './errors/Pkcs11CallError.js';
export {
  CardWorkerClient,
  DEFAULT_TIMEOUTS_MS,
  type CardWorkerClientOptions,
} from './host/CardWorkerClient.js';
export { DEFAULT_BACKOFF, restartDelayMs, type BackoffPolicy } from './host/restartBackoff.js';
export { defaultWorkerPath } from './host/workerPath.js';
export { forkWorker, type SpawnWorker, type WorkerProcess } from './host/workerProcess.js';
export {
  findCardModule,
  searchCardModule,
  type FindModuleOptions,
  type FoundModule,
  type ModuleSearch,
} from './modules/findCardModule.js';
export {
  cryptolibCandidates,
  type CatalogueContext,
  type ModuleCandidate,
} from './modules/moduleCatalogue.js';
export { CKA, CKM, CKR, TOKEN_FLAGS, ckrName } from './pkcs11/pkcs11Constants.js';
export { CardMonitor, type CardMonitorOptions } from './service/CardMonitor.js';
export { CardService, type CardServiceOptions, type SignOptions } from './service/CardService.js';
export type {
  CardCertificate,
  CardDetails,
  CardEvent,
  CardHandle,
  CardInventory,
  CardSummary,
  CertificateValidity,
} from './service/cardTypes.js';
export { pinStateFromFlags, type PinState } from './service/pinState.js';
export { Pkcs11CardSigner } from './signers/Pkcs11CardSigner.js';
export { Pkcs12Signer, type Pkcs12SignerOptions } from './signers/Pkcs12Signer.js';
export { readPkcs12, type Pkcs12KeyPair } from './signers/pkcs12File.js';
export {
  VirtualCardSigner,
  VirtualTestCard,
  type VirtualTestCardOptions,
} from './signers/VirtualCardSigner.js';
export { digestInfo, planSignature, type SigningPlan } from './signing/digestInfo.js';
