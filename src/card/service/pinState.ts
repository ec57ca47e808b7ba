// The PIN state a card reports through its token flags. PKCS#11 gives no counter: COUNT_LOW
// means "some wrong tries were made", FINAL_TRY "one try left", LOCKED "no try left". Whether a
// module sets them is the module's choice (SoftHSM 2.6.1 sets COUNT_LOW only and never locks).
import { TOKEN_FLAGS } from '../pkcs11/pkcs11Constants.js';

export interface PinState {
  readonly initialized: boolean;
  readonly countLow: boolean;
  readonly finalTry: boolean;
  readonly locked: boolean;
  readonly toBeChanged: boolean;
  /** 1 on the final try, 0 when locked, null when the card does not say. */
  readonly triesLeft: number | null;
  /** A PIN pad on the reader: the PIN is typed there, not in Navette. */
  readonly protectedAuthenticationPath: boolean;
}

export function pinStateFromFlags(flags: number): PinState {
  const has = (flag: number): boolean => (flags & flag) !== 0;
  const locked = has(TOKEN_FLAGS.USER_PIN_LOCKED);
  const finalTry = !locked && has(TOKEN_FLAGS.USER_PIN_FINAL_TRY);
  return {
    initialized: has(TOKEN_FLAGS.USER_PIN_INITIALIZED),
    countLow: has(TOKEN_FLAGS.USER_PIN_COUNT_LOW),
    finalTry,
    locked,
    toBeChanged: has(TOKEN_FLAGS.USER_PIN_TO_BE_CHANGED),
    triesLeft: locked ? 0 : finalTry ? 1 : null,
    protectedAuthenticationPath: has(TOKEN_FLAGS.PROTECTED_AUTHENTICATION_PATH),
  };
}
