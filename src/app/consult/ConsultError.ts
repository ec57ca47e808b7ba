// The consultation service's own refusals, each with the HTTP status the local API answers with.
// A DMP refusal keeps its own error (DmpError, with the DMP's French explanation); these are the
// checks Navette makes before any call, and the "no DMP session" cases.
import { NavetteError } from '../../domain/errors/NavetteError.js';

export type ConsultErrorCode =
  /** Bris de glace without its reason (the API schema refuses it too). */
  | 'CONSULT_REASON_REQUIRED'
  /** Bris de glace by someone other than a médecin with their own card (PDT-INF-526). */
  | 'CONSULT_ACCESS_MODE_REFUSED'
  /** TD0.3 add without the patient's consent. */
  | 'CONSULT_CONSENT_REQUIRED'
  /** The uniqueId is not among the patient's documents the user may see. */
  | 'CONSULT_DOCUMENT_NOT_FOUND'
  /** The patient reference does not read as an INS. */
  | 'CONSULT_INS_INVALID'
  /** No card in the reader (direct mode): nothing can be asked of the DMP. */
  | 'CARD_ABSENT'
  /** The card is there but its PIN was not given (or not accepted) to the service. */
  | 'PIN_REQUIRED'
  /** No DMP session for another reason (structure certificate password missing, setup error). */
  | 'CONSULT_UNAVAILABLE';

/**
 * HTTP status of each code. 401 is deliberately NOT used for PIN_REQUIRED: on the local API, 401
 * means "your bearer token is wrong", and a client would drop a good token. Both card cases are
 * 503 (the service cannot serve now; it may later, once the card is back or unlocked).
 */
export const CONSULT_HTTP_STATUS: Readonly<Record<ConsultErrorCode, number>> = {
  CONSULT_REASON_REQUIRED: 400,
  CONSULT_ACCESS_MODE_REFUSED: 403,
  CONSULT_CONSENT_REQUIRED: 400,
  CONSULT_DOCUMENT_NOT_FOUND: 404,
  CONSULT_INS_INVALID: 400,
  CARD_ABSENT: 503,
  PIN_REQUIRED: 503,
  CONSULT_UNAVAILABLE: 503,
};

export class ConsultError extends NavetteError {
  override readonly name = 'ConsultError';
  declare readonly code: ConsultErrorCode;

  constructor(
    code: ConsultErrorCode,
    message: string,
    details: Readonly<Record<string, unknown>> = {},
    options?: { cause?: unknown },
  ) {
    super(code, message, details, options);
  }
}
