// Reads the signed parts of a lot signature, from the canonical XML the signature covers: the
// manifest (the lot's SubmissionSet and its documents, by urn:oid, with their digests) and the XAdES signed properties (signing time,
// signing certificate references, policy). Also checks SigningCertificate against KeyInfo.
import { timingSafeEqual } from 'node:crypto';
import { parseXml } from '../xml/parse.js';
import { digestOfUri } from './algorithms.js';
import {
  digestBase64,
  normalizeDistinguishedName,
  parseCertificate,
  rfc2253Name,
  serialNumberDecimal,
} from './certificates.js';
import { URN_OID } from './lotSignatureConstants.js';
import { lotSignatureError } from './LotSignatureError.js';
import type { LotManifestReference, LotSigningCertificateReference } from './lotSignatureTypes.js';
import { asList, asTree, attrOf, textOf } from './tree.js';

function unsupported(message: string, details: Readonly<Record<string, unknown>> = {}): never {
  throw lotSignatureError('LOT_SIGNATURE_UNSUPPORTED', message, details);
}

function structure(message: string, details: Readonly<Record<string, unknown>> = {}): never {
  throw lotSignatureError(
    'LOT_SIGNATURE_STRUCTURE_INVALID',
    `Signature du lot non conforme : ${message}`,
    details,
  );
}

export function readManifest(canonicalXml: string): LotManifestReference[] {
  const tree = parseXml(canonicalXml, { arrays: ['Reference', 'Transform'] });
  const references = asList(asTree(tree.Manifest)?.Reference);
  if (references.length === 0) structure('le manifeste ne liste aucun document.');
  const seen = new Set<string>();
  return references.map((r) => {
    const uri = attrOf(r, 'URI') ?? '';
    if (!uri.startsWith(URN_OID) || uri.length === URN_OID.length) {
      structure('une entrée du manifeste ne désigne ni le lot ni un document par urn:oid.', {
        uri: uri.slice(0, 100),
      });
    }
    const uniqueId = uri.slice(URN_OID.length);
    if (seen.has(uniqueId))
      structure(`l'identifiant ${uniqueId} apparaît deux fois dans le manifeste.`, { uniqueId });
    seen.add(uniqueId);
    const node = asTree(r);
    const digestAlgorithm = digestOfUri(attrOf(node?.DigestMethod, 'Algorithm') ?? '');
    if (digestAlgorithm === undefined) {
      unsupported('Le manifeste de la signature du lot utilise un condensé non accepté.', {
        uniqueId,
      });
    }
    const transforms = asList(asTree(node?.Transforms)?.Transform).map(
      (t) => attrOf(t, 'Algorithm') ?? '',
    );
    return {
      uniqueId,
      digestAlgorithm,
      digestValue: (textOf(node?.DigestValue) ?? '').replace(/\s+/g, ''),
      transforms,
    };
  });
}

export interface SignedPropertiesRead {
  readonly signingTime: string;
  readonly signingCertificates: LotSigningCertificateReference[];
  readonly signaturePolicyImplied: boolean;
}

export function readSignedProperties(canonicalXml: string): SignedPropertiesRead {
  const tree = parseXml(canonicalXml, { arrays: ['Cert'] });
  const signed = asTree(asTree(tree.SignedProperties)?.SignedSignatureProperties);
  const signingTime = textOf(signed?.SigningTime) ?? '';
  if (signingTime === '') structure("l'heure de signature (SigningTime) est absente.");
  const certs = asList(asTree(signed?.SigningCertificate)?.Cert).map((c) => {
    const cert = asTree(c);
    const digest = asTree(cert?.CertDigest);
    const serial = asTree(cert?.IssuerSerial);
    const digestAlgorithm = digestOfUri(attrOf(digest?.DigestMethod, 'Algorithm') ?? '');
    if (digestAlgorithm === undefined)
      unsupported('Le certificat signataire est condensé avec un algorithme non accepté.');
    return {
      digestAlgorithm,
      digestValue: (textOf(digest?.DigestValue) ?? '').replace(/\s+/g, ''),
      issuerName: (textOf(serial?.X509IssuerName) ?? '').trim(),
      serialNumber: (textOf(serial?.X509SerialNumber) ?? '').trim(),
    };
  });
  if (certs.length === 0) structure('le certificat signataire (SigningCertificate) est absent.');
  const policy = asTree(signed?.SignaturePolicyIdentifier);
  return {
    signingTime,
    signingCertificates: certs,
    signaturePolicyImplied: policy !== undefined && 'SignaturePolicyImplied' in policy,
  };
}

/** Constant-time comparison of two base64 digests. */
export function sameDigest(a: string, b: string): boolean {
  const x = Buffer.from(a, 'base64');
  const y = Buffer.from(b, 'base64');
  return x.length > 0 && x.length === y.length && timingSafeEqual(x, y);
}

function mismatch(what: string): never {
  throw lotSignatureError(
    'LOT_SIGNATURE_SIGNING_CERTIFICATE_MISMATCH',
    `Le certificat signataire déclaré (XAdES) ne correspond pas au certificat de la signature : ${what}.`,
    { field: what },
  );
}

/** The XAdES SigningCertificate must list the KeyInfo certificate: digest, issuer and serial. */
export function checkSigningCertificate(
  refs: readonly LotSigningCertificateReference[],
  der: Uint8Array,
): void {
  const cert = parseCertificate(der);
  const match = refs.find((r) => sameDigest(digestBase64(der, r.digestAlgorithm), r.digestValue));
  if (!match) mismatch('condensé');
  if (match.serialNumber !== serialNumberDecimal(cert)) mismatch('numéro de série');
  if (
    normalizeDistinguishedName(match.issuerName) !==
    normalizeDistinguishedName(rfc2253Name(cert.issuer))
  ) {
    mismatch('émetteur');
  }
}
