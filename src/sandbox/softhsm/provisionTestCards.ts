// Every test card of a test PKI on its own SoftHSM2 token, in one token store (one module, one
// SOFTHSM2_CONF, one slot per card: Navette then chooses a card by its label).
import type { TestCard } from '../pki/index.js';
import { locateSoftHsm, type LocateOptions, type SoftHsmInstallation } from './locateSoftHsm.js';
import {
  provisionSoftHsmToken,
  type MechanismProfile,
  type SoftHsmToken,
  type TokenContent,
} from './provisionSoftHsmToken.js';

/** The token content of a test card: its authentication and signature key pairs. */
export function tokenContentOf(card: TestCard): TokenContent {
  return { label: card.label, keyPairs: [card.authentication, card.signature] };
}

export interface ProvisionCardsOptions {
  readonly dir: string;
  readonly cards: readonly TestCard[];
  readonly pin?: string;
  readonly soPin?: string;
  readonly mechanisms?: MechanismProfile;
  readonly installation?: SoftHsmInstallation;
  readonly locate?: LocateOptions;
}

export type TestCardTokens =
  | { readonly tokens: ReadonlyMap<string, SoftHsmToken>; readonly reason?: undefined }
  | { readonly tokens: null; readonly reason: string };

/** Tokens keyed by card key ('gp', 'nurse', …), or null with the reason SoftHSM2 is unusable. */
export function provisionTestCardTokens(options: ProvisionCardsOptions): TestCardTokens {
  let installation = options.installation;
  if (installation === undefined) {
    const lookup = locateSoftHsm(options.locate);
    if (lookup.installation === null) return { tokens: null, reason: lookup.reason };
    installation = lookup.installation;
  }
  const tokens = new Map<string, SoftHsmToken>();
  for (const card of options.cards) {
    const outcome = provisionSoftHsmToken({
      dir: options.dir,
      content: tokenContentOf(card),
      installation,
      ...(options.pin !== undefined ? { pin: options.pin } : {}),
      ...(options.soPin !== undefined ? { soPin: options.soPin } : {}),
      ...(options.mechanisms !== undefined ? { mechanisms: options.mechanisms } : {}),
    });
    if (outcome.token === null) return { tokens: null, reason: outcome.reason };
    tokens.set(card.key, outcome.token);
  }
  return { tokens };
}
