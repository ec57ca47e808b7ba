// What the desktop's PIN dialog asks of the service (src/main/pin: CardUnlocker): the card that
// waits for its PIN, and a login that hands the PIN to the card process and keeps nothing.
// Two cases: the session is open but the card lost its login (removed and inserted again: the
// card gate waits), or no session could open at start (no NAVETTE_PIN): the typed PIN opens it.
import { NavetteError } from '../../domain/errors/NavetteError.js';
import type { PinRequest } from '../card/cardLogin.js';
import type { RunningSending } from '../sending/startSending.js';

export interface ServiceCardUnlocker {
  pinRequest(): Promise<PinRequest | undefined>;
  login(pin: string): Promise<void>;
}

/** No card known yet: what the dialog shows before the session opens. */
const UNKNOWN_CARD: PinRequest = {
  label: 'Carte CPS',
  pin: {
    initialized: true,
    countLow: false,
    finalTry: false,
    locked: false,
    toBeChanged: false,
    triesLeft: null,
    protectedAuthenticationPath: false,
  },
};

export function cardUnlockerOf(
  sending: () => RunningSending | undefined,
  directMode: boolean,
): ServiceCardUnlocker {
  return {
    async pinRequest() {
      const running = sending();
      if (running === undefined || !directMode) return undefined;
      const card = running.session?.card;
      if (card === undefined) return running.session === undefined ? UNKNOWN_CARD : undefined;
      if (card.service.isLoggedIn(card.handle)) return undefined;
      return { label: card.handle.label, pin: await card.service.pinState(card.handle) };
    },
    async login(pin) {
      const running = sending();
      if (running === undefined) return;
      const card = running.session?.card;
      if (card === undefined) {
        // A wrong PIN rejects with the card's error; false: no session for another reason.
        if (!(await running.connect(pin))) {
          throw new NavetteError(
            'SESSION_NOT_OPENED',
            "Le code a été transmis, mais la connexion au DMP n'a pas pu s'ouvrir : l'état de Navette (Accueil) dit pourquoi.",
          );
        }
        return;
      }
      await card.service.login(card.handle, pin);
      await running.cardGate?.retry();
    },
  };
}
