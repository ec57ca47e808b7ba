// An `api/` operation bound to its handler, ready to mount: `jsonOperation(STATUS, handler)`.
// The route checks the query and the body against the definition's schemas (400 naming the field,
// in French), calls the handler, and, when asked (tests), checks the answer against the response
// schema before sending it.
import type { z } from 'zod';
import type { OperationDefinition } from '../api/operations.js';
import { isNavetteError, type NavetteError } from '../domain/errors/NavetteError.js';
import { clientOf, type ApiClientIdentity } from './bearerAuth.js';
import { jsonBodyOf } from './jsonBody.js';
import { checkAgainst, queryObject } from './requestValidation.js';
import { sendError, sendJson } from './responses.js';
import type { RequestContext } from './router.js';

type QueryOf<D extends OperationDefinition> = D extends {
  readonly query: infer Q extends z.ZodType;
}
  ? z.output<Q>
  : undefined;
type BodyOf<D extends OperationDefinition> = D extends { readonly body: infer B extends z.ZodType }
  ? z.output<B>
  : undefined;

/** What a handler receives: the checked query and body, and who is asking. */
export interface OperationRequest<D extends OperationDefinition> {
  readonly query: QueryOf<D>;
  readonly body: BodyOf<D>;
  /** The token's client (undefined on `auth: 'none'` routes). */
  readonly client: ApiClientIdentity | undefined;
  /** The `:name` segments of the path (`/api/batches/:batchId`), as strings: parse them. */
  readonly params: Readonly<Record<string, string>>;
  readonly ctx: RequestContext;
}

/**
 * The HTTP status of a typed error a handler threw: its French message is for the user (what
 * happened, what to do), so it crosses as is; anything untyped stays a 500 without details.
 */
export function statusOfError(code: string): number {
  if (code.endsWith('NOT_FOUND')) return 404;
  if (code === 'INVALID_REQUEST') return 400;
  return 422;
}

export type OperationHandler<D extends OperationDefinition> = (
  request: OperationRequest<D>,
) => z.output<D['response']> | Promise<z.output<D['response']>>;

export interface MountOptions {
  /** Check every answer against its response schema (tests; a mismatch is a 500). */
  readonly validateResponses: boolean;
}

/** An operation with what answers it. */
export interface MountedOperation {
  readonly definition: OperationDefinition;
  run(ctx: RequestContext, options: MountOptions): Promise<void>;
}

export interface JsonOperationOptions {
  /**
   * The HTTP status of a typed error the handler threw, when a family of operations knows better
   * than `statusOfError` (503 "no card now", 502 "the DMP failed"…).
   */
  readonly statusOf?: (error: NavetteError) => number;
}

/** Binds a JSON operation to its handler. */
export function jsonOperation<D extends OperationDefinition>(
  definition: D,
  handler: OperationHandler<D>,
  opts: JsonOperationOptions = {},
): MountedOperation {
  const statusOf = opts.statusOf ?? ((error: NavetteError) => statusOfError(error.code));
  return {
    definition,
    async run(ctx, options) {
      let query: unknown = undefined;
      if (definition.query !== undefined) {
        const checked = checkAgainst(definition.query, queryObject(ctx.query), 'query');
        if (!checked.ok) return sendError(ctx.res, 400, 'INVALID_REQUEST', checked.message);
        query = checked.value;
      }
      const raw = jsonBodyOf(ctx.req);
      let body: unknown = undefined;
      if (definition.body !== undefined) {
        const checked = checkAgainst(definition.body, raw, 'body');
        if (!checked.ok) return sendError(ctx.res, 400, 'INVALID_REQUEST', checked.message);
        body = checked.value;
      } else if (raw !== undefined) {
        return sendError(
          ctx.res,
          400,
          'INVALID_REQUEST',
          "Cette opération n'accepte pas de corps de requête.",
        );
      }
      let result: z.output<D['response']>;
      try {
        result = await handler({
          query: query as QueryOf<D>,
          body: body as BodyOf<D>,
          client: clientOf(ctx.req),
          params: ctx.params ?? {},
          ctx,
        });
      } catch (error) {
        if (!isNavetteError(error)) throw error;
        return sendError(ctx.res, statusOf(error), error.code, error.message);
      }
      sendJson(
        ctx.res,
        200,
        options.validateResponses ? definition.response.parse(result) : result,
      );
    },
  };
}
