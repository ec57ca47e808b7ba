// DEMO ONLY. The file-backed virtual test card: a PKCS#12 holding a test card's two key pairs
// (written by the sandbox's test PKI, labelled like the Cryptolib CPS). It lets `navette serve
// --demo` run without a card reader. It refuses any certificate that is not a TEST one, and
// says "carte virtuelle de TEST" wherever it is described.
import { sign as cryptoSign } from 'node:crypto';
import type { SignatureAlgorithm, XmlSigner } from '../../domain/ports/XmlSigner.js';
import type { CardKind, HolderIdentity } from '../certificates/describeCertificate.js';
import { EKU } from '../certificates/describeCertificate.js';
import { cardErrors } from '../errors/cardErrors.js';
import { HASH_OF } from '../signing/digestInfo.js';
import { checkDates } from './Pkcs12Signer.js';
import { readPkcs12, type Pkcs12KeyPair } from './pkcs12File.js';

export interface VirtualTestCardOptions {
  readonly path: string;
  readonly password: string;
  readonly now?: () => Date;
}

function role(pair: Pkcs12KeyPair): 'authentication' | 'signature' | null {
  if (pair.description.extendedKeyUsage.includes(EKU.clientAuth)) return 'authentication';
  if (pair.description.keyUsage.includes('nonRepudiation')) return 'signature';
  if (pair.localKeyIdHex.endsWith('20')) return 'authentication';
  if (pair.localKeyIdHex.endsWith('10')) return 'signature';
  return null;
}

/** The signature key of the virtual test card. */
export class VirtualCardSigner implements XmlSigner {
  readonly kind = 'virtual-test-card';
  readonly certificateDer: Uint8Array;

  constructor(
    private readonly pair: Pkcs12KeyPair,
    readonly description: string,
    private readonly now: () => Date,
  ) {
    this.certificateDer = pair.certificateDer;
  }

  sign(data: Uint8Array, algorithm: SignatureAlgorithm): Promise<Uint8Array> {
    try {
      checkDates(this.pair, this.now());
      return Promise.resolve(
        new Uint8Array(cryptoSign(HASH_OF[algorithm], data, this.pair.privateKey)),
      );
    } catch (error: unknown) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }
}

/** A virtual test card read from its PKCS#12: holder, both certificates, the signer. */
export class VirtualTestCard {
  readonly label: string;
  readonly kind: CardKind | null;
  readonly holder: HolderIdentity | null;
  readonly signer: VirtualCardSigner;
  /** For a demo TLS client identity (key and certificate in PEM). */
  readonly authentication: { readonly certificatePem: string; readonly privateKeyPem: string };

  constructor(options: VirtualTestCardOptions) {
    const pairs = readPkcs12(options.path, options.password);
    if (pairs.some((p) => !p.description.test)) throw cardErrors.virtualNotTest(options.path);
    const signature = pairs.find((p) => role(p) === 'signature');
    const authentication = pairs.find((p) => role(p) === 'authentication');
    if (signature === undefined) throw cardErrors.certificateMissing('signature');
    if (authentication === undefined) throw cardErrors.certificateMissing('authentication');
    this.holder = signature.description.holder;
    this.kind = signature.description.cardKind;
    const name = this.holder ? `${this.holder.given ?? ''} ${this.holder.family ?? ''}`.trim() : '';
    this.label = `CARTE VIRTUELLE DE TEST${name ? ` ${name}` : ''}`;
    this.signer = new VirtualCardSigner(
      signature,
      `Carte virtuelle de TEST (démonstration uniquement)${name ? ` : ${name}` : ''}`,
      options.now ?? (() => new Date()),
    );
    this.authentication = {
      certificatePem: authentication.certificatePem,
      privateKeyPem: authentication.privateKeyPem,
    };
  }
}
