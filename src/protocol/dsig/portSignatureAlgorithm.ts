// Bridges xml-crypto to the signer port. xml-crypto computes the canonical SignedInfo and asks a
// registered "signature algorithm" class for the SignatureValue; with a callback it accepts the
// answer asynchronously (TECH-NOTES §3). We register a class whose getSignature hands the exact
// canonical bytes to `XmlSigner.sign`, so the private key never has to be in this process (CPS
// card over PKCS#11, structure certificate, virtual test card).
import type { BinaryLike, KeyLike } from 'node:crypto';
import type {
  ErrorFirstCallback,
  SignatureAlgorithm as XmlCryptoSignatureAlgorithm,
} from 'xml-crypto';
import type { SignatureAlgorithm, XmlSigner } from '../../domain/ports/XmlSigner.js';
import { SIGNATURE_METHOD_URI } from './algorithms.js';

/**
 * xml-crypto refuses to sign without a `privateKey`; it only passes it through to the algorithm
 * class, which ignores it. Any non-empty placeholder does.
 */
export const EXTERNAL_KEY_PLACEHOLDER = 'navette:external-signer';

function toBytes(data: BinaryLike): Uint8Array {
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  if (data instanceof DataView)
    return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** What the port was asked to sign, and what it answered (for tests and diagnostics). */
export interface PortSignatureRecord {
  signedInfo?: Uint8Array;
  error?: unknown;
}

/**
 * A class to register under `SignedXml.SignatureAlgorithms[uri]`: signs through the port, in the
 * asynchronous form only (the synchronous one cannot wait for a card). `record` receives the bytes
 * and any failure so the caller can rethrow the port's own typed error unchanged.
 */
export function portSignatureAlgorithm(
  signer: XmlSigner,
  algorithm: SignatureAlgorithm,
  record: PortSignatureRecord,
): new () => XmlCryptoSignatureAlgorithm {
  const uri = SIGNATURE_METHOD_URI[algorithm];
  return class PortSignatureAlgorithm implements XmlCryptoSignatureAlgorithm {
    getSignature(signedInfo: BinaryLike, _key: KeyLike): string;
    getSignature(
      signedInfo: BinaryLike,
      _key: KeyLike,
      callback?: ErrorFirstCallback<string>,
    ): void;
    getSignature(
      signedInfo: BinaryLike,
      _key: KeyLike,
      callback?: ErrorFirstCallback<string>,
    ): string | void {
      if (!callback) {
        throw new Error('The signer port is asynchronous: call computeSignature with a callback.');
      }
      const bytes = toBytes(signedInfo);
      record.signedInfo = bytes;
      signer.sign(bytes, algorithm).then(
        (signature) => callback(null, Buffer.from(signature).toString('base64')),
        (error: unknown) => {
          record.error = error;
          callback(error instanceof Error ? error : new Error(String(error)));
        },
      );
    }

    verifySignature(): boolean {
      throw new Error('The signer port signs only; verification uses the embedded certificate.');
    }

    getAlgorithmName(): string {
      return uri;
    }
  };
}
