/**
 * The signer port: what the VIHF and the lot signature (src/protocol/saml, src/protocol/dsig) need
 * from whoever holds the signature key — the CPS card over PKCS#11, the structure's PKCS#12
 * (indirect mode), or the file-backed virtual test card (demo only).
 *
 * Asynchronous because a real card takes 100–500 ms per signature and runs in another process.
 * `data` is the exact byte string to sign (the canonicalised SignedInfo); the implementation hashes
 * it with the algorithm's digest and produces a PKCS#1 v1.5 RSA signature.
 */
export type SignatureAlgorithm = 'rsa-sha256' | 'rsa-sha1';

export interface XmlSigner {
  /** DER of the certificate of the signing key (goes into KeyInfo and XAdES SigningCertificate). */
  readonly certificateDer: Uint8Array;
  sign(data: Uint8Array, algorithm: SignatureAlgorithm): Promise<Uint8Array>;
}
