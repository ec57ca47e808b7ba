// The routes of the local server. `/health` is open; `/api/*` (later issues) sits behind a guard
// that checks the bearer token; everything else is the web UI.
import type { HealthReport } from '../api/health.js';
import { API_PREFIX, HEALTH } from '../api/operations.js';
import { withDemoBanner } from './demoBanner.js';
import { LocalServer, type ServerLog } from './LocalServer.js';
import { sendJson, sendNotFound } from './responses.js';
import { Router, type Guard } from './router.js';
import { staticFiles } from './staticFiles.js';

export interface HttpFrontEndOptions {
  /** The current health report (called on every `GET /health`). */
  readonly health: () => HealthReport;
  /** The compiled web UI (dist/renderer). */
  readonly uiDir: string;
  readonly demo: boolean;
  /** The check in front of `/api/*`. Until the token arrives, every `/api/*` path is unknown. */
  readonly apiGuard?: Guard;
  readonly log?: ServerLog;
}

export function createHttpFrontEnd(options: HttpFrontEndOptions): LocalServer {
  const router = new Router()
    .route(HEALTH.method, HEALTH.path, ({ res }) => sendJson(res, 200, options.health()))
    .guard(API_PREFIX, options.apiGuard ?? (({ res }) => (sendNotFound(res), false)))
    .fallback(
      staticFiles({
        root: options.uiDir,
        transformIndex: (html) => withDemoBanner(html, options.demo),
      }),
    );
  return options.log === undefined
    ? new LocalServer({ router })
    : new LocalServer({ router, log: options.log });
}
