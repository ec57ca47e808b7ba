// PKCS#1 v1.5 inputs: the DigestInfo of the raw-RSA fallback gives the very signature the
// combined mechanism gives (checked with node:crypto), and the plan picks the right mechanism.
import { constants, createHash, generateKeyPairSync, privateEncrypt, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { digestInfo, planSignature } from '../../../src/card/index.js';
import { CKM } from '../../../src/card/pkcs11/pkcs11Constants.js';

const DATA = Buffer.from('SignedInfo canonicalisé');
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

describe('digestInfo', () => {
  it('is the DER DigestInfo that RSA PKCS#1 v1.5 signs, for SHA-256 and SHA-1', () => {
    for (const [algorithm, hash] of [
      ['rsa-sha256', 'sha256'],
      ['rsa-sha1', 'sha1'],
    ] as const) {
      const info = digestInfo(algorithm, DATA);
      expect(info.subarray(-createHash(hash).digest().length)).toEqual(
        createHash(hash).update(DATA).digest(),
      );
      const raw = privateEncrypt({ key: privateKey, padding: constants.RSA_PKCS1_PADDING }, info);
      expect(raw).toEqual(sign(hash, DATA, privateKey));
    }
  });
});

describe('planSignature', () => {
  const all = [CKM.RSA_PKCS, CKM.SHA1_RSA_PKCS, CKM.SHA256_RSA_PKCS];

  it('prefers the combined hash-and-sign mechanism', () => {
    expect(planSignature('rsa-sha256', DATA, all)).toMatchObject({
      mechanism: CKM.SHA256_RSA_PKCS,
      fallback: false,
    });
    expect(planSignature('rsa-sha1', DATA, all)).toMatchObject({
      mechanism: CKM.SHA1_RSA_PKCS,
      fallback: false,
    });
    expect(Buffer.from(planSignature('rsa-sha256', DATA, all)?.input ?? [])).toEqual(DATA);
  });

  it('falls back to CKM_RSA_PKCS over the DigestInfo when forced or when the card lacks it', () => {
    const forced = planSignature('rsa-sha256', DATA, all, true);
    expect(forced).toMatchObject({ mechanism: CKM.RSA_PKCS, fallback: true });
    expect(Buffer.from(forced?.input ?? [])).toEqual(digestInfo('rsa-sha256', DATA));
    expect(planSignature('rsa-sha1', DATA, [CKM.RSA_PKCS, CKM.SHA256_RSA_PKCS])).toMatchObject({
      mechanism: CKM.RSA_PKCS,
    });
  });

  it('has no plan when the card offers neither', () => {
    expect(planSignature('rsa-sha1', DATA, [CKM.SHA256_RSA_PKCS])).toBeNull();
    expect(planSignature('rsa-sha256', DATA, [], true)).toBeNull();
  });
});
