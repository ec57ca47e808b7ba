// Token flags → PIN state, and the worker restart delays.
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_BACKOFF,
  cardErrors,
  pinStateFromFlags,
  restartDelayMs,
} from '../../../src/card/index.js';
import { TOKEN_FLAGS } from '../../../src/card/pkcs11/pkcs11Constants.js';

describe('pinStateFromFlags', () => {
  it('reads COUNT_LOW, FINAL_TRY and LOCKED into tries left', () => {
    expect(pinStateFromFlags(TOKEN_FLAGS.USER_PIN_INITIALIZED)).toMatchObject({
      initialized: true,
      countLow: false,
      finalTry: false,
      locked: false,
      triesLeft: null,
    });
    expect(pinStateFromFlags(TOKEN_FLAGS.USER_PIN_COUNT_LOW)).toMatchObject({
      countLow: true,
      triesLeft: null,
    });
    expect(
      pinStateFromFlags(TOKEN_FLAGS.USER_PIN_COUNT_LOW | TOKEN_FLAGS.USER_PIN_FINAL_TRY),
    ).toMatchObject({
      finalTry: true,
      triesLeft: 1,
    });
    // LOCKED wins over a stale FINAL_TRY.
    expect(
      pinStateFromFlags(TOKEN_FLAGS.USER_PIN_FINAL_TRY | TOKEN_FLAGS.USER_PIN_LOCKED),
    ).toMatchObject({
      finalTry: false,
      locked: true,
      triesLeft: 0,
    });
    expect(
      pinStateFromFlags(TOKEN_FLAGS.PROTECTED_AUTHENTICATION_PATH).protectedAuthenticationPath,
    ).toBe(true);
  });

  it('words the tries left in French', () => {
    expect(cardErrors.pinIncorrect(1, true).message).toBe(
      'Code porteur incorrect. Attention : il ne reste qu’un seul essai avant le blocage de la carte.',
    );
    expect(cardErrors.pinIncorrect(2, true).message).toContain('Il reste 2 essais');
    expect(cardErrors.pinIncorrect(null, false).message).toBe('Code porteur incorrect.');
  });
});

describe('restartDelayMs', () => {
  it('doubles from 250 ms up to 30 s', () => {
    const delays = [1, 2, 3, 4, 10, 20].map((n) => restartDelayMs(DEFAULT_BACKOFF, n));
    expect(delays).toEqual([250, 500, 1000, 2000, 30_000, 30_000]);
    expect(restartDelayMs(DEFAULT_BACKOFF, 0)).toBe(0);
  });
});
