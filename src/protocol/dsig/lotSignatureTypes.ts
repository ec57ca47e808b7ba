// What the lot signature verifier returns.
import type { SignatureAlgorithm } from '../../domain/ports/XmlSigner.js';
import type { DigestName } from './algorithms.js';

/** One manifest Reference: a lot document by uniqueId, and the digest the signer computed. */
export interface LotManifestReference {
  readonly uniqueId: string;
  readonly digestAlgorithm: DigestName;
  /** Base64, as written. */
  readonly digestValue: string;
  /** Transform algorithms applied before digesting (none: the raw bytes). */
  readonly transforms: readonly string[];
}

/** One XAdES SigningCertificate/Cert entry. */
export interface LotSigningCertificateReference {
  readonly digestAlgorithm: DigestName;
  readonly digestValue: string;
  readonly issuerName: string;
  /** Decimal, as written. */
  readonly serialNumber: string;
}

export interface VerifiedLotSignature {
  /** Signature/@Id ('' when absent). */
  readonly signatureId: string;
  readonly signatureAlgorithm: SignatureAlgorithm;
  /** DER of the KeyInfo certificate that verified the signature, for the caller's policy. */
  readonly signerCertificateDer: Uint8Array;
  /** XAdES SigningTime, as written (signed). */
  readonly signingTime: string;
  /** The manifest, as signed. */
  readonly manifest: readonly LotManifestReference[];
  readonly signingCertificates: readonly LotSigningCertificateReference[];
  readonly signaturePolicyImplied: boolean;
  /** SignatureProperty purposeOfSignature. NOT covered by the signature (the sample's layout). */
  readonly purposeOfSignature?: string;
}
