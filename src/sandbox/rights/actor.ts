// Which column of the rights matrix a request falls in. The VIHF says who the user is (card type,
// profession, speciality) and the access mode; the sandbox's state says whether the user is the
// patient's médecin traitant. Médecin = profession 10 of the G15 nomenclature; médecin du travail
// = speciality SM25 ("Médecine du travail", JDV_J01 of the CI-SIS).
import type { AccessMode, AuthenticationMode } from '../../domain/access/accessModes.js';
import type { MatrixColumn } from './matrix.js';

export const MEDECIN_PROFESSION = '10';
export const MEDECINE_DU_TRAVAIL_SPECIALTY = 'SM25';

export type CardKind = 'CPS' | 'CPF' | 'CPE';

export interface Requester {
  readonly authenticationMode: AuthenticationMode;
  /** The card in direct mode; undefined in the indirect modes (structure certificate). */
  readonly card?: CardKind;
  /** G15 profession code, e.g. '10' (médecin), '60' (infirmier). */
  readonly profession?: string;
  /** R01 speciality code, e.g. 'SM54' (médecine générale). */
  readonly specialty?: string;
  readonly accessMode: AccessMode;
}

/** The column, or undefined when the matrix has none (e.g. a CPE in bris de glace). */
export function matrixColumn(r: Requester, isMedecinTraitant: boolean): MatrixColumn | undefined {
  if (r.authenticationMode !== 'DIRECTE') {
    if (r.accessMode === 'normal') return 'STRUCTURE/normal';
    if (r.accessMode === 'centre_15') return 'STRUCTURE/centre_15';
    return undefined;
  }
  if (r.card === 'CPE') return r.accessMode === 'normal' ? 'CPE/normal' : undefined;
  if (r.profession !== MEDECIN_PROFESSION) return `PS_NON_MEDECIN/${r.accessMode}`;
  if (r.specialty === MEDECINE_DU_TRAVAIL_SPECIALTY) {
    return r.accessMode === 'normal' ? 'MEDECIN_DU_TRAVAIL/normal' : undefined;
  }
  if (isMedecinTraitant) {
    if (r.accessMode === 'normal') return 'MEDECIN_TRAITANT/normal';
    if (r.accessMode === 'bris_de_glace') return 'MEDECIN_TRAITANT/bris_de_glace';
    // The MT has no centre 15 column: regulation is not the MT's role; treat as a médecin.
    return 'MEDECIN/centre_15';
  }
  return `MEDECIN/${r.accessMode}`;
}
