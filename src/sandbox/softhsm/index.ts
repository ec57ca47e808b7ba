// SoftHSM2 test tokens for the sandbox's test cards (library only; `navette sandbox init` calls it).
export {
  SOFTHSM_MODULE_LOCATIONS,
  locateSoftHsm,
  type LocateOptions,
  type SoftHsmInstallation,
  type SoftHsmLookup,
} from './locateSoftHsm.js';
export {
  SoftHsmProvisioningError,
  provisionSoftHsmToken,
  writeSoftHsmConf,
  type MechanismProfile,
  type ProvisionOptions,
  type SoftHsmProvisioning,
  type SoftHsmToken,
  type TokenContent,
  type TokenKeyPair,
} from './provisionSoftHsmToken.js';
export {
  provisionTestCardTokens,
  tokenContentOf,
  type ProvisionCardsOptions,
  type TestCardTokens,
} from './provisionTestCards.js';
