// The HTTPS server of the DMP test server: mutual TLS 1.2 with the PDT-INF-579 suites, client
// certificates checked against the sandbox's test root, the four SOAP endpoints and a small
// admin API for tests (access traces). It listens on 127.0.0.1 only.
import type { IncomingMessage, ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import {
  DMP_LPS_CIPHERS_OPENSSL,
  DMP_TLS_MAX_VERSION,
  DMP_TLS_MIN_VERSION,
  DMP_TLS_SIGALGS,
} from '../../protocol/tls/dmpTlsPolicy.js';
import type { FaultInjector } from '../faults/index.js';
import { handleSoapRequest, type SoapEndpointOptions, type SoapHandlers } from './soapEndpoint.js';

export interface AdminRoutes {
  /** GET /admin/<name>?… → JSON. */
  readonly [name: string]: (query: URLSearchParams) => unknown;
}

export interface SandboxHttpsServerOptions {
  /** PEM of the server certificate (chain) and key. */
  readonly certPem: string;
  readonly keyPem: string;
  /** PEM of the roots client certificates must chain to. */
  readonly clientCaPem: string;
  readonly handlers: SoapHandlers;
  readonly admin?: AdminRoutes;
  readonly faults?: FaultInjector;
  readonly onRequest?: SoapEndpointOptions['onRequest'];
  readonly maxRequestBytes?: number;
}

export class SandboxHttpsServer {
  private readonly server: https.Server;
  private readonly held = new Set<TLSSocket>();

  constructor(private readonly opts: SandboxHttpsServerOptions) {
    this.server = https.createServer(
      {
        cert: opts.certPem,
        key: opts.keyPem,
        ca: opts.clientCaPem,
        requestCert: true,
        rejectUnauthorized: true,
        minVersion: DMP_TLS_MIN_VERSION,
        maxVersion: DMP_TLS_MAX_VERSION,
        ciphers: DMP_LPS_CIPHERS_OPENSSL,
        honorCipherOrder: true,
        sigalgs: DMP_TLS_SIGALGS,
        // No Nagle delay on answers (Node's default for servers, said here because it matters:
        // a small last write would wait for the client's delayed ACK).
        noDelay: true,
      },
      (req, res) => {
        this.route(req, res).catch(() => {
          if (!res.headersSent) res.writeHead(500);
          res.end();
        });
      },
    );
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const handled = await handleSoapRequest(req, res, {
      handlers: this.opts.handlers,
      heldSockets: this.held,
      ...(this.opts.faults === undefined ? {} : { faults: this.opts.faults }),
      ...(this.opts.onRequest === undefined ? {} : { onRequest: this.opts.onRequest }),
      ...(this.opts.maxRequestBytes === undefined
        ? {}
        : { maxRequestBytes: this.opts.maxRequestBytes }),
    });
    if (handled) return;
    const url = new URL(req.url ?? '/', 'https://sandbox.invalid');
    const admin = /^\/admin\/([a-z-]+)$/.exec(url.pathname);
    const route = admin?.[1] === undefined ? undefined : this.opts.admin?.[admin[1]];
    if (req.method === 'GET' && route) {
      const body = Buffer.from(JSON.stringify(route(url.searchParams)), 'utf8');
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end(body);
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('Service inconnu du DMP de test.\n');
  }

  /** Starts listening on 127.0.0.1 (port 0 picks a free one); resolves with the port. */
  listen(port: number): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve((this.server.address() as AddressInfo).port);
      });
    });
  }

  /** Stops accepting, drops held (timed-out) connections and closes idle ones. */
  close(): Promise<void> {
    for (const s of this.held) s.destroy();
    this.held.clear();
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}
