// The access mode of the session (normal, bris de glace, centre 15). Bris de glace is an exception
// the user chooses with its reason; it lasts until they end it, for this window's session only
// (sessionStorage: closing the window ends it), and a banner says so on every screen.
import type { ApiAccessMode, PatientRequest } from '../../api/consult.js';

export interface AccessState {
  readonly mode: ApiAccessMode;
  /** Required for bris de glace (journaled, sent to the DMP). */
  readonly reason?: string;
  /** ISO instant the mode started. */
  readonly since?: string;
}

const STORAGE_KEY = 'navette.modeAcces';
export const ACCESS_BANNER_ID = 'bandeau-acces';
export const REASON_MAX = 500;

/** Minimal storage shape, so tests can pass a Map-backed object. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export function readAccess(storage: KeyValueStorage): AccessState {
  const raw = storage.getItem(STORAGE_KEY);
  if (raw === null) return { mode: 'normal' };
  try {
    const parsed = JSON.parse(raw) as Partial<AccessState>;
    if (parsed.mode === 'centre-15') return { mode: 'centre-15', ...since(parsed) };
    if (parsed.mode === 'bris-de-glace' && typeof parsed.reason === 'string') {
      const reason = parsed.reason.trim();
      if (reason !== '') return { mode: 'bris-de-glace', reason, ...since(parsed) };
    }
  } catch {
    // A value we did not write: back to normal rather than guess.
  }
  return { mode: 'normal' };
}

function since(parsed: Partial<AccessState>): { since?: string } {
  return typeof parsed.since === 'string' ? { since: parsed.since } : {};
}

export type AccessChange =
  | { readonly ok: true; readonly state: AccessState }
  | { readonly ok: false; readonly message: string };

/** Switches the mode; bris de glace without a reason is refused with a French message. */
export function changeAccess(
  storage: KeyValueStorage,
  mode: ApiAccessMode,
  reason: string,
  now: Date,
): AccessChange {
  if (mode === 'normal') {
    storage.removeItem(STORAGE_KEY);
    return { ok: true, state: { mode: 'normal' } };
  }
  const trimmed = reason.trim();
  if (mode === 'bris-de-glace' && trimmed === '') {
    return {
      ok: false,
      message:
        "Le mode bris de glace exige d'en indiquer la raison (urgence, état du patient…). " +
        'Saisissez-la pour continuer.',
    };
  }
  if (trimmed.length > REASON_MAX) {
    return { ok: false, message: `La raison ne doit pas dépasser ${REASON_MAX} caractères.` };
  }
  const state: AccessState =
    mode === 'bris-de-glace'
      ? { mode, reason: trimmed, since: now.toISOString() }
      : { mode, since: now.toISOString() };
  storage.setItem(STORAGE_KEY, JSON.stringify(state));
  return { ok: true, state };
}

/** The `access` part of a consultation request. */
export function accessOf(state: AccessState): PatientRequest['access'] {
  return state.mode === 'bris-de-glace' && state.reason !== undefined
    ? { mode: 'bris-de-glace', reason: state.reason }
    : { mode: state.mode };
}

/** The banner's sentence for a mode other than normal, or null. */
export function accessBannerText(state: AccessState): string | null {
  if (state.mode === 'bris-de-glace') {
    return `Mode bris de glace en cours — raison : « ${state.reason ?? ''} ». Chaque consultation est tracée.`;
  }
  if (state.mode === 'centre-15') return 'Mode centre de régulation (centre 15) en cours.';
  return null;
}
