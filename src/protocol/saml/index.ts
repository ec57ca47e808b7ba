// VIHF 3.0 (the DMP's SAML 2.0 assertion, DMP-INTERFACE §4): build, sign through the signer port,
// read, verify. See docs/protocol-signatures.md.
export {
  AIR_DEFAULT_AUTHN_CONTEXT_DECL,
  AUTHN_CONTEXT_SMARTCARD_PKI,
  AUTOMATON_ROLE_CODE_SYSTEM,
  HL7V3_NS,
  PROFESSIONS_REQUIRING_SPECIALTY,
  PROFESSION_CODE_SYSTEM,
  RESOURCE_URN_DMP,
  SAML2_NS,
  SPECIALTY_CODE_SYSTEM,
  VIHF_ATTRIBUTE,
  VIHF_VERSION,
  X509_SUBJECT_NAME_FORMAT,
  XSI_NS,
  XS_NS,
} from './vihfConstants.js';
export type {
  VihfAssertion,
  VihfCode,
  VihfExtraAttribute,
  VihfInput,
  VihfSoftware,
} from './vihfTypes.js';
export { VihfError } from './VihfError.js';
export { buildVihfAssertion } from './vihfBuilder.js';
export {
  buildSignedVihf,
  signVihfAssertion,
  vihfIssuerOf,
  type VihfSignOptions,
} from './vihfSigner.js';
export { parseVihf } from './vihfParser.js';
export { verifyVihf, type VerifiedVihf } from './vihfVerifier.js';
