// PKCS#1 v1.5 signing inputs. With CKM_SHA256_RSA_PKCS / CKM_SHA1_RSA_PKCS the card hashes;
// a card that only offers CKM_RSA_PKCS gets the DER DigestInfo (RFC 8017 §9.2) we build here,
// which yields byte-identical signatures (TECH-NOTES §1).
import { createHash } from 'node:crypto';
import type { SignatureAlgorithm } from '../../domain/ports/XmlSigner.js';
import { CKM } from '../pkcs11/pkcs11Constants.js';

/** DigestInfo prefixes: SEQUENCE { AlgorithmIdentifier { oid, NULL }, OCTET STRING (digest) }. */
const DIGEST_INFO_PREFIX: Readonly<Record<SignatureAlgorithm, Buffer>> = {
  'rsa-sha256': Buffer.from('3031300d060960864801650304020105000420', 'hex'),
  'rsa-sha1': Buffer.from('3021300906052b0e03021a05000414', 'hex'),
};

export const HASH_OF: Readonly<Record<SignatureAlgorithm, 'sha256' | 'sha1'>> = {
  'rsa-sha256': 'sha256',
  'rsa-sha1': 'sha1',
};

const COMBINED_MECHANISM: Readonly<Record<SignatureAlgorithm, number>> = {
  'rsa-sha256': CKM.SHA256_RSA_PKCS,
  'rsa-sha1': CKM.SHA1_RSA_PKCS,
};

export function digestInfo(algorithm: SignatureAlgorithm, data: Uint8Array): Buffer {
  const digest = createHash(HASH_OF[algorithm]).update(data).digest();
  return Buffer.concat([DIGEST_INFO_PREFIX[algorithm], digest]);
}

export interface SigningPlan {
  readonly mechanism: number;
  /** What goes into C_Sign. */
  readonly input: Uint8Array;
  readonly fallback: boolean;
}

/**
 * The combined hash-and-sign mechanism when the card lists it, else raw CKM_RSA_PKCS over the
 * DigestInfo; null when neither is offered. `forceRawRsa` takes the fallback on purpose (tests,
 * and middlewares that list a combined mechanism they do not honour).
 */
export function planSignature(
  algorithm: SignatureAlgorithm,
  data: Uint8Array,
  mechanisms: readonly number[],
  forceRawRsa = false,
): SigningPlan | null {
  const combined = COMBINED_MECHANISM[algorithm];
  if (!forceRawRsa && mechanisms.includes(combined)) {
    return { mechanism: combined, input: data, fallback: false };
  }
  if (mechanisms.includes(CKM.RSA_PKCS)) {
    return { mechanism: CKM.RSA_PKCS, input: digestInfo(algorithm, data), fallback: true };
  }
  return null;
}
