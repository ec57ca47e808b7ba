// Verifies a TD2.1 lot signature (IHE DSG detached signature + XAdES), in two layers:
// - `verifyLotSignedInfo`: the signature itself. The document element is ds:Signature; SignedInfo
//   has exactly two References, one to a ds:Manifest and one to a XAdES SignedProperties, both
//   inside this signature's ds:Object children and with unique ids; xml-crypto checks both digests
//   and the signature value against the KeyInfo certificate; then the XAdES SigningCertificate
//   must designate that certificate (digest, issuer, serial). Manifest and SignedProperties are
//   read FROM THE CANONICAL BYTES THE SIGNATURE COVERS, never from the original tree. This is what
//   xmlsec1 checks with --ignore-manifests, and all that can be checked without the documents.
// - `verifyLotSignature`: the above, plus every manifest digest recomputed over the documents the
//   caller received (uniqueId → bytes), and every received document covered by the manifest. When
//   told the lot's SubmissionSet uniqueId, the manifest must name it with the zero digest (IHE DSG,
//   ITI TF-3 Rev 20.0 §5.5.3.1), and that entry alone is not a document.
import { SignedXml } from 'xml-crypto';
import { decodeXml } from '../xml/decode.js';
import { C14N, C14N_WITH_COMMENTS, EXC_C14N, EXC_C14N_WITH_COMMENTS } from './algorithms.js';
import { digestBase64 } from './certificates.js';
import { parseDom } from './dom.js';
import { lotSignatureError } from './LotSignatureError.js';
import { asCryptoNode, verifyingSignedXml } from './xmlCryptoBridge.js';
import { readSignatureStructure } from './lotSignatureStructure.js';
import {
  checkSigningCertificate,
  readManifest,
  readSignedProperties,
  sameDigest,
} from './lotSignatureContent.js';
import type { LotManifestReference, VerifiedLotSignature } from './lotSignatureTypes.js';

const CANONICALIZATIONS = [C14N, C14N_WITH_COMMENTS, EXC_C14N, EXC_C14N_WITH_COMMENTS] as const;

function fail(
  code: string,
  message: string,
  details: Readonly<Record<string, unknown>> = {},
): never {
  throw lotSignatureError(code, message, details);
}

/** Verifies the signature, its two signed references and the XAdES signing certificate. */
export function verifyLotSignedInfo(xml: string | Uint8Array): VerifiedLotSignature {
  const text = typeof xml === 'string' ? xml : decodeXml(xml);
  const doc = parseDom(text, (kind, message, details) =>
    fail(`LOT_SIGNATURE_${kind}`, `Signature du lot illisible : ${message}`, details ?? {}),
  );
  const structure = readSignatureStructure(doc, CANONICALIZATIONS);

  const sx = verifyingSignedXml(structure.certificatePem, CANONICALIZATIONS);
  let valid: boolean;
  try {
    sx.loadSignature(asCryptoNode(structure.signature));
    valid = sx.checkSignature(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (reason.includes('signature value')) {
      fail('LOT_SIGNATURE_INVALID', 'La signature du lot ne correspond pas à son certificat.');
    }
    fail('LOT_SIGNATURE_INVALID', 'La signature du lot est invalide.', {
      reason: reason.slice(0, 200),
    });
  }
  const signed = new Map(sx.getReferences().map((r) => [r.uri, r.signedReference]));
  const manifestXml = signed.get(`#${structure.manifestId}`);
  const propertiesXml = signed.get(`#${structure.signedPropertiesId}`);
  if (!valid || manifestXml === undefined || propertiesXml === undefined) {
    const failed = sx
      .getReferences()
      .filter((r) => r.validationError !== undefined)
      .map((r) => r.uri);
    fail(
      'LOT_SIGNATURE_DIGEST_MISMATCH',
      'La signature du lot a été modifiée après signature (manifeste ou propriétés signées) : refusée.',
      { references: failed },
    );
  }

  const manifest = readManifest(manifestXml);
  const properties = readSignedProperties(propertiesXml);
  checkSigningCertificate(properties.signingCertificates, structure.certificateDer);
  return {
    signatureId: structure.signatureId,
    signatureAlgorithm: structure.signatureAlgorithm,
    signerCertificateDer: structure.certificateDer,
    signingTime: properties.signingTime,
    manifest,
    signingCertificates: properties.signingCertificates,
    signaturePolicyImplied: properties.signaturePolicyImplied,
    ...(structure.purposeOfSignature === undefined
      ? {}
      : { purposeOfSignature: structure.purposeOfSignature }),
  };
}

export interface LotDocumentsToCheck {
  /** The documents of the lot as received: uniqueId → exact bytes. */
  readonly documents: ReadonlyMap<string, Uint8Array>;
  /**
   * The lot's XDSSubmissionSet.uniqueId. When given, the manifest must name it with the zero
   * digest (`AA==`), and no other entry may carry that digest; without it, every entry is a
   * document.
   */
  readonly submissionSetUniqueId?: string;
}

/** IHE DSG's "hash value of 0": one or more zero bytes (the sample and the C# kit write `AA==`). */
function isZeroDigest(value: string): boolean {
  const bytes = Buffer.from(value, 'base64');
  return bytes.length > 0 && bytes.every((b) => b === 0);
}

/** The zero-digest entry must be the SubmissionSet of the request, and be there. */
function checkSubmissionSetEntry(
  manifest: readonly LotManifestReference[],
  submissionSetUniqueId: string,
): void {
  const zero = manifest.filter((ref) => isZeroDigest(ref.digestValue));
  const other = zero.find((ref) => ref.uniqueId !== submissionSetUniqueId);
  if (other !== undefined || zero.length === 0) {
    fail(
      'LOT_SIGNATURE_SUBMISSION_SET_MISMATCH',
      other === undefined
        ? `Le manifeste de la signature du lot ne désigne pas le lot ${submissionSetUniqueId} (entrée au condensé nul absente).`
        : `Le manifeste de la signature du lot désigne ${other.uniqueId} au lieu du lot ${submissionSetUniqueId} (entrée au condensé nul).`,
      { submissionSetUniqueId, ...(other === undefined ? {} : { uniqueId: other.uniqueId }) },
    );
  }
}

/**
 * The digest of a received document as the manifest entry `ref` defines it: over the raw bytes,
 * or over the canonical form when the entry lists a C14N transform (the official sample does so
 * for its XML document).
 */
export function manifestDigestOf(ref: LotManifestReference, bytes: Uint8Array): string {
  if (ref.transforms.length === 0) return digestBase64(bytes, ref.digestAlgorithm);
  const [transform] = ref.transforms;
  if (
    ref.transforms.length > 1 ||
    !(CANONICALIZATIONS as readonly string[]).includes(transform ?? '')
  ) {
    fail(
      'LOT_SIGNATURE_UNSUPPORTED',
      'Le manifeste de la signature du lot utilise une transformation non prise en charge.',
      {
        uniqueId: ref.uniqueId,
      },
    );
  }
  // An XML document digested after canonicalisation (the sample's CDA reference). The document
  // element is canonicalised: comments or PIs outside it, if any, are not part of the digest.
  const doc = parseDom(decodeXml(bytes), () =>
    fail(
      'LOT_SIGNATURE_DOCUMENT_DIGEST_MISMATCH',
      `Le document ${ref.uniqueId} n'est pas un XML lisible.`,
      {
        uniqueId: ref.uniqueId,
      },
    ),
  );
  const element = doc.documentElement as NonNullable<typeof doc.documentElement>;
  const canonical = new SignedXml().getCanonXml([transform as string], asCryptoNode(element));
  return digestBase64(canonical, ref.digestAlgorithm);
}

/** Verifies the signature AND that the manifest covers exactly these documents, byte for byte. */
export function verifyLotSignature(
  xml: string | Uint8Array,
  check: LotDocumentsToCheck,
): VerifiedLotSignature {
  const verified = verifyLotSignedInfo(xml);
  const lot = check.submissionSetUniqueId;
  if (lot !== undefined) {
    checkSubmissionSetEntry(verified.manifest, lot);
    // Its entry is skipped below: a document may not hide behind the lot's own id.
    if (check.documents.has(lot)) {
      fail(
        'LOT_SIGNATURE_SUBMISSION_SET_MISMATCH',
        `Le document ${lot} porte l'identifiant du lot lui-même.`,
        { submissionSetUniqueId: lot, uniqueId: lot },
      );
    }
  }
  const covered = new Set<string>();
  for (const ref of verified.manifest) {
    covered.add(ref.uniqueId);
    if (ref.uniqueId === lot) continue;
    const bytes = check.documents.get(ref.uniqueId);
    if (bytes === undefined) {
      fail(
        'LOT_SIGNATURE_DOCUMENT_MISSING',
        `La signature du lot porte sur le document ${ref.uniqueId}, absent du lot reçu.`,
        { uniqueId: ref.uniqueId },
      );
    }
    if (!sameDigest(manifestDigestOf(ref, bytes), ref.digestValue)) {
      fail(
        'LOT_SIGNATURE_DOCUMENT_DIGEST_MISMATCH',
        `Le document ${ref.uniqueId} a été modifié après la signature du lot : lot refusé.`,
        { uniqueId: ref.uniqueId, digestAlgorithm: ref.digestAlgorithm },
      );
    }
  }
  for (const uniqueId of check.documents.keys()) {
    if (uniqueId !== lot && !covered.has(uniqueId)) {
      fail(
        'LOT_SIGNATURE_DOCUMENT_NOT_COVERED',
        `Le document ${uniqueId} n'est pas couvert par la signature du lot.`,
        {
          uniqueId,
        },
      );
    }
  }
  return verified;
}
