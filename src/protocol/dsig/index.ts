// XML signatures of the DMP protocol: algorithm identifiers, the bridge from xml-crypto to the
// signer port, and the TD2.1 lot signature (IHE DSG / XAdES): build and verify.
// The VIHF (SAML) signature lives in ../saml. See docs/protocol-signatures.md.
export {
  C14N,
  C14N_WITH_COMMENTS,
  DIGEST_METHOD_URI,
  DIGEST_OF_SIGNATURE,
  DSIG_NS,
  ENVELOPED_SIGNATURE,
  EXC_C14N,
  EXC_C14N_WITH_COMMENTS,
  RSA_SHA1,
  RSA_SHA256,
  SHA1,
  SHA256,
  SIGNATURE_METHOD_URI,
  digestOfUri,
  signatureAlgorithmOfUri,
  type DigestName,
} from './algorithms.js';
export {
  certificateToBase64,
  certificateToPem,
  digestBase64,
  normalizeDistinguishedName,
  parseCertificate,
  rfc2253Name,
  serialNumberDecimal,
} from './certificates.js';
export {
  EXTERNAL_KEY_PLACEHOLDER,
  portSignatureAlgorithm,
  type PortSignatureRecord,
} from './portSignatureAlgorithm.js';
export {
  MANIFEST_ID,
  MANIFEST_TYPE,
  PURPOSE_OF_SIGNATURE_SOURCE,
  SIGNED_PROPERTIES_ID,
  SIGNED_PROPERTIES_TYPE_111,
  SIGNED_PROPERTIES_TYPE_132,
  SUBMISSION_SET_DIGEST,
  URN_OID,
  XADES_111_NS,
  XADES_132_NS,
} from './lotSignatureConstants.js';
export { LotSignatureError } from './LotSignatureError.js';
export {
  buildLotSignature,
  type LotDocument,
  type LotSignatureInput,
  type LotSignatureOptions,
} from './lotSignatureBuilder.js';
export type {
  LotManifestReference,
  LotSigningCertificateReference,
  VerifiedLotSignature,
} from './lotSignatureTypes.js';
export {
  manifestDigestOf,
  verifyLotSignature,
  verifyLotSignedInfo,
  type LotDocumentsToCheck,
} from './lotSignatureVerifier.js';
