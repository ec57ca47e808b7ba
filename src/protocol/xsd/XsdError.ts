// Errors of the XSD validator itself (a schema that cannot be loaded or compiled, a validator
// used after it was freed). An invalid document is not an error: `validate` reports it.
import { NavetteError } from '../../domain/errors/NavetteError.js';

/** Codes: XSD_SCHEMA_LOAD, XSD_SCHEMA_INVALID, XSD_VALIDATOR_DISPOSED, XSD_INPUT_UNAVAILABLE. */
export class XsdError extends NavetteError {
  override readonly name = 'XsdError';
}
