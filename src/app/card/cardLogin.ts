// Logging in to the card with the PIN the user typed. The PIN is asked only when the card can take
// it (not locked), passed once to the card, and forgotten: the caller receives nothing back.
import { cardErrors, type CardHandle, type CardService, type PinState } from '../../card/index.js';

/** What the PIN prompt is told about the card whose PIN it asks. */
export interface PinRequest {
  readonly label: string;
  readonly pin: PinState;
}

/** Asks for the PIN (terminal prompt, NAVETTE_PIN, the desktop dialog…). */
export type PinSource = (request: PinRequest) => Promise<string>;

/**
 * Logs in unless this process already is. A locked card is refused before asking anything; a
 * PIN pad reader would need the PIN typed on the pad (not supported here: the card layer passes
 * the PIN it is given).
 */
export async function loginCard(
  service: CardService,
  card: CardHandle,
  pinSource: PinSource,
): Promise<string> {
  const pin = await service.pinState(card);
  if (pin.locked) throw cardErrors.pinLocked();
  const typed = await pinSource({ label: card.label, pin });
  await service.login(card, typed);
  // Returned for the TLS engine, which needs the same PIN once; callers must not keep it.
  return typed;
}
