// The headless service's PIN (NAVETTE_PIN) is tried by several parts (sending, consultation,
// import) and again later when a card comes back. A PIN the card refused must never be tried
// again by itself: each try costs one of the card's few, and the next refusal locks it. So a
// refusal is remembered here, per environment object (the service passes one to every part),
// until the service restarts with a corrected value.
import { isNavetteError } from '../../domain/errors/NavetteError.js';

const PIN_REFUSALS = new Set(['CARD_PIN_INCORRECT', 'CARD_PIN_INVALID', 'CARD_PIN_LOCKED']);

const rejected = new WeakMap<object, string>();

/** The card refused the PIN (wrong, badly formed, or the card is locked). */
export function isPinRefusal(error: unknown): boolean {
  return isNavetteError(error) && PIN_REFUSALS.has(error.code);
}

/** Remembers that the card refused `env`'s PIN as it is now. */
export function rememberRefusedServicePin(env: object, pin: string): void {
  rejected.set(env, pin);
}

/** Whether `pin` (the environment's) was refused already: then nobody tries it again. */
export function servicePinRefused(env: object, pin: string | undefined): boolean {
  return pin !== undefined && rejected.get(env) === pin;
}

export const SERVICE_PIN_REFUSED_REASON =
  'La carte a refusé le code PIN donné à Navette (NAVETTE_PIN) : Navette ne le réessaie pas, pour ne pas bloquer la carte. Corrigez-le puis redémarrez Navette, ou saisissez le code dans la fenêtre de Navette.';
