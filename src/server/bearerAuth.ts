// The bearer-token check in front of every `/api/*` route. The token is compared by the store
// (hash, constant time) on every request, so a token created or revoked while the service runs
// takes effect at once. The token is never logged, not even in part.
import type { IncomingMessage } from 'node:http';
import { closeAfterAnswer } from './connection.js';
import type { ServerLog } from './LocalServer.js';
import { sendError } from './responses.js';
import type { Guard } from './router.js';

/** The client a token designates. */
export interface ApiClientIdentity {
  readonly name: string;
}

/** Checks a presented token (the store's ApiTokenRepository fits). */
export interface ApiTokenVerifier {
  verify(token: string): ApiClientIdentity | undefined;
}

const clients = new WeakMap<IncomingMessage, ApiClientIdentity>();

/** The client a request authenticated as (set by the guard). */
export function clientOf(req: IncomingMessage): ApiClientIdentity | undefined {
  return clients.get(req);
}

const SCHEME = /^Bearer[ \t]+([^\s]+)[ \t]*$/i;

/** The token of an `Authorization: Bearer <token>` header, or undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  return SCHEME.exec(header)?.[1];
}

export function bearerAuth(verifier: ApiTokenVerifier, log?: ServerLog): Guard {
  return (ctx) => {
    const token = bearerToken(ctx.req.headers.authorization);
    const client = token === undefined ? undefined : verifier.verify(token);
    if (client !== undefined) {
      clients.set(ctx.req, client);
      return true;
    }
    log?.warn('api: request refused', {
      path: ctx.path,
      reason: token === undefined ? 'no-token' : 'unknown-token',
    });
    closeAfterAnswer(ctx);
    sendError(
      ctx.res,
      401,
      'UNAUTHORIZED',
      token === undefined
        ? "Jeton d'accès manquant. Créez-en un avec « navette api token create --name NOM » puis envoyez-le dans l'en-tête Authorization: Bearer."
        : "Jeton d'accès inconnu ou révoqué. « navette api token list » affiche les jetons actifs.",
      {
        'WWW-Authenticate':
          token === undefined
            ? 'Bearer realm="navette"'
            : 'Bearer realm="navette", error="invalid_token"',
      },
    );
    return false;
  };
}
