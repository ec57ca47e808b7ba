import { NavetteError } from '../../domain/errors/NavetteError.js';

/**
 * Raised when an MTOM / multipart message cannot be written or read. Codes:
 * MTOM_CONTENT_TYPE_INVALID, MTOM_BOUNDARY_INVALID, MTOM_MALFORMED, MTOM_TRUNCATED,
 * MTOM_ROOT_MISSING, MTOM_PART_TOO_LARGE, MTOM_XOP_UNRESOLVED, MTOM_BOUNDARY_IN_CONTENT,
 * MTOM_CONTENT_ID_DUPLICATE, MTOM_PART_CONSUMED.
 */
export class MtomError extends NavetteError {
  override readonly name = 'MtomError';
}
