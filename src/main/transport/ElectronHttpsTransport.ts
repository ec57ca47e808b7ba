// The HTTPS port over Chromium's network stack (Electron main process): the only route that
// reaches a CPS card's authentication key on Windows and macOS, through the OS certificate
// store and the card middleware. Thin glue: the decisions are in the pure modules next to it.
//
// - net.fetch on a dedicated, in-memory session (never a renderer: CORS, and the key stays out
//   of any page), TLS capped at 1.2 with the DMP suites only (electronTlsConfig.ts);
// - the server's chain checked against the configured anchors only (verifyServerChain.ts);
// - the client certificate chosen by equality with the card's authentication certificate
//   (chooseClientCertificate.ts), and no certificate at all for any other request;
// - on Linux, Chromium reaches the card through NSS (the Cryptolib module registered in the
//   user's NSS database) and asks for its PIN through app.setClientCertRequestPasswordHandler,
//   which we answer with our own PIN prompt (`requestPin`). On Windows and macOS the OS or the
//   middleware shows its own PIN dialog.
// Electron is absent from build machines: this file is type-checked, never run there.
import type { App, Certificate, Session } from 'electron';
import {
  transportErrors,
  type HttpsRequest,
  type HttpsResponse,
  type HttpsTransport,
} from '../../domain/ports/HttpsTransport.js';
import {
  chooseClientCertificate,
  isOwnClientCertificateRequest,
} from './chooseClientCertificate.js';
import { checkedAnchors, sslConfigOf, type ElectronTlsPolicy } from './electronTlsConfig.js';
import { IdleTimer } from '../../app/transport.js';
import { mapChromiumNetError } from './mapChromiumNetError.js';
import { chainOf, chromiumVerifyResult, verifyServerChain } from './verifyServerChain.js';

/** In-memory partition (no "persist:"): nothing of the DMP exchanges is written to disk. */
export const DMP_SESSION_PARTITION = 'navette-dmp';

export interface PinRequest {
  readonly hostname: string;
  /** The token (card) name NSS reports. */
  readonly tokenName: string;
  /** A previous PIN was refused: the prompt should say so (and show tries left if known). */
  readonly isRetry: boolean;
}

/** Our PIN prompt. Rejecting cancels the handshake. Never retried automatically. */
export type RequestPin = (request: PinRequest) => Promise<string>;

export type TransportApp = Pick<
  App,
  'on' | 'removeListener' | 'setClientCertRequestPasswordHandler'
>;
export type TransportSession = Pick<
  Session,
  'fetch' | 'setSSLConfig' | 'setCertificateVerifyProc' | 'closeAllConnections'
>;

export interface ElectronTransportOptions {
  readonly trustAnchorsPem: readonly string[];
  readonly tls: ElectronTlsPolicy;
  /** DER of the inserted card's authentication certificate (card layer), or null without a card. */
  readonly authCertificateDer: () => Promise<Uint8Array | null>;
  readonly requestPin: RequestPin;
  readonly platform?: NodeJS.Platform;
  readonly now?: () => Date;
}

/** The dedicated session (call after app 'ready'). */
export function dmpSession(
  fromPartition: (partition: string, options: { cache: boolean }) => Session,
): Session {
  return fromPartition(DMP_SESSION_PARTITION, { cache: false });
}

function headersOf(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    out[name.toLowerCase()] = value;
  });
  return out;
}

type SelectListener = (
  event: { preventDefault(): void },
  webContents: unknown,
  url: string,
  list: Certificate[],
  callback: (certificate?: Certificate) => void,
) => void;

export class ElectronHttpsTransport implements HttpsTransport {
  readonly #app: TransportApp;
  readonly #session: TransportSession;
  readonly #options: ElectronTransportOptions;
  readonly #origins = new Set<string>();
  /** Exchanges in progress, with their origin (close() aborts them). */
  readonly #inFlight = new Map<AbortController, string>();
  #closed = false;

  readonly #onSelectCertificate: SelectListener = (event, webContents, url, list, callback) => {
    // Always decide ourselves: Electron's default is the first certificate of the store.
    event.preventDefault();
    if (!isOwnClientCertificateRequest(webContents === null, url, this.#origins)) {
      callback();
      return;
    }
    this.#options.authCertificateDer().then(
      (der) => callback((der === null ? null : chooseClientCertificate(list, der)) ?? undefined),
      () => callback(),
    );
  };

  constructor(app: TransportApp, session: TransportSession, options: ElectronTransportOptions) {
    this.#app = app;
    this.#session = session;
    this.#options = options;
    const anchors = checkedAnchors(options.trustAnchorsPem);
    const now = options.now ?? (() => new Date());
    session.setSSLConfig(sslConfigOf(options.tls));
    session.setCertificateVerifyProc((request, callback) => {
      const verdict = verifyServerChain({
        chainPem: chainOf(request.certificate),
        hostname: request.hostname,
        anchorsPem: anchors,
        now: now(),
      });
      callback(chromiumVerifyResult(verdict));
    });
    app.on('select-client-certificate', this.#onSelectCertificate);
    if ((options.platform ?? process.platform) === 'linux') {
      app.setClientCertRequestPasswordHandler(({ hostname, tokenName, isRetry }) =>
        options.requestPin({ hostname, tokenName, isRetry }),
      );
    }
  }

  async post(url: string, request: HttpsRequest): Promise<HttpsResponse> {
    if (this.#closed) throw transportErrors.closed();
    const target = new URL(url);
    if (target.protocol !== 'https:') {
      throw new TypeError(`HttpsTransport: only https URLs are accepted (got ${target.protocol})`);
    }
    const origin = target.origin;
    const context = { origin, timeoutMs: request.timeoutMs };
    if (request.signal?.aborted === true)
      throw transportErrors.aborted({ origin, connected: false });
    this.#origins.add(origin);

    const controller = new AbortController();
    let failure: unknown = null;
    const fail = (error: unknown): void => {
      failure ??= error;
      controller.abort(error);
    };
    // Chromium does not say whether the request left: assume it may have (the outbox reconciles).
    const timer = new IdleTimer(request.timeoutMs, () =>
      fail(transportErrors.timeout({ ...context, reason: 'inactivity', connected: true })),
    );
    const onAbort = (): void => fail(transportErrors.aborted({ origin, connected: true }));
    request.signal?.addEventListener('abort', onAbort);
    this.#inFlight.set(controller, origin);
    const finish = (): void => {
      timer.stop();
      request.signal?.removeEventListener('abort', onAbort);
      this.#inFlight.delete(controller);
    };

    const body =
      request.body instanceof Uint8Array
        ? // Typed for the DOM's BodyInit too (tests compile with it), which wants ArrayBuffer-backed.
          (request.body as Uint8Array<ArrayBuffer>)
        : uploadStream(
            request.body,
            () => timer.touch(),
            (error) => (failure ??= error),
          );
    // `duplex` is in Node's RequestInit, not yet in the DOM one the tests compile with.
    const init: RequestInit & { duplex: 'half' } = {
      method: 'POST',
      headers: { ...request.headers },
      body,
      duplex: 'half', // a streamed request body
      redirect: 'manual', // a SOAP endpoint never redirects; a 3xx is an answer like any other
      signal: controller.signal,
    };
    let response: Response;
    try {
      response = await this.#session.fetch(url, init);
    } catch (error: unknown) {
      finish();
      throw failure ?? mapChromiumNetError(error, context);
    }
    timer.pause(); // until the caller starts reading the body
    return {
      status: response.status,
      headers: headersOf(response.headers),
      body: readBody(response.body),
    };

    async function* readBody(
      stream: ReadableStream<Uint8Array> | null,
    ): AsyncGenerator<Uint8Array> {
      if (stream === null) {
        finish();
        return;
      }
      timer.resume();
      const reader = stream.getReader();
      let complete = false;
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          timer.touch();
          timer.pause();
          yield value;
          timer.resume();
        }
        complete = true;
      } catch (error: unknown) {
        throw failure ?? mapChromiumNetError(error, context);
      } finally {
        finish();
        if (!complete) reader.cancel().catch(() => undefined);
      }
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const [controller, origin] of this.#inFlight) {
      controller.abort(transportErrors.aborted({ origin, connected: true }));
    }
    this.#app.removeListener('select-client-certificate', this.#onSelectCertificate);
    await this.#session.closeAllConnections();
  }
}

/** The caller's iterable as a pull stream: one chunk read per chunk Chromium asks for. */
function uploadStream(
  body: AsyncIterable<Uint8Array>,
  onChunk: () => void,
  onError: (error: unknown) => void,
): ReadableStream<Uint8Array> {
  const iterator = body[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await iterator.next();
        if (next.done === true) {
          controller.close();
          return;
        }
        onChunk();
        controller.enqueue(next.value);
      } catch (error: unknown) {
        onError(error); // the caller's own failure comes back unchanged
        throw error;
      }
    },
    async cancel(reason) {
      await iterator.return?.(reason);
    },
  });
}
