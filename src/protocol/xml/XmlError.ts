import { NavetteError } from '../../domain/errors/NavetteError.js';

/** Raised when bytes claimed to be XML cannot be read safely. */
export class XmlReadError extends NavetteError {
  override readonly name = 'XmlReadError';
}
