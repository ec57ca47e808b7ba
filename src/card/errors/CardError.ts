import { NavetteError } from '../../domain/index.js';

/** Every failure of the card layer Navette reports on purpose (docs/card.md has the table). */
export type CardErrorCode =
  | 'CARD_MODULE_MISSING'
  | 'CARD_MODULE_LOAD_FAILED'
  | 'CARD_NO_READER'
  | 'CARD_ABSENT'
  | 'CARD_NOT_FOUND'
  | 'CARD_AMBIGUOUS'
  | 'CARD_REMOVED'
  | 'CARD_CHANGED'
  | 'CARD_PIN_REQUIRED'
  | 'CARD_PIN_INCORRECT'
  | 'CARD_PIN_LOCKED'
  | 'CARD_PIN_INVALID'
  | 'CARD_PIN_NOT_INITIALIZED'
  | 'CARD_CERTIFICATE_MISSING'
  | 'CARD_CERTIFICATE_EXPIRED'
  | 'CARD_CERTIFICATE_NOT_YET_VALID'
  | 'CARD_KEY_MISSING'
  | 'CARD_MECHANISM_UNSUPPORTED'
  | 'CARD_SIGNATURE_INVALID'
  | 'CARD_WORKER_CRASHED'
  | 'CARD_WORKER_TIMEOUT'
  | 'CARD_WORKER_CLOSED'
  | 'CARD_WORKER_MISSING'
  | 'CARD_PKCS11_ERROR'
  | 'CARD_P12_UNREADABLE'
  | 'CARD_P12_PASSWORD'
  | 'CARD_VIRTUAL_NOT_TEST';

/** A typed card failure: stable `code`, French `message`, non-identifying `details` (never a PIN). */
export class CardError extends NavetteError {
  override readonly name: string = 'CardError';
  declare readonly code: CardErrorCode;

  constructor(
    code: CardErrorCode,
    message: string,
    details: Readonly<Record<string, unknown>> = {},
    options?: { cause?: unknown },
  ) {
    super(code, message, details, options);
  }
}

export function isCardError(value: unknown, code?: CardErrorCode): value is CardError {
  return value instanceof CardError && (code === undefined || value.code === code);
}
