// CORS, closed by default. A browser page from another origin may send requests to 127.0.0.1;
// it must not get an answer. Browsers put `Origin` on every cross-origin request (and on
// same-origin ones other than GET/HEAD), so: no `Origin`, or our own, passes; an origin on the
// allowlist (config `api.allowedOrigins`, empty by default) passes with CORS headers; anything
// else is refused 403, preflights included.
import { closeAfterAnswer } from './connection.js';
import { sendError } from './responses.js';
import type { Guard, RequestContext } from './router.js';

export interface OriginCheckOptions {
  /** Exact origins (`https://app.example:8443`) whose pages may call the API. */
  readonly allowedOrigins?: readonly string[];
  /** Our own origins (`http://127.0.0.1:port`, `http://localhost:port`), known once listening. */
  readonly ownOrigins: () => ReadonlySet<string>;
}

const PREFLIGHT_MAX_AGE_SECONDS = '600';

/** The origins a page served by this server carries. */
export function ownOrigins(port: number): ReadonlySet<string> {
  return new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);
}

function refuse(ctx: RequestContext, origin: string | undefined): false {
  closeAfterAnswer(ctx);
  sendError(
    ctx.res,
    403,
    'ORIGIN_REFUSED',
    origin === undefined
      ? "Navette refuse les requêtes de contrôle CORS : l'API locale n'est pas ouverte aux pages web d'autres sites."
      : `Navette refuse les requêtes venant de la page « ${origin.slice(0, 200)} » : l'API locale n'est ouverte qu'aux origines autorisées (réglage api.allowedOrigins).`,
  );
  return false;
}

export function originCheck(options: OriginCheckOptions): Guard {
  const allowed = new Set((options.allowedOrigins ?? []).map((o) => o.toLowerCase()));
  return (ctx) => {
    const origin = ctx.req.headers.origin;
    const listed = origin !== undefined && allowed.has(origin.toLowerCase());
    if (ctx.method === 'OPTIONS') {
      if (origin === undefined || !listed) return refuse(ctx, origin);
      ctx.res.writeHead(204, {
        'Access-Control-Allow-Origin': origin,
        'Access-Control-Allow-Methods': 'GET, POST, PUT, DELETE',
        'Access-Control-Allow-Headers': 'Authorization, Content-Type',
        'Access-Control-Max-Age': PREFLIGHT_MAX_AGE_SECONDS,
        Vary: 'Origin',
      });
      ctx.res.end();
      return false;
    }
    if (origin === undefined || options.ownOrigins().has(origin.toLowerCase())) return true;
    if (!listed) return refuse(ctx, origin);
    ctx.res.setHeader('Access-Control-Allow-Origin', origin);
    ctx.res.setHeader('Vary', 'Origin');
    return true;
  };
}
