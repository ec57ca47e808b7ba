import { NavetteError } from '../../domain/errors/NavetteError.js';

/**
 * Raised when a VIHF cannot be built, signed, read or verified. Codes:
 * - building: VIHF_INPUT_INVALID, VIHF_SIGNER_FAILED (the port's own NavetteError passes through);
 * - reading: VIHF_MALFORMED, VIHF_TOO_LARGE, VIHF_NOT_FOUND, VIHF_AMBIGUOUS, VIHF_ATTRIBUTE_MISSING,
 *   VIHF_ATTRIBUTE_INVALID;
 * - verifying: VIHF_UNSIGNED, VIHF_SIGNATURE_MALFORMED, VIHF_SIGNATURE_UNSUPPORTED,
 *   VIHF_SIGNATURE_REFERENCE_INVALID (the signature does not cover this assertion: wrapping),
 *   VIHF_CERTIFICATE_MISSING, VIHF_CERTIFICATE_INVALID, VIHF_DIGEST_MISMATCH (content changed
 *   after signing), VIHF_SIGNATURE_INVALID (the signature value does not match the certificate).
 */
export class VihfError extends NavetteError {
  override readonly name = 'VihfError';
}

export function vihfError(
  code: string,
  message: string,
  details: Readonly<Record<string, unknown>> = {},
  cause?: unknown,
): VihfError {
  return new VihfError(code, message, details, cause === undefined ? undefined : { cause });
}
