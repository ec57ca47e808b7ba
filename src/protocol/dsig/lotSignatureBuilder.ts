// Builds the TD2.1 lot signature (IHE DSG detached signature with XAdES 1.1.1 properties),
// mirroring reference/dmp/messages/td2.1-signaturexades.xml element for element:
//   Signature[@Id] / SignedInfo (C14N with comments; References to #IHEManifest typed Manifest and
//   to #S0-SignedProperties typed SignedProperties, no Transforms) / SignatureValue / KeyInfo /
//   Object(Manifest: first `urn:oid:<SubmissionSet uniqueId>` with the zero digest `AA==`, then one
//   `urn:oid:<uniqueId>` Reference per document, digest of its bytes) /
//   Object(SignatureProperties xmlns="": purposeOfSignature) /
//   Object(QualifyingProperties: SigningTime, SigningCertificate, SignaturePolicyImplied, empty
//   SignedDataObjectProperties).
// Two sample quirks are kept on purpose, because the DMP accepted that sample: SignatureProperties
// in no namespace, and CertDigest's DigestMethod/DigestValue in the XAdES namespace (the sample
// leaves them under QualifyingProperties' default namespace).
// xml-crypto cannot write a Reference without Transforms, so the signature is laid out here as a
// template; every canonicalisation (the two referenced elements, then SignedInfo) is xml-crypto's,
// and the RSA signature comes from the signer port.
import { randomUUID } from 'node:crypto';
import { SignedXml, findAncestorNs } from 'xml-crypto';
import { isNavetteError } from '../../domain/errors/NavetteError.js';
import type { SignatureAlgorithm, XmlSigner } from '../../domain/ports/XmlSigner.js';
import { escapeXml } from '../xml/parse.js';
import {
  C14N,
  C14N_WITH_COMMENTS,
  DIGEST_METHOD_URI,
  DIGEST_OF_SIGNATURE,
  DSIG_NS,
  SIGNATURE_METHOD_URI,
  type DigestName,
} from './algorithms.js';
import {
  certificateToBase64,
  digestBase64,
  parseCertificate,
  rfc2253Name,
  serialNumberDecimal,
} from './certificates.js';
import { childElements, elementsWithId, parseDom } from './dom.js';
import {
  MANIFEST_ID,
  MANIFEST_TYPE,
  PURPOSE_OF_SIGNATURE_SOURCE,
  PURPOSE_PROPERTY_ID,
  SIGNED_PROPERTIES_ID,
  SIGNED_PROPERTIES_TYPE_111,
  SUBMISSION_SET_DIGEST,
  URN_OID,
  XADES_111_NS,
} from './lotSignatureConstants.js';
import { lotSignatureError } from './LotSignatureError.js';
import { asCryptoDocument, asCryptoNode } from './xmlCryptoBridge.js';

/** One document of the lot: its XDS uniqueId (an OID) and its exact bytes as sent. */
export interface LotDocument {
  readonly uniqueId: string;
  readonly content: Uint8Array;
}

export interface LotSignatureInput {
  readonly documents: readonly LotDocument[];
  /**
   * The uniqueId of the lot (XDSSubmissionSet.uniqueId). When given, it is listed first in the
   * manifest with the zero digest `AA==`: IHE DSG wants "the SubmissionSet uniqueID with a hash
   * value of 0" and every document except the signature itself (ITI TF-3 Rev 20.0 §5.5.3.1), and
   * the CNAM C# kit, ANS DRIMbox and the official sample put it first.
   */
  readonly submissionSetUniqueId?: string;
  /** Default now. */
  readonly signingTime?: Date;
  /** Signature/@Id; default a random UUID, like the sample. */
  readonly signatureId?: string;
  /** Further certificates (issuing CA, root) listed after the signer's in SigningCertificate. */
  readonly certificateChainDer?: readonly Uint8Array[];
  /** Default 1.2.840.10065.1.12.1.14 (ASTM "Source"), as in the sample. */
  readonly purposeOfSignature?: string;
}

export interface LotSignatureOptions {
  /** Default rsa-sha256 (SHA-256 digests throughout); rsa-sha1 gives the sample's SHA-1. */
  readonly algorithm?: SignatureAlgorithm;
}

const OID = /^[0-2](\.(0|[1-9][0-9]*))+$/;

function invalid(message: string, details: Readonly<Record<string, unknown>> = {}): never {
  throw lotSignatureError(
    'LOT_SIGNATURE_INPUT_INVALID',
    `Signature du lot impossible : ${message}`,
    details,
  );
}

function failDom(_kind: 'MALFORMED' | 'TOO_LARGE', message: string): never {
  // Our own template failed to parse: a programming error, reported as such.
  throw lotSignatureError(
    'LOT_SIGNATURE_MALFORMED',
    `Signature du lot mal construite : ${message}`,
  );
}

function checkInput(input: LotSignatureInput): void {
  if (input.documents.length === 0) invalid('le lot ne contient aucun document.');
  const seen = new Set<string>();
  for (const d of [
    ...input.documents.map((x) => x.uniqueId),
    ...(input.submissionSetUniqueId === undefined ? [] : [input.submissionSetUniqueId]),
  ]) {
    if (!OID.test(d))
      invalid(`l'identifiant unique « ${d.slice(0, 64)} » n'est pas un OID.`, {
        uniqueId: d.slice(0, 64),
      });
    if (seen.has(d))
      invalid(`l'identifiant unique ${d} apparaît deux fois dans le lot.`, { uniqueId: d });
    seen.add(d);
  }
  if (input.signatureId !== undefined && !/^[\w.-]+$/.test(input.signatureId)) {
    invalid("l'identifiant de la signature contient des caractères interdits.");
  }
  if (input.signingTime !== undefined && Number.isNaN(input.signingTime.getTime())) {
    invalid("la date de signature n'est pas valide.");
  }
}

function reference(uri: string, digestUri: string, digest: string, type?: string): string {
  const typeAttr = type === undefined ? '' : ` Type="${type}"`;
  return (
    `<Reference${typeAttr} URI="${escapeXml(uri)}"><DigestMethod Algorithm="${digestUri}"/>` +
    `<DigestValue>${digest}</DigestValue></Reference>`
  );
}

function signingCertificate(ders: readonly Uint8Array[], digest: DigestName): string {
  return ders
    .map((der) => {
      let cert;
      try {
        cert = parseCertificate(der);
      } catch (error) {
        throw lotSignatureError(
          'LOT_SIGNATURE_CERTIFICATE_INVALID',
          "Signature du lot impossible : un certificat fourni n'est pas lisible.",
          {},
          error,
        );
      }
      return (
        `<Cert><CertDigest><DigestMethod Algorithm="${DIGEST_METHOD_URI[digest]}"/>` +
        `<DigestValue>${digestBase64(der, digest)}</DigestValue></CertDigest><IssuerSerial>` +
        `<X509IssuerName xmlns="${DSIG_NS}">${escapeXml(rfc2253Name(cert.issuer))}</X509IssuerName>` +
        `<X509SerialNumber xmlns="${DSIG_NS}">${serialNumberDecimal(cert)}</X509SerialNumber>` +
        `</IssuerSerial></Cert>`
      );
    })
    .join('');
}

/** Canonical form (inclusive C14N, in document context) of the element with this Id. */
function canonicalById(xml: string, id: string, algorithm: string): string {
  const doc = parseDom(xml, failDom);
  const xpath = `//*[@Id='${id}']`;
  const element = elementsWithId(doc, id)[0];
  if (!element)
    throw lotSignatureError('LOT_SIGNATURE_MALFORMED', `Signature du lot mal construite (${id}).`);
  return new SignedXml().getCanonXml([algorithm], asCryptoNode(element), {
    ancestorNamespaces: findAncestorNs(asCryptoDocument(doc), xpath),
  });
}

function canonicalSignedInfo(xml: string): string {
  const doc = parseDom(xml, failDom);
  const signedInfo = doc.documentElement
    ? childElements(doc.documentElement, DSIG_NS, 'SignedInfo')[0]
    : undefined;
  if (!signedInfo)
    throw lotSignatureError(
      'LOT_SIGNATURE_MALFORMED',
      'Signature du lot mal construite (SignedInfo).',
    );
  return new SignedXml().getCanonXml([C14N_WITH_COMMENTS], asCryptoNode(signedInfo), {
    ancestorNamespaces: findAncestorNs(asCryptoDocument(doc), `//*[local-name(.)='SignedInfo']`),
  });
}

/** Builds and signs the lot signature document (UTF-8 text, no XML declaration, like the sample). */
export async function buildLotSignature(
  input: LotSignatureInput,
  signer: XmlSigner,
  options: LotSignatureOptions = {},
): Promise<string> {
  checkInput(input);
  const algorithm = options.algorithm ?? 'rsa-sha256';
  const digest = DIGEST_OF_SIGNATURE[algorithm];
  const digestUri = DIGEST_METHOD_URI[digest];
  const signatureId = input.signatureId ?? randomUUID();
  const signingTime = (input.signingTime ?? new Date()).toISOString();

  const manifest =
    `<Manifest Id="${MANIFEST_ID}">` +
    (input.submissionSetUniqueId === undefined
      ? ''
      : reference(`${URN_OID}${input.submissionSetUniqueId}`, digestUri, SUBMISSION_SET_DIGEST)) +
    input.documents
      .map((d) => reference(`${URN_OID}${d.uniqueId}`, digestUri, digestBase64(d.content, digest)))
      .join('') +
    `</Manifest>`;
  const purpose =
    `<SignatureProperties xmlns=""><SignatureProperty Id="${PURPOSE_PROPERTY_ID}" Target="#${signatureId}">` +
    `${escapeXml(input.purposeOfSignature ?? PURPOSE_OF_SIGNATURE_SOURCE)}</SignatureProperty></SignatureProperties>`;
  const qualifying =
    `<QualifyingProperties xmlns="${XADES_111_NS}" Target="#${signatureId}">` +
    `<SignedProperties Id="${SIGNED_PROPERTIES_ID}"><SignedSignatureProperties>` +
    `<SigningTime>${signingTime}</SigningTime>` +
    `<SigningCertificate>${signingCertificate([signer.certificateDer, ...(input.certificateChainDer ?? [])], digest)}` +
    `</SigningCertificate>` +
    `<SignaturePolicyIdentifier><SignaturePolicyImplied/></SignaturePolicyIdentifier>` +
    `</SignedSignatureProperties><SignedDataObjectProperties></SignedDataObjectProperties>` +
    `</SignedProperties></QualifyingProperties>`;
  const tail =
    `<KeyInfo><X509Data><X509Certificate>${certificateToBase64(signer.certificateDer)}</X509Certificate>` +
    `</X509Data></KeyInfo><Object>${manifest}</Object><Object>${purpose}</Object><Object>${qualifying}</Object>`;

  const render = (
    manifestDigest: string,
    propertiesDigest: string,
    signatureValue: string,
  ): string =>
    `<Signature xmlns="${DSIG_NS}" Id="${signatureId}"><SignedInfo>` +
    `<CanonicalizationMethod Algorithm="${C14N_WITH_COMMENTS}"/>` +
    `<SignatureMethod Algorithm="${SIGNATURE_METHOD_URI[algorithm]}"/>` +
    reference(`#${MANIFEST_ID}`, digestUri, manifestDigest, MANIFEST_TYPE) +
    reference(`#${SIGNED_PROPERTIES_ID}`, digestUri, propertiesDigest, SIGNED_PROPERTIES_TYPE_111) +
    `</SignedInfo><SignatureValue>${signatureValue}</SignatureValue>${tail}</Signature>`;

  // A Reference without Transforms to `#id` digests the element's inclusive C14N (no comments).
  const draft = render('', '', '');
  const manifestDigest = digestBase64(canonicalById(draft, MANIFEST_ID, C14N), digest);
  const propertiesDigest = digestBase64(canonicalById(draft, SIGNED_PROPERTIES_ID, C14N), digest);
  const signedInfo = canonicalSignedInfo(render(manifestDigest, propertiesDigest, ''));

  let signature: Uint8Array;
  try {
    signature = await signer.sign(Buffer.from(signedInfo, 'utf8'), algorithm);
  } catch (error) {
    if (isNavetteError(error)) throw error;
    throw lotSignatureError(
      'LOT_SIGNATURE_SIGNER_FAILED',
      `La signature du lot a échoué : ${error instanceof Error ? error.message : String(error)}`,
      { algorithm },
      error,
    );
  }
  return render(manifestDigest, propertiesDigest, Buffer.from(signature).toString('base64'));
}
