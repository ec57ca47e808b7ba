// A small router: exact routes, guarded prefixes, and a fallback (the static web UI).
// Guards give `/api/*` its origin, bearer-token and body checks (localApi.ts) without touching the
// routes: `router.guard('/api/', check)`. `/health` is outside every guarded prefix on purpose.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendError, sendNotFound } from './responses.js';

export type Method = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'DELETE';

/** The request as the router sees it: the raw path (not decoded) and the query string. */
export interface RequestContext {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly method: string;
  readonly path: string;
  readonly query: string;
  /** Aborted when the server starts stopping (long answers such as event streams end then). */
  readonly stopping?: AbortSignal;
}

export type Handler = (ctx: RequestContext) => void | Promise<void>;
/** Returns true to let the request through; false when it has already answered (e.g. 401). */
export type Guard = (ctx: RequestContext) => boolean | Promise<boolean>;

export class Router {
  readonly #routes = new Map<string, Map<Method, Handler>>();
  readonly #guards: { prefix: string; guard: Guard }[] = [];
  #fallback: Handler | undefined;

  route(method: Method, path: string, handler: Handler): this {
    const byMethod = this.#routes.get(path) ?? new Map<Method, Handler>();
    byMethod.set(method, handler);
    // Every GET route answers HEAD too (Node leaves the body out of HEAD answers).
    if (method === 'GET' && !byMethod.has('HEAD')) byMethod.set('HEAD', handler);
    this.#routes.set(path, byMethod);
    return this;
  }

  /** Runs `guard` before any route or fallback whose path starts with `prefix`. */
  guard(prefix: string, guard: Guard): this {
    this.#guards.push({ prefix, guard });
    return this;
  }

  /** Handles what no route matches (GET and HEAD only). */
  fallback(handler: Handler): this {
    this.#fallback = handler;
    return this;
  }

  async handle(ctx: RequestContext): Promise<void> {
    for (const { prefix, guard } of this.#guards) {
      if (ctx.path.startsWith(prefix) && !(await guard(ctx))) return;
    }
    const byMethod = this.#routes.get(ctx.path);
    if (byMethod !== undefined) {
      const handler = byMethod.get(ctx.method as Method);
      if (handler === undefined) {
        methodNotAllowed(ctx, [...byMethod.keys()]);
        return;
      }
      await handler(ctx);
      return;
    }
    if (this.#fallback !== undefined) {
      if (ctx.method !== 'GET' && ctx.method !== 'HEAD') {
        methodNotAllowed(ctx, ['GET', 'HEAD']);
        return;
      }
      await this.#fallback(ctx);
      return;
    }
    sendNotFound(ctx.res);
  }
}

function methodNotAllowed(ctx: RequestContext, allowed: readonly string[]): void {
  sendError(
    ctx.res,
    405,
    'METHOD_NOT_ALLOWED',
    `Cette adresse n'accepte pas la méthode ${ctx.method}.`,
    { Allow: allowed.join(', ') },
  );
}
