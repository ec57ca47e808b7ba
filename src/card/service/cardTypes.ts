// What the card service tells its callers (the app's card service, `navette card`, the UI).
import type {
  CardKind,
  HolderIdentity,
  KeyUsageName,
} from '../certificates/describeCertificate.js';
import type { KeyRole } from '../certificates/classifyCardKeys.js';
import type { PinState } from './pinState.js';

/** Identifies one card in one reader; every operation checks the card is still that one. */
export interface CardHandle {
  readonly slotId: string;
  /** Token serial number: a different serial in the same slot is another card. */
  readonly serial: string;
  /** Token label: what `--card LABEL` matches. */
  readonly label: string;
}

export interface CardSummary extends CardHandle {
  readonly readerDescription: string;
  readonly manufacturer: string;
  readonly model: string;
  readonly pin: PinState;
  readonly loggedIn: boolean;
}

export interface CardInventory {
  /** Slots the module reports (readers, or SoftHSM slots). */
  readonly readers: number;
  readonly cards: readonly CardSummary[];
}

export type CertificateValidity = 'valid' | 'expired' | 'not-yet-valid';

export interface CardCertificate {
  readonly role: KeyRole | null;
  readonly evidence: string;
  readonly ckaIdHex: string;
  readonly label: string;
  readonly der: Uint8Array;
  readonly subject: string;
  readonly issuer: string;
  readonly serialHex: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly validity: CertificateValidity;
  readonly keyUsage: readonly KeyUsageName[];
  readonly extendedKeyUsage: readonly string[];
  readonly fingerprintSha256: string;
  /** null until the private keys are visible (after login on most cards). */
  readonly hasPrivateKey: boolean | null;
}

export interface CardDetails extends CardSummary {
  /** CPS, CPF, CPE or CPA, from the certificates; null when they do not say. */
  readonly kind: CardKind | null;
  /** A TEST card (IGC-Santé test product category or TEST issuer). */
  readonly test: boolean;
  readonly holder: HolderIdentity | null;
  readonly authentication: CardCertificate | null;
  readonly signature: CardCertificate | null;
  readonly otherCertificates: readonly CardCertificate[];
}

export type CardEvent =
  | { readonly type: 'inserted'; readonly card: CardSummary }
  | { readonly type: 'removed'; readonly card: CardHandle }
  | { readonly type: 'swapped'; readonly previous: CardHandle; readonly card: CardSummary }
  | { readonly type: 'error'; readonly code: string; readonly message: string };
