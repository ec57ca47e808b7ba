// The Node side of the HTTPS port: one secure context, built once by the subclass (the PKCS#12 or
// the token-key identity), shared by every connection of one keep-alive agent. Building the
// context once matters beyond speed: the OpenSSL pkcs11 engine cannot be initialised twice for
// the same key in one process when loaded by path (TECH-NOTES §2, docs/transport.md).
import https from 'node:https';
import type { SecureContext } from 'node:tls';
import {
  transportErrors,
  type HttpsRequest,
  type HttpsResponse,
  type HttpsTransport,
} from '../domain/ports/HttpsTransport.js';
import { postOverHttps } from './postOverHttps.js';

export interface AgentOptions {
  /** Connections per origin (default 4: a batch sends a few documents at once, not more). */
  readonly maxSockets?: number;
}

export class NodeHttpsTransport implements HttpsTransport {
  readonly #agent: https.Agent;
  #closed = false;

  protected constructor(secureContext: SecureContext, options: AgentOptions = {}) {
    this.#agent = new https.Agent({
      keepAlive: true,
      maxSockets: options.maxSockets ?? 4,
      scheduling: 'lifo',
      secureContext,
      // Explicit although it is Node's default: this transport never talks to an unverified
      // server. Hostname verification is Node's own checkServerIdentity (not overridden).
      rejectUnauthorized: true,
    });
  }

  post(url: string, request: HttpsRequest): Promise<HttpsResponse> {
    if (this.#closed) return Promise.reject(transportErrors.closed());
    return postOverHttps(this.#agent, url, request);
  }

  close(): Promise<void> {
    this.#closed = true;
    this.#agent.destroy();
    return Promise.resolve();
  }
}
