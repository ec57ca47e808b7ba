// PKCS#11 return codes → what happened to the card, for operations other than the login (whose
// codes need the token flags: see CardService.login). Codes from TECH-NOTES §1 and PKCS#11 2.40.
import { cardErrors } from '../errors/cardErrors.js';
import { isPkcs11CallError } from '../errors/Pkcs11CallError.js';
import { CKR } from '../pkcs11/pkcs11Constants.js';

/** The card is gone: pulled out, reader reset, or its session invalidated by a removal. */
export const CARD_GONE_CODES: readonly number[] = [
  CKR.DEVICE_REMOVED,
  CKR.TOKEN_NOT_PRESENT,
  CKR.TOKEN_NOT_RECOGNIZED,
  CKR.SESSION_HANDLE_INVALID,
  CKR.SESSION_CLOSED,
  CKR.SLOT_ID_INVALID,
];

export function isCardGone(error: unknown): boolean {
  return isPkcs11CallError(error, ...CARD_GONE_CODES);
}

/** Maps what a signing (or reading) call threw; anything not understood is returned unchanged. */
export function signingFailure(error: unknown, algorithm: string): unknown {
  if (isCardGone(error)) return cardErrors.removed();
  if (isPkcs11CallError(error, CKR.USER_NOT_LOGGED_IN)) return cardErrors.pinRequired();
  if (isPkcs11CallError(error, CKR.PIN_LOCKED)) return cardErrors.pinLocked();
  if (isPkcs11CallError(error, CKR.PIN_INCORRECT)) return cardErrors.pinIncorrect(null, false);
  if (isPkcs11CallError(error, CKR.MECHANISM_INVALID))
    return cardErrors.mechanismUnsupported(algorithm);
  return error;
}
