import { NavetteError } from '../errors/NavetteError.js';

/**
 * Every INS problem Navette detects (matricule, OID, CX form). The message never quotes the
 * identifier itself: messages end up in logs, and a patient identifier must never reach one.
 */
export class InsError extends NavetteError {
  override readonly name = 'InsError';
}

/** Stable codes of `InsError`. */
export type InsErrorCode =
  | 'INS_EMPTY'
  | 'INS_CHARS'
  | 'INS_LENGTH'
  | 'INS_KEY_INVALID'
  | 'INS_SEX_INVALID'
  | 'INS_MONTH_INVALID'
  | 'INS_DEPARTMENT_INVALID'
  | 'INS_COMMUNE_INVALID'
  | 'INS_ORDER_INVALID'
  | 'INS_OID_UNKNOWN'
  | 'INS_CX_MALFORMED'
  | 'INS_CX_TYPE';

export function insError(
  code: InsErrorCode,
  message: string,
  details: Readonly<Record<string, unknown>> = {},
): InsError {
  return new InsError(code, message, details);
}
