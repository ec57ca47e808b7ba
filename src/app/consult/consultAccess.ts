// The access mode of a consultation call, checked before anything reaches the DMP: bris de glace
// needs its reason and a médecin identified by their own card (direct authentication); the DMP
// would refuse the rest anyway, but only after a signature and a round trip, and in words that
// do not say what to do (DMP-INTERFACE §5, PDT-INF-526).
import type { ApiAccessMode } from '../../api/consult.js';
import type { AccessMode } from '../../domain/access/accessModes.js';
import type { DmpAccess, VihfContext } from '../dmp/index.js';
import { ConsultError } from './ConsultError.js';

/** TRE_G15 profession code of a médecin. */
export const MEDECIN_PROFESSION_CODE = '10';

/** The API's spelling of the modes → the DMP client's. */
export const DMP_ACCESS_MODE: Readonly<Record<ApiAccessMode, AccessMode>> = {
  normal: 'normal',
  'bris-de-glace': 'bris_de_glace',
  'centre-15': 'centre_15',
};

/** The audit journal's spelling (TRE_R248 codes, upper case). */
export const JOURNAL_ACCESS_MODE: Readonly<Record<AccessMode, string>> = {
  normal: 'NORMAL',
  bris_de_glace: 'BRIS_DE_GLACE',
  centre_15: 'CENTRE_15',
};

export interface ConsultAccess {
  readonly mode: ApiAccessMode;
  readonly reason?: string | undefined;
}

/** Bris de glace without a reason: refused before anything else (no session, no PIN asked). */
export function checkReason(access: ConsultAccess): void {
  if (access.mode === 'bris-de-glace' && (access.reason?.trim() ?? '') === '') {
    throw new ConsultError(
      'CONSULT_REASON_REQUIRED',
      "Le mode bris de glace exige d'en indiquer la raison (elle est enregistrée dans le journal et transmise au DMP).",
    );
  }
}

/** The DmpAccess for a request, or a French refusal before any call. */
export function dmpAccessOf(access: ConsultAccess, caller: VihfContext): DmpAccess {
  const mode = DMP_ACCESS_MODE[access.mode];
  if (mode !== 'bris_de_glace') return { mode };
  checkReason(access);
  const medecin =
    caller.authenticationMode === 'DIRECTE' && caller.profession.code === MEDECIN_PROFESSION_CODE;
  if (!medecin) {
    throw new ConsultError(
      'CONSULT_ACCESS_MODE_REFUSED',
      "Le mode bris de glace est réservé aux médecins identifiés par leur propre carte (authentification directe) : il n'est pas possible avec cette connexion.",
      { authenticationMode: caller.authenticationMode },
    );
  }
  return { mode, reason: access.reason?.trim() ?? '' };
}
