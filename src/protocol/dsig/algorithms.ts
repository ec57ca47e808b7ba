// XML-DSig algorithm identifiers used by the DMP signatures (VIHF and lot signature), and their
// mapping to the signer port's names. Only RSA PKCS#1 v1.5 with SHA-1 or SHA-256 exists on the
// CPS card and on the structure's certificates, so nothing else is accepted when verifying either:
// a narrow list keeps algorithm-confusion attacks (HMAC with a public key…) out by construction.
import type { SignatureAlgorithm } from '../../domain/ports/XmlSigner.js';

export const DSIG_NS = 'http://www.w3.org/2000/09/xmldsig#';

export const C14N = 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315';
export const C14N_WITH_COMMENTS = 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments';
export const EXC_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#';
export const EXC_C14N_WITH_COMMENTS = 'http://www.w3.org/2001/10/xml-exc-c14n#WithComments';
export const ENVELOPED_SIGNATURE = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';

export const RSA_SHA1 = 'http://www.w3.org/2000/09/xmldsig#rsa-sha1';
export const RSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';
export const SHA1 = 'http://www.w3.org/2000/09/xmldsig#sha1';
export const SHA256 = 'http://www.w3.org/2001/04/xmlenc#sha256';

/** A digest as the signer port and Node name it. */
export type DigestName = 'sha1' | 'sha256';

export const SIGNATURE_METHOD_URI: Readonly<Record<SignatureAlgorithm, string>> = {
  'rsa-sha1': RSA_SHA1,
  'rsa-sha256': RSA_SHA256,
};

/** The reference digest that goes with each signature algorithm (same hash throughout). */
export const DIGEST_OF_SIGNATURE: Readonly<Record<SignatureAlgorithm, DigestName>> = {
  'rsa-sha1': 'sha1',
  'rsa-sha256': 'sha256',
};

export const DIGEST_METHOD_URI: Readonly<Record<DigestName, string>> = {
  sha1: SHA1,
  sha256: SHA256,
};

export function signatureAlgorithmOfUri(uri: string): SignatureAlgorithm | undefined {
  if (uri === RSA_SHA1) return 'rsa-sha1';
  if (uri === RSA_SHA256) return 'rsa-sha256';
  return undefined;
}

export function digestOfUri(uri: string): DigestName | undefined {
  if (uri === SHA1) return 'sha1';
  if (uri === SHA256) return 'sha256';
  return undefined;
}
