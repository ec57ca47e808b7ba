// The consultation operations of the local API (src/api/consult.ts), one mount each in
// src/app/service/localApi.ts. A handler's error becomes a JSON error with its French message
// and a status that says what to do: 400 the request, 403 the rights, 404 the document, 409 the
// document's state, 502/504 the DMP, 503 no card or PIN now (never 401: that is the token's).
// Anything not a NavetteError stays the server's generic 500 (no internal text leaks).
import type { OperationDefinition } from '../../api/operations.js';
import { isNavetteError, type NavetteError } from '../../domain/errors/NavetteError.js';
import { jsonOperation, type MountedOperation, type OperationHandler } from '../../server/index.js';
import { CONSULT_HTTP_STATUS, ConsultError, type ConsultErrorCode } from './ConsultError.js';
import type { ConsultService } from './ConsultService.js';
import { sessionErrorOf } from './consultSession.js';

/** HTTP status of the DMP client's and the renderer's errors (by code; default 502). */
const DMP_HTTP_STATUS: Readonly<Record<string, number>> = {
  DMP_ACCESS_DENIED: 403,
  DMP_DOCUMENT_ACTION_REFUSED: 403,
  DMP_DOCUMENT_UNAVAILABLE: 404,
  DMP_DOCUMENT_ACTION_IMPOSSIBLE: 409,
  DMP_CONSENT_REQUIRED: 400,
  DMP_AUTHORIZATION_REJECTED: 409,
  DMP_REQUEST_FAULT: 422,
  DMP_REQUEST_REJECTED: 422,
  TRANSPORT_TIMEOUT: 504,
};

export function httpStatusOf(error: NavetteError): number {
  if (error instanceof ConsultError) return CONSULT_HTTP_STATUS[error.code as ConsultErrorCode];
  if (error.code.startsWith('DMP_SETUP_')) return 503;
  return DMP_HTTP_STATUS[error.code] ?? 502;
}

/** Where the operations get the service (undefined: no consultation in this process). */
export type ConsultServiceSource = () => ConsultService | undefined;

const UNAVAILABLE = new ConsultError(
  'CONSULT_UNAVAILABLE',
  "La consultation du DMP n'est pas disponible dans ce service.",
);

/**
 * Mounts one consultation operation: `consultOperation(PATIENT_STATUS, src, (s, r) => …)`. Card
 * and session failures become their typed errors (`sessionErrorOf`), answered with the status of
 * `httpStatusOf`.
 */
export function consultOperation<D extends OperationDefinition>(
  definition: D,
  service: ConsultServiceSource,
  handler: (
    service: ConsultService,
    request: Parameters<OperationHandler<D>>[0],
  ) => ReturnType<OperationHandler<D>>,
): MountedOperation {
  return jsonOperation(
    definition,
    async (request) => {
      const s = service();
      if (s === undefined) throw UNAVAILABLE;
      try {
        return await handler(s, request);
      } catch (thrown) {
        const error = sessionErrorOf(thrown);
        throw isNavetteError(error) ? error : thrown;
      }
    },
    { statusOf: httpStatusOf },
  );
}
