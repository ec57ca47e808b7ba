// The PIN dialog's contract: its channels, what its page is told, and what a submitted PIN
// gives. The dialog is its own small window (src/renderer/pin/) with its own preload
// (src/preload/pin.ts): the main window's bridge has no PIN verb, and the PIN channels answer
// the PIN page only. The preload and the page spell these types again (they may import nothing
// from main); test/unit/main/pinDialog.test.ts checks that the three agree.
import type { BridgeResult } from '../../api/bridge.js';
import type { PinRequest } from '../../app/card/index.js';
import { APP_ORIGIN } from '../security/appScheme.js';

export const PIN_CHANNELS = {
  prompt: 'navette-pin:prompt',
  submit: 'navette-pin:submit',
  cancel: 'navette-pin:cancel',
} as const;
export type PinChannel = (typeof PIN_CHANNELS)[keyof typeof PIN_CHANNELS];

/** The page of the dialog (the PIN channels answer this page only). */
export const PIN_PAGE_PATH = '/pin/index.html';
export const PIN_PAGE_URL = `${APP_ORIGIN}${PIN_PAGE_PATH}`;

/** What the page shows before the PIN is typed. French texts. */
export interface PinPrompt {
  /** The card's label (the holder's name as the card spells it). */
  readonly cardLabel: string;
  /** Tries left when the card says so (1 on the final try), else null. */
  readonly triesLeft: number | null;
  /** A warning to show before typing (final try, tries already wasted), or null. */
  readonly warning: string | null;
}

/** What a submitted PIN gave. The PIN itself never comes back. */
export type PinSubmitResult =
  | { readonly status: 'accepted' }
  /** Wrong or badly formed PIN: the page says why and lets the user try again. */
  | { readonly status: 'retry'; readonly message: string; readonly triesLeft: number | null }
  /** Nothing more to do in the dialog (card locked, removed, no card waiting): it closes. */
  | { readonly status: 'closed'; readonly message: string };

/** `window.navettePin` in the PIN page. */
export interface PinBridge {
  prompt(): Promise<BridgeResult<PinPrompt>>;
  submit(pin: string): Promise<BridgeResult<PinSubmitResult>>;
  cancel(): Promise<BridgeResult<null>>;
}

/**
 * What the dialog needs of the service: the card waiting for its PIN, and a login that passes
 * the PIN straight to the card process (CardService.login) and keeps nothing.
 */
export interface CardUnlocker {
  /** The card waiting for its PIN, or undefined when none is (no card, already logged in). */
  pinRequest(): Promise<PinRequest | undefined>;
  /**
   * Logs the card in with `pin`; resolves once the card accepted it (the sending then resumes).
   * Rejects with the card's NavetteError (CARD_PIN_INCORRECT with `details.triesLeft`…).
   */
  login(pin: string): Promise<void>;
}
