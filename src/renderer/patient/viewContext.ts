// How the Patient and Réglages screens reach the service: through the shell's ApiClient (HTTP in
// the browser, IPC in Electron), by operation id. The renderer loads no value from src/api at run
// time (no bundler, no zod in the page): only types cross from there.
import type { ApiInput, ApiOperationId, ApiOutput } from '../../api/bridge.js';
import type { ViewContext } from '../shell/view.js';

export type ScreenContext = Pick<ViewContext, 'api'>;

const NO_CLIENT =
  "Cette page n'est pas reliée au service Navette : ouvrez l'adresse complète affichée au démarrage de Navette.";

/** Calls one operation; rejects with the service's French message. */
export async function callApi<K extends ApiOperationId>(
  ctx: ScreenContext,
  operationId: K,
  input: ApiInput<K>,
): Promise<ApiOutput<K>> {
  if (ctx.api === undefined) throw new Error(NO_CLIENT);
  return ctx.api.call(operationId, input);
}

/** The user's sentence for a failure. */
export function errorText(error: unknown): string {
  if (error instanceof Error && error.message !== '') return error.message;
  return 'Navette n’a pas pu faire cette opération. Réessayez ; si cela recommence, ouvrez « Réglages » puis « Diagnostic ».';
}
