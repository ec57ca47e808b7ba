// Mounting the local API on a router: the `/api/` guards in order — origin (CORS, 403), bearer
// token (401), JSON body within the size limit (415, 413, 400) — then one route per operation,
// and `GET /api/openapi.json` describing them all. Adding an operation: docs/local-api.md.
import type { OperationDefinition } from '../api/operations.js';
import { API_PREFIX } from '../api/operations.js';
import { OPENAPI, openApiDocument } from '../api/openApiDocument.js';
import { jsonOperation, type MountedOperation, type MountOptions } from './apiOperation.js';
import { bearerAuth, type ApiTokenVerifier } from './bearerAuth.js';
import { jsonBody } from './jsonBody.js';
import type { ServerLog } from './LocalServer.js';
import { originCheck } from './originCheck.js';
import { DEFAULT_MAX_BODY_BYTES } from './requestBody.js';
import type { Method, Router } from './router.js';

export interface LocalApiOptions {
  /** The operations to serve, each bound to its handler (`jsonOperation`, `eventStreamOperation`). */
  readonly operations: readonly MountedOperation[];
  /** Checks bearer tokens (the store's ApiTokenRepository). */
  readonly tokens: ApiTokenVerifier;
  /** The version shown in the OpenAPI document. */
  readonly version: string;
  /** Origins whose pages may call the API (proposed config key `api.allowedOrigins`). Default: none. */
  readonly allowedOrigins?: readonly string[];
  /** Largest accepted request body, in bytes. Default 1 MB. */
  readonly maxBodyBytes?: number;
  /** Check every answer against its schema (tests). */
  readonly validateResponses?: boolean;
}

export interface MountContext {
  /** Our own origins, known once the server listens. */
  readonly ownOrigins: () => ReadonlySet<string>;
  /** Operations mounted elsewhere on the same server (e.g. `/health`), listed in the document. */
  readonly alsoDescribe?: readonly OperationDefinition[];
  readonly log?: ServerLog;
}

/** Mounts `options.operations` and the OpenAPI document under `/api/`. */
export function mountLocalApi(
  router: Router,
  options: LocalApiOptions,
  context: MountContext,
): Router {
  const mount: MountOptions = { validateResponses: options.validateResponses ?? false };
  const paths = new Set<string>();
  const definitions: OperationDefinition[] = [...(context.alsoDescribe ?? [])];
  const openApi = jsonOperation(OPENAPI, () => openApiDocument(definitions, options));
  const operations = [...options.operations, openApi];
  for (const op of operations) {
    const key = `${op.definition.method} ${op.definition.path}`;
    if (!op.definition.path.startsWith(API_PREFIX) || op.definition.auth !== 'token') {
      throw new Error(`${key}: local API operations live under ${API_PREFIX} with auth 'token'`);
    }
    if (paths.has(key)) throw new Error(`${key}: mounted twice`);
    paths.add(key);
    definitions.push(op.definition);
  }
  router
    .guard(
      API_PREFIX,
      originCheck({
        ownOrigins: context.ownOrigins,
        ...(options.allowedOrigins === undefined ? {} : { allowedOrigins: options.allowedOrigins }),
      }),
    )
    .guard(API_PREFIX, bearerAuth(options.tokens, context.log))
    .guard(API_PREFIX, jsonBody(options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES));
  for (const op of operations) {
    router.route(op.definition.method as Method, op.definition.path, (ctx) => op.run(ctx, mount));
  }
  return router;
}
