// The typed error of the CDA display (the xsltproc run and the rewrite of its HTML for the
// viewer). In its own file so that both can raise it without importing each other.
import { NavetteError } from '../../domain/errors/NavetteError.js';

export class CdaRenderError extends NavetteError {
  override readonly name = 'CdaRenderError';
}
