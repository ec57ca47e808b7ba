// The PIN dialog's decisions, without Electron: what the page is told about the card, how a
// card error reads for the user, and the shape a PIN must have to be passed on at all.
import { z } from 'zod';
import type { PinRequest } from '../../app/card/index.js';
import { isNavetteError } from '../../domain/errors/NavetteError.js';
import type { PinPrompt, PinSubmitResult } from './pinContract.js';

/**
 * What the submit channel accepts: one string of printable characters, as long as a PKCS#11
 * PIN may be. zod's issues name the failing path, never the value, so a refusal logs no PIN.
 */
export const PinInputSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[\x20-\x7e]+$/);

/** The French warning for the tries left, or null when there is nothing to warn about. */
export function triesWarning(triesLeft: number | null, countLow: boolean): string | null {
  if (triesLeft === 1) {
    return 'Attention : dernier essai. Un code erroné bloquera la carte.';
  }
  if (triesLeft !== null && triesLeft > 1) {
    return `Il reste ${triesLeft} essais avant le blocage de la carte.`;
  }
  if (countLow) return 'Attention : des codes erronés ont déjà été saisis sur cette carte.';
  return null;
}

export function pinPromptOf(request: PinRequest): PinPrompt {
  return {
    cardLabel: request.label,
    triesLeft: request.pin.triesLeft,
    warning: triesWarning(request.pin.triesLeft, request.pin.countLow),
  };
}

/** Card errors after which the user may type again; any other error closes the dialog. */
const RETRYABLE = new Set(['CARD_PIN_INCORRECT', 'CARD_PIN_INVALID']);

/** The page's answer when login failed with `error`. Only NavetteError messages are shown. */
export function pinFailureOf(error: unknown): PinSubmitResult {
  if (isNavetteError(error) && RETRYABLE.has(error.code)) {
    const tries = error.details['triesLeft'];
    return {
      status: 'retry',
      message: error.message,
      triesLeft: typeof tries === 'number' ? tries : null,
    };
  }
  if (isNavetteError(error)) return { status: 'closed', message: error.message };
  return {
    status: 'closed',
    message:
      "La carte n'a pas pu être déverrouillée à cause d'une erreur inattendue. Retirez la carte, réinsérez-la, puis réessayez.",
  };
}

export const NO_CARD_WAITING_MESSAGE =
  "Aucune carte n'attend de code PIN : la carte est déjà déverrouillée ou a été retirée.";

/** The answer when no card waits for a PIN (already unlocked by someone else, or removed). */
export const NO_CARD_WAITING: PinSubmitResult = {
  status: 'closed',
  message: NO_CARD_WAITING_MESSAGE,
};
