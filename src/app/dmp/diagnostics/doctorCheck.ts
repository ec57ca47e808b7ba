// One diagnostic of `navette doctor`: a French verdict, and for every failure what to do.
import { isNavetteError } from '../../../domain/errors/NavetteError.js';

export type CheckStatus = 'ok' | 'warn' | 'fail' | 'skip';

export interface DoctorCheck {
  /** Stable id (scripts key on it): configuration, trust-anchors, card-module, … */
  readonly id: string;
  /** What is checked, in French. */
  readonly title: string;
  readonly status: CheckStatus;
  /** What was found, in French. */
  readonly verdict: string;
  /** What to do, in French: present for every `fail` and `warn`. */
  readonly fix?: string;
  /** Stable code of the underlying error, when the check failed on one. */
  readonly code?: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

export interface DoctorReport {
  /** No check failed (warnings and skipped checks do not count). */
  readonly ok: boolean;
  readonly authMode: string;
  readonly endpoint: string;
  readonly checks: readonly DoctorCheck[];
}

export function check(
  id: string,
  title: string,
  status: CheckStatus,
  verdict: string,
  extra: { fix?: string; code?: string; details?: Readonly<Record<string, unknown>> } = {},
): DoctorCheck {
  return {
    id,
    title,
    status,
    verdict,
    ...(extra.fix === undefined ? {} : { fix: extra.fix }),
    ...(extra.code === undefined ? {} : { code: extra.code }),
    ...(extra.details === undefined ? {} : { details: extra.details }),
  };
}

/** A failed check from an error: its French message is the verdict. */
export function failed(id: string, title: string, error: unknown, fix: string): DoctorCheck {
  const verdict = isNavetteError(error)
    ? error.message
    : `Erreur inattendue : ${error instanceof Error ? error.message : String(error)}`;
  return check(id, title, 'fail', verdict, {
    fix,
    ...(isNavetteError(error) ? { code: error.code } : {}),
  });
}

export function frenchDate(date: Date): string {
  return date.toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris' });
}
