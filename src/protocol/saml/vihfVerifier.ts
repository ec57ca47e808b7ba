// Verifies a signed VIHF, alone or inside a larger document (the SOAP envelope's wsse:Security):
// - exactly one saml2:Assertion, carrying exactly one ds:Signature as a direct child;
// - SignedInfo: exclusive C14N, RSA-SHA1 or RSA-SHA256, ONE Reference whose URI is `#` + this
//   assertion's ID, transforms enveloped-signature (+ exclusive C14N), SHA-1 or SHA-256 digest;
//   the ID must be unique in the document. Together these rule out signature wrapping: the
//   signed element is the assertion we read;
// - digest and signature value checked by xml-crypto against the certificate in KeyInfo;
// - the assertion is then READ FROM THE BYTES THE SIGNATURE COVERS (xml-crypto's signed
//   reference), never from the original tree.
// Trust in the certificate (issuer, key usage, signature vs authentication key, validity) is the
// caller's policy: the DER is returned for that.
import type { SignatureAlgorithm } from '../../domain/ports/XmlSigner.js';
import {
  C14N,
  DSIG_NS,
  ENVELOPED_SIGNATURE,
  EXC_C14N,
  digestOfUri,
  signatureAlgorithmOfUri,
  type DigestName,
} from '../dsig/algorithms.js';
import { certificateToPem, parseCertificate } from '../dsig/certificates.js';
import {
  childElements,
  descendantElements,
  elementText,
  elementsWithId,
  parseDom,
} from '../dsig/dom.js';
import { asCryptoNode, verifyingSignedXml } from '../dsig/xmlCryptoBridge.js';
import { decodeXml } from '../xml/decode.js';
import { SAML2_NS } from './vihfConstants.js';
import { parseVihf } from './vihfParser.js';
import type { VihfAssertion } from './vihfTypes.js';
import { vihfError } from './VihfError.js';

export interface VerifiedVihf {
  readonly assertion: VihfAssertion;
  /** DER of the certificate that verified the signature (from KeyInfo), for the caller's policy. */
  readonly signerCertificateDer: Uint8Array;
  readonly signatureAlgorithm: SignatureAlgorithm;
  readonly digestAlgorithm: DigestName;
  /** The canonical XML the signature covers (the assertion without its Signature). */
  readonly signedXml: string;
}

function fail(
  code: string,
  message: string,
  details: Readonly<Record<string, unknown>> = {},
): never {
  throw vihfError(code, message, details);
}

function failDom(
  kind: 'MALFORMED' | 'TOO_LARGE',
  message: string,
  details?: Readonly<Record<string, unknown>>,
): never {
  throw vihfError(`VIHF_${kind}`, `Jeton VIHF illisible : ${message}`, details ?? {});
}

function algorithmOf(parent: Parameters<typeof childElements>[0], localName: string): string {
  return childElements(parent, DSIG_NS, localName)[0]?.getAttribute('Algorithm') ?? '';
}

/** Verifies the VIHF in `xml` (bytes in any encoding the samples use, or text). Throws VihfError. */
export function verifyVihf(xml: string | Uint8Array): VerifiedVihf {
  const text = typeof xml === 'string' ? xml : decodeXml(xml);
  const doc = parseDom(text, failDom);
  const assertions = descendantElements(doc, SAML2_NS, 'Assertion');
  if (assertions.length === 0)
    fail('VIHF_NOT_FOUND', 'Aucun jeton VIHF (assertion SAML 2.0) dans le message.');
  if (assertions.length > 1) {
    fail(
      'VIHF_AMBIGUOUS',
      'Le message contient plusieurs assertions SAML : un seul jeton VIHF est attendu.',
      {
        count: assertions.length,
      },
    );
  }
  const assertion = assertions[0] as (typeof assertions)[number];
  const id = assertion.getAttribute('ID');
  if (!id) {
    fail(
      'VIHF_ATTRIBUTE_MISSING',
      "Jeton VIHF incomplet : l'attribut « ID » de l'assertion est absent.",
      {
        attribute: 'ID',
      },
    );
  }
  const signatures = childElements(assertion, DSIG_NS, 'Signature');
  if (signatures.length === 0) fail('VIHF_UNSIGNED', "Le jeton VIHF n'est pas signé.");
  if (signatures.length > 1)
    fail('VIHF_SIGNATURE_MALFORMED', 'Le jeton VIHF porte plusieurs signatures.');
  const signature = signatures[0] as (typeof signatures)[number];
  const signedInfos = childElements(signature, DSIG_NS, 'SignedInfo');
  if (signedInfos.length !== 1)
    fail('VIHF_SIGNATURE_MALFORMED', 'La signature du jeton VIHF est mal formée (SignedInfo).');
  const signedInfo = signedInfos[0] as (typeof signedInfos)[number];

  const c14n = algorithmOf(signedInfo, 'CanonicalizationMethod');
  const signatureAlgorithm = signatureAlgorithmOfUri(algorithmOf(signedInfo, 'SignatureMethod'));
  if (c14n !== EXC_C14N || signatureAlgorithm === undefined) {
    fail(
      'VIHF_SIGNATURE_UNSUPPORTED',
      'La signature du jeton VIHF utilise un algorithme non accepté (attendu : C14N exclusive, RSA-SHA256 ou RSA-SHA1).',
      {
        canonicalization: c14n.slice(0, 100),
        signatureMethod: algorithmOf(signedInfo, 'SignatureMethod').slice(0, 100),
      },
    );
  }
  const references = childElements(signedInfo, DSIG_NS, 'Reference');
  const reference = references[0];
  if (references.length !== 1 || reference?.getAttribute('URI') !== `#${id}`) {
    fail(
      'VIHF_SIGNATURE_REFERENCE_INVALID',
      "La signature du jeton VIHF ne porte pas sur l'assertion elle-même : jeton refusé.",
      { references: references.length },
    );
  }
  if (elementsWithId(doc, id).length !== 1) {
    fail(
      'VIHF_SIGNATURE_REFERENCE_INVALID',
      "L'identifiant de l'assertion VIHF apparaît plusieurs fois : jeton refusé.",
    );
  }
  const transforms = childElements(reference, DSIG_NS, 'Transforms').flatMap((t) =>
    childElements(t, DSIG_NS, 'Transform').map((e) => e.getAttribute('Algorithm') ?? ''),
  );
  const transformsOk =
    transforms[0] === ENVELOPED_SIGNATURE &&
    (transforms.length === 1 || (transforms.length === 2 && transforms[1] === EXC_C14N));
  const digestAlgorithm = digestOfUri(algorithmOf(reference, 'DigestMethod'));
  if (!transformsOk || digestAlgorithm === undefined) {
    fail(
      'VIHF_SIGNATURE_UNSUPPORTED',
      'La signature du jeton VIHF utilise des transformations ou un condensé non acceptés.',
      { transforms: transforms.map((t) => t.slice(0, 100)) },
    );
  }

  const certificates = childElements(signature, DSIG_NS, 'KeyInfo')
    .flatMap((k) => childElements(k, DSIG_NS, 'X509Data'))
    .flatMap((d) => childElements(d, DSIG_NS, 'X509Certificate'));
  if (certificates.length !== 1) {
    fail(
      'VIHF_CERTIFICATE_MISSING',
      'Le jeton VIHF doit contenir exactement un certificat de signature (KeyInfo).',
      {
        count: certificates.length,
      },
    );
  }
  const der = new Uint8Array(
    Buffer.from(elementText(certificates[0]).replace(/\s+/g, ''), 'base64'),
  );
  try {
    parseCertificate(der);
  } catch {
    fail('VIHF_CERTIFICATE_INVALID', "Le certificat contenu dans le jeton VIHF n'est pas lisible.");
  }

  const sx = verifyingSignedXml(certificateToPem(der), [ENVELOPED_SIGNATURE, EXC_C14N, C14N]);
  let valid: boolean;
  try {
    sx.loadSignature(asCryptoNode(signature));
    valid = sx.checkSignature(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (reason.includes('signature value')) {
      fail(
        'VIHF_SIGNATURE_INVALID',
        'La signature du jeton VIHF ne correspond pas à son certificat.',
      );
    }
    if (reason.includes('wrapping')) {
      fail(
        'VIHF_SIGNATURE_REFERENCE_INVALID',
        'Jeton VIHF ambigu (éléments dupliqués) : jeton refusé.',
      );
    }
    fail('VIHF_SIGNATURE_INVALID', 'La signature du jeton VIHF est invalide.', {
      reason: reason.slice(0, 200),
    });
  }
  const signedXml = sx.getSignedReferences()[0];
  if (!valid || signedXml === undefined) {
    fail(
      'VIHF_DIGEST_MISMATCH',
      'Le jeton VIHF a été modifié après sa signature (condensé différent) : jeton refusé.',
      { digestAlgorithm },
    );
  }
  const read = parseVihf(signedXml);
  if (read.id !== id)
    fail(
      'VIHF_SIGNATURE_REFERENCE_INVALID',
      "La signature du jeton VIHF ne porte pas sur l'assertion lue.",
    );
  return {
    assertion: read,
    signerCertificateDer: der,
    signatureAlgorithm,
    digestAlgorithm,
    signedXml,
  };
}
