// The local API's import operations (PATIENT_IMPORT, PATIENT_FOLLOW of src/api/consult.ts), one
// mount line in src/app/service/localApi.ts. The INS travels in the JSON body only, never in a
// URL. A NavetteError becomes a JSON error with its French message and a status that says what
// to do (400 the request, 503 no DMP session now, 502 the DMP); anything else stays the server's
// generic 500, so no internal text leaks.
import { PATIENT_FOLLOW, PATIENT_IMPORT } from '../../api/consult.js';
import type { OperationDefinition } from '../../api/operations.js';
import type { NavetteError } from '../../domain/errors/NavetteError.js';
import { jsonOperation, type MountedOperation, type OperationHandler } from '../../server/index.js';
import { ImportError } from './ImportError.js';
import type { ImportApi } from './startImport.js';

/** Where the operations get the import (undefined: not started, or none in this process). */
export type ImportApiSource = () => ImportApi | undefined;

const HTTP_STATUS: Readonly<Record<string, number>> = {
  IMPORT_DMP_UNAVAILABLE: 503,
  IMPORT_UNAVAILABLE: 503,
  IMPORT_INS_INVALID: 400,
  IMPORT_ACCESS_MODE_REFUSED: 403,
  DMP_ACCESS_DENIED: 403,
  TRANSPORT_TIMEOUT: 504,
};

export function importHttpStatusOf(error: NavetteError): number {
  if (error.code.startsWith('DMP_SETUP_') || error.code.startsWith('CARD_')) return 503;
  return HTTP_STATUS[error.code] ?? 502;
}

const NOT_STARTED = new ImportError(
  'IMPORT_UNAVAILABLE',
  "L'import des documents du DMP n'est pas disponible dans ce service.",
);

function importOperation<D extends OperationDefinition>(
  definition: D,
  source: ImportApiSource,
  handler: (
    api: ImportApi,
    request: Parameters<OperationHandler<D>>[0],
  ) => ReturnType<OperationHandler<D>>,
): MountedOperation {
  return jsonOperation(
    definition,
    (request) => {
      const api = source();
      if (api === undefined) throw NOT_STARTED;
      return handler(api, request);
    },
    { statusOf: importHttpStatusOf },
  );
}

export function importOperations(source: ImportApiSource): MountedOperation[] {
  return [
    importOperation(PATIENT_IMPORT, source, (api, { body }) => api.importDocuments(body)),
    importOperation(PATIENT_FOLLOW, source, (api, { body }) => api.follow(body)),
  ];
}
