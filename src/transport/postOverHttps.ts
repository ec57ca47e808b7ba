// One POST over an https.Agent: the request body streamed with backpressure, the response body
// handed over as it arrives, one inactivity timer for the whole exchange, abort, and every failure
// turned into a typed TransportError (mapNodeError.ts).
import type { ClientRequest, IncomingHttpHeaders, IncomingMessage } from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import {
  transportErrors,
  type HttpsRequest,
  type HttpsResponse,
} from '../domain/ports/HttpsTransport.js';
import { IdleTimer } from './IdleTimer.js';
import { mapNodeError } from './mapNodeError.js';

/** Sockets whose TLS handshake completed: a request reusing one is "connected" from the start. */
const handshaken = new WeakSet<Socket>();

function hasHeader(headers: Readonly<Record<string, string>>, name: string): boolean {
  return Object.keys(headers).some((key) => key.toLowerCase() === name);
}

function lowerCaseHeaders(raw: IncomingHttpHeaders): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

/** Resolves on 'drain', or on 'close' (the loop then sees the request destroyed and stops). */
function drained(req: ClientRequest): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = (): void => {
      req.off('drain', done);
      req.off('close', done);
      resolve();
    };
    req.once('drain', done);
    req.once('close', done);
  });
}

export function postOverHttps(
  agent: https.Agent,
  url: string,
  request: HttpsRequest,
): Promise<HttpsResponse> {
  const target = new URL(url);
  if (target.protocol !== 'https:') {
    throw new TypeError(`HttpsTransport: only https URLs are accepted (got ${target.protocol})`);
  }
  const origin = target.origin;
  if (request.signal?.aborted === true) {
    return Promise.reject(transportErrors.aborted({ origin, connected: false }));
  }

  const headers: Record<string, string> = { ...request.headers };
  if (request.body instanceof Uint8Array && !hasHeader(headers, 'content-length')) {
    headers['content-length'] = String(request.body.byteLength);
  }
  const req = https.request(target, { method: 'POST', agent, headers, rejectUnauthorized: true });
  // No Nagle: a request's last small write (an MTOM closing boundary) would otherwise wait for
  // the server's delayed ACK — measured +40 ms on one TD2.1 in three here; Windows delays ACKs
  // up to 200 ms.
  req.setNoDelay(true);

  let tcpConnected = false;
  let connected = false;
  /** The error we destroyed the exchange with (timeout, abort, the caller's body failing). */
  let failure: unknown = null;
  let response: IncomingMessage | null = null;
  const fail = (error: unknown): void => {
    failure ??= error;
    response?.destroy(error as Error);
    req.destroy(error as Error);
  };
  const context = () => ({ origin, tcpConnected, connected, timeoutMs: request.timeoutMs });
  const timer = new IdleTimer(request.timeoutMs, () =>
    fail(
      transportErrors.timeout({
        origin,
        reason: 'inactivity',
        timeoutMs: request.timeoutMs,
        connected,
      }),
    ),
  );
  const onAbort = (): void => fail(transportErrors.aborted({ origin, connected }));
  request.signal?.addEventListener('abort', onAbort);
  const finish = (): void => {
    timer.stop();
    request.signal?.removeEventListener('abort', onAbort);
  };

  req.on('socket', (socket: Socket) => {
    if (handshaken.has(socket)) {
      tcpConnected = true;
      connected = true;
      return;
    }
    socket.once('connect', () => {
      tcpConnected = true;
      timer.touch();
    });
    socket.once('secureConnect', () => {
      handshaken.add(socket);
      connected = true;
      timer.touch();
    });
  });

  async function sendBody(): Promise<void> {
    const body = request.body;
    if (body instanceof Uint8Array) {
      req.end(body, () => timer.touch());
      return;
    }
    try {
      for await (const chunk of body) {
        if (req.destroyed) return;
        const flushed = req.write(chunk, () => timer.touch());
        if (!flushed) await drained(req);
      }
      if (!req.destroyed) req.end(() => timer.touch());
    } catch (error: unknown) {
      // The caller's own body failed: the exchange fails with that error, unchanged.
      fail(error);
    }
  }

  async function* readBody(res: IncomingMessage): AsyncGenerator<Uint8Array> {
    timer.resume();
    let complete = false;
    try {
      for await (const chunk of res) {
        timer.touch();
        timer.pause(); // the caller's time with the chunk is not the server's
        yield chunk as Uint8Array;
        timer.resume();
      }
      complete = true;
    } catch (error: unknown) {
      throw failure ?? mapNodeError(error, context());
    } finally {
      finish();
      if (!complete) req.destroy();
    }
  }

  return new Promise<HttpsResponse>((resolve, reject) => {
    let settled = false;
    // Kept for the whole life of the request: a late error (after the body was read, or while it
    // is being read, which readBody reports) must not become an unhandled 'error' event.
    req.on('error', (error: Error) => {
      if (settled) return;
      settled = true;
      finish();
      reject(failure ?? mapNodeError(error, context()));
    });
    req.on('response', (res: IncomingMessage) => {
      if (settled) {
        res.destroy();
        return;
      }
      settled = true;
      response = res;
      timer.pause(); // until the caller starts reading the body
      resolve({
        status: res.statusCode ?? 0,
        headers: lowerCaseHeaders(res.headers),
        body: readBody(res),
      });
    });
    void sendBody();
  });
}
