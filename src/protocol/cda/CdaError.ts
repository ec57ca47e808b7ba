import { NavetteError } from '../../domain/errors/NavetteError.js';

/**
 * Errors of the document-check machinery itself (a value set missing or unreadable, a sidecar
 * that cannot describe a document). A non-conformant document is not an error: the checks
 * report it as problems.
 */
export class CdaError extends NavetteError {
  override readonly name = 'CdaError';
}
