// The XML signer of direct mode: the SIGNATURE key of the professional's card (CKA_ID …10, key
// usage nonRepudiation). The DMP refuses a VIHF signed with the authentication key.
import type { SignatureAlgorithm, XmlSigner } from '../../domain/ports/XmlSigner.js';
import type { CardService, SignOptions } from '../service/CardService.js';
import type { CardHandle } from '../service/cardTypes.js';

export class Pkcs11CardSigner implements XmlSigner {
  readonly kind = 'pkcs11-card';

  private constructor(
    private readonly service: CardService,
    readonly card: CardHandle,
    readonly certificateDer: Uint8Array,
    /** French, for the UI and logs: which card signs. */
    readonly description: string,
  ) {}

  /** Checks the card's signature certificate (present, paired, in date) and builds the signer. */
  static async create(service: CardService, card: CardHandle): Promise<Pkcs11CardSigner> {
    const certificate = await service.usableCertificate(card, 'signature');
    return new Pkcs11CardSigner(
      service,
      card,
      certificate.token.der,
      `Carte « ${card.label} » (clé de signature)`,
    );
  }

  /** Needs the card logged in (CARD_PIN_REQUIRED otherwise); `options.pin` for always-PIN keys. */
  sign(
    data: Uint8Array,
    algorithm: SignatureAlgorithm,
    options: SignOptions = {},
  ): Promise<Uint8Array> {
    return this.service.sign(this.card, 'signature', data, algorithm, options);
  }
}
