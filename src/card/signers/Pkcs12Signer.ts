// The XML signer of indirect mode: the structure's ORG SIGN certificate, a PKCS#12 file. When
// the file holds several keys (ORG AUTH_CLI and ORG SIGN together), the signing one is chosen
// by label, else by usage: nonRepudiation and no clientAuth.
import { sign as cryptoSign, type KeyObject } from 'node:crypto';
import type { SignatureAlgorithm, XmlSigner } from '../../domain/ports/XmlSigner.js';
import { EKU } from '../certificates/describeCertificate.js';
import { cardErrors } from '../errors/cardErrors.js';
import { HASH_OF } from '../signing/digestInfo.js';
import { readPkcs12, type Pkcs12KeyPair } from './pkcs12File.js';

export interface Pkcs12SignerOptions {
  readonly path: string;
  readonly password: string;
  /** friendlyName of the key to use, when the file holds several. */
  readonly label?: string;
  readonly now?: () => Date;
}

function isSigningPair(pair: Pkcs12KeyPair): boolean {
  return (
    pair.description.keyUsage.includes('nonRepudiation') &&
    !pair.description.extendedKeyUsage.includes(EKU.clientAuth)
  );
}

/** Picks the signing pair of a PKCS#12 (shared with the virtual card). */
export function signingPair(
  pairs: readonly Pkcs12KeyPair[],
  path: string,
  label?: string,
): Pkcs12KeyPair {
  const chosen =
    label !== undefined
      ? pairs.find((p) => p.label === label)
      : pairs.length === 1
        ? pairs[0]
        : pairs.find(isSigningPair);
  if (chosen === undefined)
    throw cardErrors.p12Unreadable(path, 'aucune clé de signature identifiable');
  return chosen;
}

/** Checks the certificate dates like the card path does. */
export function checkDates(pair: Pkcs12KeyPair, now: Date): void {
  const { notBefore, notAfter } = pair.description;
  if (now.getTime() > notAfter.getTime())
    throw cardErrors.certificateExpired('signature', notAfter);
  if (now.getTime() < notBefore.getTime())
    throw cardErrors.certificateNotYetValid('signature', notBefore);
}

export class Pkcs12Signer implements XmlSigner {
  readonly kind = 'pkcs12';
  readonly certificateDer: Uint8Array;
  readonly description: string;
  private readonly key: KeyObject;
  private readonly pair: Pkcs12KeyPair;
  private readonly now: () => Date;

  constructor(options: Pkcs12SignerOptions) {
    this.pair = signingPair(
      readPkcs12(options.path, options.password),
      options.path,
      options.label,
    );
    this.key = this.pair.privateKey;
    this.certificateDer = this.pair.certificateDer;
    this.now = options.now ?? (() => new Date());
    this.description = `Certificat de structure « ${this.pair.description.subject} »`;
  }

  sign(data: Uint8Array, algorithm: SignatureAlgorithm): Promise<Uint8Array> {
    try {
      checkDates(this.pair, this.now());
      return Promise.resolve(new Uint8Array(cryptoSign(HASH_OF[algorithm], data, this.key)));
    } catch (error: unknown) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }
}
