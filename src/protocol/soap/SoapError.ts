import { NavetteError } from '../../domain/errors/NavetteError.js';

/**
 * Raised when a SOAP message cannot be read or built: not XML, not an envelope, unknown SOAP
 * version, missing Body. A SOAP *fault* is not this error: see `SoapFault`.
 */
export class SoapEnvelopeError extends NavetteError {
  override readonly name = 'SoapEnvelopeError';
}
