// The body guard of `/api/*`: a request that carries a body must say it is JSON (415 otherwise),
// stay within the size limit counted as it streams (413), and parse (400). The parsed value waits
// for the route in a WeakMap keyed by the request.
import type { IncomingMessage } from 'node:http';
import { closeAfterAnswer } from './connection.js';
import { hasBody, isJsonContentType, readBody } from './requestBody.js';
import { sendError } from './responses.js';
import type { Guard } from './router.js';

const bodies = new WeakMap<IncomingMessage, unknown>();

/** The parsed JSON body of a request (undefined when it had none). */
export function jsonBodyOf(req: IncomingMessage): unknown {
  return bodies.get(req);
}

function megabytes(bytes: number): string {
  return (bytes / (1024 * 1024)).toLocaleString('fr-FR', { maximumFractionDigits: 2 });
}

export function jsonBody(maxBytes: number): Guard {
  return async (ctx) => {
    const { req, res } = ctx;
    if (!hasBody(req)) return true;
    if (!isJsonContentType(req.headers['content-type'])) {
      closeAfterAnswer(ctx);
      sendError(
        res,
        415,
        'UNSUPPORTED_MEDIA_TYPE',
        "Le corps de la requête doit être du JSON, envoyé avec l'en-tête Content-Type: application/json.",
      );
      return false;
    }
    const read = await readBody(req, maxBytes);
    if (!read.ok) {
      if (read.reason === 'aborted') {
        res.destroy();
        return false;
      }
      closeAfterAnswer(ctx);
      sendError(
        res,
        413,
        'BODY_TOO_LARGE',
        `Le corps de la requête dépasse la taille maximale acceptée par Navette (${megabytes(maxBytes)} Mo).`,
      );
      return false;
    }
    if (read.bytes.length === 0) return true;
    try {
      bodies.set(req, JSON.parse(read.bytes.toString('utf8')) as unknown);
    } catch {
      sendError(res, 400, 'INVALID_JSON', "Le corps de la requête n'est pas du JSON valide.");
      return false;
    }
    return true;
  };
}
