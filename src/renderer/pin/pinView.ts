// What the PIN page shows, decided without the DOM: the card line, the tries line, the error
// line, and whether the dialog is done. French; the page only writes these into its elements.
import type { BridgeResult } from '../../api/bridge.js';
import type { PinPrompt, PinSubmitResult } from './pinBridge.js';

export interface PinView {
  /** « Carte de … » */
  readonly card: string | null;
  /** Tries left, when the card says so (read out politely). */
  readonly tries: string | null;
  /** What went wrong (read out at once: role="alert"). */
  readonly error: string | null;
  /** The form can take a PIN. */
  readonly canSubmit: boolean;
  /** The dialog is done (accepted, or nothing more to do): the page closes. */
  readonly done: boolean;
}

export function triesText(triesLeft: number | null): string | null {
  if (triesLeft === null) return null;
  if (triesLeft <= 0) return 'Aucun essai restant : la carte est bloquée.';
  if (triesLeft === 1) return 'Dernier essai avant le blocage de la carte.';
  return `${triesLeft} essais restants avant le blocage de la carte.`;
}

/** The view once the prompt arrived (or failed). */
export function promptView(result: BridgeResult<PinPrompt>): PinView {
  if (!result.ok) {
    return { card: null, tries: null, error: result.error.message, canSubmit: false, done: false };
  }
  const { cardLabel, triesLeft, warning } = result.value;
  return {
    card: `Carte : ${cardLabel}`,
    tries: warning ?? triesText(triesLeft),
    error: null,
    canSubmit: true,
    done: false,
  };
}

/** The view after a PIN was submitted. */
export function submitView(previous: PinView, result: BridgeResult<PinSubmitResult>): PinView {
  if (!result.ok) return { ...previous, error: result.error.message, canSubmit: true };
  const outcome = result.value;
  switch (outcome.status) {
    case 'accepted':
      return { ...previous, error: null, canSubmit: false, done: true };
    case 'retry':
      return {
        ...previous,
        tries: triesText(outcome.triesLeft) ?? previous.tries,
        error: outcome.message,
        canSubmit: true,
      };
    case 'closed':
      return { ...previous, error: outcome.message, canSubmit: false, done: true };
  }
}

/** Shown when the page is opened outside the Electron dialog (no bridge). */
export const NO_BRIDGE_VIEW: PinView = {
  card: null,
  tries: null,
  error: 'Cette page ne fonctionne que dans la fenêtre de code PIN de Navette.',
  canSubmit: false,
  done: false,
};
