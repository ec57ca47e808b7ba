// The handler of `protocol.handle('app', …)`: serves the compiled UI folder, read-only, with our
// security headers on every answer (the CSP travels with the response itself, and the session
// hook in hardening.ts forces it again for anything else the window loads).
import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { APP_HOST, APP_SCHEME } from './appScheme.js';
import { APP_RESPONSE_HEADERS } from './csp.js';
import { contentTypeOf, isInside, resolveAppPath } from './resolveAppPath.js';

/** What the handler reads of a request (Electron passes a full fetch Request). */
export interface AppRequest {
  readonly url: string;
  readonly method: string;
}

export interface AppProtocolOptions {
  /** The compiled UI folder (dist/renderer). */
  readonly root: string;
  /** Called for every refused request, with the reason (for the log; no patient data here). */
  readonly onRefused?: (reason: string, url: string) => void;
}

export type AppProtocolHandler = (request: AppRequest) => Promise<Response>;

export function createAppProtocolHandler(options: AppProtocolOptions): AppProtocolHandler {
  const root = path.resolve(options.root);
  // Resolved lazily and kept: the folder does not move while Navette runs.
  let realRoot: Promise<string | undefined> | undefined;
  const refuse = (status: number, reason: string, url: string): Response => {
    options.onRefused?.(reason, url);
    return textResponse(status, status === 405 ? 'Méthode non autorisée.' : 'Introuvable.');
  };

  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return refuse(405, 'method', request.url);
    }
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return refuse(404, 'url', request.url);
    }
    if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) {
      return refuse(404, 'host', request.url);
    }
    realRoot ??= realpath(root).catch(() => undefined);
    const base = await realRoot;
    if (base === undefined) {
      return textResponse(
        503,
        "L'interface de Navette n'a pas été construite : lancez « npm run build », puis redémarrez Navette.",
      );
    }
    const file = resolveAppPath(base, url.pathname, path);
    if (file === undefined) return refuse(404, 'path', request.url);
    // A symbolic link inside the folder must not lead outside it.
    const real = await realpath(file).catch(() => undefined);
    if (real === undefined || !isInside(base, real, path)) {
      return refuse(404, 'missing', request.url);
    }
    const info = await stat(real).catch(() => undefined);
    if (info === undefined || !info.isFile()) return refuse(404, 'not-a-file', request.url);

    const body = request.method === 'HEAD' ? null : await readFile(real);
    return new Response(body, {
      status: 200,
      headers: {
        ...APP_RESPONSE_HEADERS,
        'Content-Type': contentTypeOf(real, path),
        'Content-Length': String(info.size),
      },
    });
  };
}

function textResponse(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { ...APP_RESPONSE_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' },
  });
}
