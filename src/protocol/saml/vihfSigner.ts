// Signs a VIHF as the DMP expects (DMP-INTERFACE §4, TECH-NOTES §3): enveloped XML-DSig placed
// right after saml2:Issuer (SAML schema order, and where the official samples put it), exclusive
// C14N for SignedInfo and for the reference (so the assertion stays valid once inserted in the
// SOAP header under other namespace declarations), X509Data KeyInfo with the signing certificate.
// RSA-SHA256 by default; RSA-SHA1 on request, as in the official samples. xml-crypto does the
// canonicalisation and digests; the RSA signature itself comes from the signer port.
import { SignedXml } from 'xml-crypto';
import { isNavetteError } from '../../domain/errors/NavetteError.js';
import type { SignatureAlgorithm, XmlSigner } from '../../domain/ports/XmlSigner.js';
import {
  DIGEST_METHOD_URI,
  DIGEST_OF_SIGNATURE,
  ENVELOPED_SIGNATURE,
  EXC_C14N,
  SIGNATURE_METHOD_URI,
} from '../dsig/algorithms.js';
import { certificateToPem, parseCertificate, rfc2253Name } from '../dsig/certificates.js';
import {
  EXTERNAL_KEY_PLACEHOLDER,
  portSignatureAlgorithm,
  type PortSignatureRecord,
} from '../dsig/portSignatureAlgorithm.js';
import { buildVihfAssertion } from './vihfBuilder.js';
import { SAML2_NS } from './vihfConstants.js';
import type { VihfInput } from './vihfTypes.js';
import { vihfError } from './VihfError.js';

export interface VihfSignOptions {
  /** Default rsa-sha256 (with a SHA-256 digest); rsa-sha1 uses SHA-1 throughout, like the samples. */
  readonly algorithm?: SignatureAlgorithm;
}

const ASSERTION_XPATH = `/*[local-name(.)='Assertion' and namespace-uri(.)='${SAML2_NS}']`;
const ISSUER_XPATH = `${ASSERTION_XPATH}/*[local-name(.)='Issuer' and namespace-uri(.)='${SAML2_NS}']`;

/** The VIHF Issuer for a signing certificate: its subject as an RFC 2253 X509SubjectName. */
export function vihfIssuerOf(certificateDer: Uint8Array): string {
  try {
    return rfc2253Name(parseCertificate(certificateDer).subject);
  } catch (error) {
    throw vihfError(
      'VIHF_CERTIFICATE_INVALID',
      "Le certificat de signature fourni n'est pas un certificat X.509 lisible.",
      {},
      error,
    );
  }
}

/**
 * Signs an assertion produced by `buildVihfAssertion` (the assertion must be the document element).
 * Resolves to the signed assertion text. The signer's own typed errors (PIN, card removed…) pass
 * through unchanged; anything else becomes VIHF_SIGNER_FAILED.
 */
export async function signVihfAssertion(
  assertionXml: string,
  signer: XmlSigner,
  options: VihfSignOptions = {},
): Promise<string> {
  const algorithm = options.algorithm ?? 'rsa-sha256';
  const signatureUri = SIGNATURE_METHOD_URI[algorithm];
  const record: PortSignatureRecord = {};
  const sig = new SignedXml({
    privateKey: EXTERNAL_KEY_PLACEHOLDER,
    publicCert: certificateToPem(signer.certificateDer),
    canonicalizationAlgorithm: EXC_C14N,
    signatureAlgorithm: signatureUri,
  });
  sig.SignatureAlgorithms = { [signatureUri]: portSignatureAlgorithm(signer, algorithm, record) };
  sig.addReference({
    xpath: ASSERTION_XPATH,
    transforms: [ENVELOPED_SIGNATURE, EXC_C14N],
    digestAlgorithm: DIGEST_METHOD_URI[DIGEST_OF_SIGNATURE[algorithm]],
  });
  try {
    await new Promise<void>((resolve, reject) => {
      sig.computeSignature(
        assertionXml,
        { location: { reference: ISSUER_XPATH, action: 'after' } },
        (error) => (error ? reject(error) : resolve()),
      );
    });
  } catch (error) {
    const cause = record.error ?? error;
    if (isNavetteError(cause)) throw cause;
    throw vihfError(
      'VIHF_SIGNER_FAILED',
      `La signature du jeton VIHF a échoué : ${cause instanceof Error ? cause.message : String(cause)}`,
      { algorithm },
      cause,
    );
  }
  return sig.getSignedXml();
}

/** Builds and signs a VIHF; the Issuer defaults to the signer certificate's subject. */
export async function buildSignedVihf(
  input: VihfInput,
  signer: XmlSigner,
  options: VihfSignOptions = {},
): Promise<string> {
  const issuer = input.issuer ?? vihfIssuerOf(signer.certificateDer);
  return signVihfAssertion(buildVihfAssertion({ ...input, issuer }), signer, options);
}
