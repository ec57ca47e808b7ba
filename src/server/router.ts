// A small router: exact routes, routes with `:name` segments (`/api/batches/:batchId`), guarded
// prefixes, and a fallback (the static web UI).
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
  /** The `:name` segments of the matched route, decoded (absent for exact routes). */
  readonly params?: Readonly<Record<string, string>>;
}

interface PatternRoute {
  readonly segments: readonly string[];
  readonly byMethod: Map<Method, Handler>;
}

/** The params when `path` matches the route's segments, else undefined. */
function matchSegments(
  segments: readonly string[],
  path: string,
): Record<string, string> | undefined {
  const parts = path.split('/');
  if (parts.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, segment] of segments.entries()) {
    const part = parts[i] ?? '';
    if (segment.startsWith(':')) {
      let value: string;
      try {
        value = decodeURIComponent(part);
      } catch {
        return undefined;
      }
      // A parameter is one non-empty segment: no slash may come back from decoding.
      if (value === '' || value.includes('/')) return undefined;
      params[segment.slice(1)] = value;
    } else if (segment !== part) return undefined;
  }
  return params;
}

export type Handler = (ctx: RequestContext) => void | Promise<void>;
/** Returns true to let the request through; false when it has already answered (e.g. 401). */
export type Guard = (ctx: RequestContext) => boolean | Promise<boolean>;

export class Router {
  readonly #routes = new Map<string, Map<Method, Handler>>();
  readonly #patterns = new Map<string, PatternRoute>();
  readonly #guards: { prefix: string; guard: Guard }[] = [];
  #fallback: Handler | undefined;

  route(method: Method, path: string, handler: Handler): this {
    const pattern = path.includes('/:');
    const byMethod =
      (pattern ? this.#patterns.get(path)?.byMethod : this.#routes.get(path)) ??
      new Map<Method, Handler>();
    byMethod.set(method, handler);
    // Every GET route answers HEAD too (Node leaves the body out of HEAD answers).
    if (method === 'GET' && !byMethod.has('HEAD')) byMethod.set('HEAD', handler);
    if (pattern) this.#patterns.set(path, { segments: path.split('/'), byMethod });
    else this.#routes.set(path, byMethod);
    return this;
  }

  /** The handlers and params of the route `path` matches, exact routes first. */
  #match(
    path: string,
  ): { byMethod: Map<Method, Handler>; params?: Record<string, string> } | undefined {
    const exact = this.#routes.get(path);
    if (exact !== undefined) return { byMethod: exact };
    for (const route of this.#patterns.values()) {
      const params = matchSegments(route.segments, path);
      if (params !== undefined) return { byMethod: route.byMethod, params };
    }
    return undefined;
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
    const matched = this.#match(ctx.path);
    if (matched !== undefined) {
      const handler = matched.byMethod.get(ctx.method as Method);
      if (handler === undefined) {
        methodNotAllowed(ctx, [...matched.byMethod.keys()]);
        return;
      }
      await handler(matched.params === undefined ? ctx : { ...ctx, params: matched.params });
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
