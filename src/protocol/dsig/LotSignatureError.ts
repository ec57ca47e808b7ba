import { NavetteError } from '../../domain/errors/NavetteError.js';

/**
 * Raised when the lot signature (IHE DSG / XAdES, DMP-INTERFACE §8) cannot be built or verified.
 * Codes:
 * - building: LOT_SIGNATURE_INPUT_INVALID, LOT_SIGNATURE_SIGNER_FAILED (the port's own
 *   NavetteError passes through unchanged);
 * - reading: LOT_SIGNATURE_MALFORMED, LOT_SIGNATURE_TOO_LARGE, LOT_SIGNATURE_STRUCTURE_INVALID,
 *   LOT_SIGNATURE_UNSUPPORTED, LOT_SIGNATURE_CERTIFICATE_MISSING, LOT_SIGNATURE_CERTIFICATE_INVALID;
 * - verifying: LOT_SIGNATURE_DIGEST_MISMATCH (manifest or signed properties changed after
 *   signing), LOT_SIGNATURE_INVALID (signature value), LOT_SIGNATURE_SIGNING_CERTIFICATE_MISMATCH
 *   (XAdES SigningCertificate does not designate the KeyInfo certificate),
 *   LOT_SIGNATURE_DOCUMENT_MISSING, LOT_SIGNATURE_DOCUMENT_NOT_COVERED,
 *   LOT_SIGNATURE_DOCUMENT_DIGEST_MISMATCH (a document's bytes differ from what was signed).
 */
export class LotSignatureError extends NavetteError {
  override readonly name = 'LotSignatureError';
}

export function lotSignatureError(
  code: string,
  message: string,
  details: Readonly<Record<string, unknown>> = {},
  cause?: unknown,
): LotSignatureError {
  return new LotSignatureError(code, message, details, cause === undefined ? undefined : { cause });
}
