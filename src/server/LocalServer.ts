// The local HTTP server: loopback only, `Host` checked, security headers on every answer, and a
// stop that drains (stop accepting, let in-flight requests finish within a bound, then cut).
import { setMaxListeners } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PortInUseError, ServerStartError } from './errors.js';
import { allowedHosts, isAllowedHost } from './hostCheck.js';
import { sendError } from './responses.js';
import type { Router } from './router.js';
import { SECURITY_HEADERS } from './securityHeaders.js';

/** Never 0.0.0.0: nothing outside this computer may reach the service. */
export const LOOPBACK_HOST = '127.0.0.1';

/** What the server logs with (the domain Logger port satisfies it). */
export interface ServerLog {
  debug(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export interface LocalServerOptions {
  readonly router: Router;
  readonly log?: ServerLog;
}

export class LocalServer {
  readonly #server: Server;
  readonly #router: Router;
  readonly #log: ServerLog | undefined;
  #allowed: ReadonlySet<string> = new Set();
  #port = 0;
  #inFlight = 0;
  #stopping = false;
  readonly #stopSignal = new AbortController();
  #idleWaiters: (() => void)[] = [];

  constructor(options: LocalServerOptions) {
    this.#router = options.router;
    this.#log = options.log;
    // One listener per open event stream: any number of clients may follow the events.
    setMaxListeners(0, this.#stopSignal.signal);
    this.#server = createServer((req, res) => this.#onRequest(req, res));
  }

  get port(): number {
    return this.#port;
  }

  get url(): string {
    return `http://${LOOPBACK_HOST}:${this.#port}/`;
  }

  /** Requests being answered right now. */
  get inFlight(): number {
    return this.#inFlight;
  }

  /** Listens on 127.0.0.1:`port` (0 picks a free port); resolves with the port. */
  listen(port: number): Promise<number> {
    return new Promise((resolve, reject) => {
      const onError = (error: NodeJS.ErrnoException): void => {
        reject(
          error.code === 'EADDRINUSE'
            ? new PortInUseError(port, { cause: error })
            : new ServerStartError(port, { cause: error }),
        );
      };
      this.#server.once('error', onError);
      this.#server.listen({ host: LOOPBACK_HOST, port, exclusive: true }, () => {
        this.#server.off('error', onError);
        this.#port = (this.#server.address() as AddressInfo).port;
        this.#allowed = allowedHosts(this.#port);
        resolve(this.#port);
      });
    });
  }

  /**
   * Stops accepting connections, waits up to `graceMs` for in-flight requests, then closes every
   * connection. Resolves true when everything finished within the bound.
   */
  async stop(graceMs = 5000): Promise<boolean> {
    if (!this.#server.listening) return true;
    this.#stopping = true;
    this.#stopSignal.abort();
    const closed = new Promise<void>((resolve) => this.#server.close(() => resolve()));
    this.#server.closeIdleConnections();
    const drained = await this.#waitIdle(graceMs);
    if (!drained) {
      this.#log?.warn('stop: in-flight requests cut after the grace period', {
        inFlight: this.#inFlight,
        graceMs,
      });
    }
    this.#server.closeAllConnections();
    await closed;
    return drained;
  }

  #waitIdle(graceMs: number): Promise<boolean> {
    if (this.#inFlight === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), graceMs);
      this.#idleWaiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  #onRequest(req: IncomingMessage, res: ServerResponse): void {
    const started = performance.now();
    this.#inFlight++;
    res.once('close', () => {
      this.#inFlight--;
      // The query string is never logged: later routes may carry identifiers in it.
      this.#log?.debug('http', {
        method: req.method,
        path: (req.url ?? '').split('?')[0],
        status: res.statusCode,
        ms: Math.round(performance.now() - started),
      });
      if (this.#inFlight === 0) {
        const waiters = this.#idleWaiters;
        this.#idleWaiters = [];
        for (const wake of waiters) wake();
      }
    });
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    if (this.#stopping) res.setHeader('Connection', 'close');

    if (!isAllowedHost(req.headers.host, this.#allowed)) {
      sendError(
        res,
        403,
        'HOST_REFUSED',
        "Navette ne répond qu'aux adresses 127.0.0.1 et localhost de cet ordinateur.",
      );
      return;
    }
    const raw = req.url ?? '';
    const queryAt = raw.indexOf('?');
    const ctx = {
      req,
      res,
      method: req.method ?? 'GET',
      path: queryAt === -1 ? raw : raw.slice(0, queryAt),
      query: queryAt === -1 ? '' : raw.slice(queryAt + 1),
      stopping: this.#stopSignal.signal,
    };
    this.#router.handle(ctx).catch((error: unknown) => {
      this.#log?.error('http: request failed', {
        path: ctx.path,
        error: error instanceof Error ? error.message : String(error),
      });
      if (!res.headersSent) {
        sendError(res, 500, 'INTERNAL_ERROR', 'Navette a rencontré une erreur interne. Réessayez.');
      } else {
        res.destroy();
      }
    });
  }
}
