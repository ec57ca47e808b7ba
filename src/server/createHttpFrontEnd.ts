// The routes of the local server. `/health` is open; `/api/*` sits behind the origin, token and
// body guards of the local API (localApi.ts); everything else is the web UI.
import type { HealthReport } from '../api/health.js';
import { API_PREFIX, HEALTH } from '../api/operations.js';
import { withDemoBanner } from './demoBanner.js';
import { mountLocalApi, type LocalApiOptions } from './localApi.js';
import { LocalServer, type ServerLog } from './LocalServer.js';
import { ownOrigins } from './originCheck.js';
import { sendJson, sendNotFound } from './responses.js';
import { Router, type Guard } from './router.js';
import { staticFiles } from './staticFiles.js';

export interface HttpFrontEndOptions {
  /** The current health report (called on every `GET /health`). */
  readonly health: () => HealthReport;
  /** The compiled web UI (dist/renderer). */
  readonly uiDir: string;
  readonly demo: boolean;
  /** The local API. Without it, every `/api/*` path is unknown (or answered by `apiGuard`). */
  readonly api?: LocalApiOptions;
  /** A custom check in front of `/api/*` when `api` is absent (tests). */
  readonly apiGuard?: Guard;
  readonly log?: ServerLog;
}

export function createHttpFrontEnd(options: HttpFrontEndOptions): LocalServer {
  const router = new Router().route(HEALTH.method, HEALTH.path, ({ res }) =>
    sendJson(res, 200, options.health()),
  );
  // The API's own origins depend on the port, known once the server created below listens.
  const self: { server?: LocalServer } = {};
  if (options.api === undefined) {
    router.guard(API_PREFIX, options.apiGuard ?? (({ res }) => (sendNotFound(res), false)));
  } else {
    mountLocalApi(router, options.api, {
      ownOrigins: () => ownOrigins(self.server?.port ?? 0),
      alsoDescribe: [HEALTH],
      ...(options.log === undefined ? {} : { log: options.log }),
    });
  }
  router.fallback(
    staticFiles({
      root: options.uiDir,
      transformIndex: (html) => withDemoBanner(html, options.demo),
    }),
  );
  const server =
    options.log === undefined
      ? new LocalServer({ router })
      : new LocalServer({ router, log: options.log });
  self.server = server;
  return server;
}
