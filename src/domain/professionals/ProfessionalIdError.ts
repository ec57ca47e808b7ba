import { NavetteError } from '../errors/NavetteError.js';

/** A malformed professional (idNat_PS) or structure (IdNatStruct, FINESS, SIREN, SIRET) identifier. */
export class ProfessionalIdError extends NavetteError {
  override readonly name = 'ProfessionalIdError';
}

export type ProfessionalIdErrorCode =
  | 'PS_ID_EMPTY'
  | 'PS_ID_PREFIX_UNKNOWN'
  | 'PS_ID_FORMAT'
  | 'PS_ID_CHECK_DIGIT'
  | 'STRUCTURE_ID_EMPTY'
  | 'STRUCTURE_ID_PREFIX_UNKNOWN'
  | 'STRUCTURE_ID_FORMAT'
  | 'STRUCTURE_ID_CHECK_DIGIT';

export function professionalIdError(
  code: ProfessionalIdErrorCode,
  message: string,
  details: Readonly<Record<string, unknown>> = {},
): ProfessionalIdError {
  return new ProfessionalIdError(code, message, details);
}
