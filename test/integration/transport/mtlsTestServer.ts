// A real Node https server on 127.0.0.1 that requires a client certificate (requestCert +
// rejectUnauthorized) and records what each exchange looked like from the server's side:
// protocol, cipher, client certificate CN, the TCP connection, the body's size and hash.
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';

export interface SeenExchange {
  readonly protocol: string | null;
  readonly cipher: string;
  readonly clientCn: string;
  readonly remotePort: number;
  readonly headers: IncomingMessage['headers'];
  bodyBytes: number;
  bodySha256: string;
}

export type Handler = (req: IncomingMessage, res: ServerResponse, seen: SeenExchange) => void;

export interface TestServerOptions {
  readonly keyPem: string;
  readonly certPem: string;
  /** The CA the server accepts client certificates from. */
  readonly clientCaPem: string;
  /** Default: read the body, answer 200 with its size and SHA-256 as JSON. */
  readonly handler?: Handler;
  readonly tls?: Pick<https.ServerOptions, 'minVersion' | 'maxVersion' | 'ciphers'>;
}

export interface TestServer {
  readonly port: number;
  readonly url: string;
  readonly seen: SeenExchange[];
  /** TLS handshakes the server saw fail (client certificate refused, no common suite…). */
  readonly tlsErrors: string[];
  close(): Promise<void>;
}

/** Reads the whole request body into `seen` (size and hash), then calls `done`. */
export function consumeBody(req: IncomingMessage, seen: SeenExchange, done: () => void): void {
  const hash = createHash('sha256');
  req.on('data', (chunk: Buffer) => {
    seen.bodyBytes += chunk.length;
    hash.update(chunk);
  });
  req.on('end', () => {
    seen.bodySha256 = hash.digest('hex');
    done();
  });
}

const echoDigest: Handler = (req, res, seen) =>
  consumeBody(req, seen, () => {
    res.setHeader('Content-Type', 'application/json');
    res.setHeader('X-Test', ['a', 'b']);
    res.end(JSON.stringify({ bytes: seen.bodyBytes, sha256: seen.bodySha256 }));
  });

export async function startMtlsServer(options: TestServerOptions): Promise<TestServer> {
  const seen: SeenExchange[] = [];
  const tlsErrors: string[] = [];
  const handler = options.handler ?? echoDigest;
  const server = https.createServer(
    {
      key: options.keyPem,
      cert: options.certPem,
      ca: options.clientCaPem,
      requestCert: true,
      rejectUnauthorized: true,
      ...options.tls,
    },
    (req, res) => {
      const socket = req.socket as TLSSocket;
      const peer = socket.getPeerCertificate();
      const exchange: SeenExchange = {
        protocol: socket.getProtocol(),
        cipher: socket.getCipher().name,
        clientCn: String(peer.subject?.CN ?? ''),
        remotePort: socket.remotePort ?? 0,
        headers: req.headers,
        bodyBytes: 0,
        bodySha256: '',
      };
      seen.push(exchange);
      handler(req, res, exchange);
    },
  );
  server.on('tlsClientError', (error: Error & { code?: string }) => {
    tlsErrors.push(error.code ?? error.message);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `https://127.0.0.1:${port}/si-dmp-server/v2/services/repository`,
    seen,
    tlsErrors,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Collects a response body (tests only: the transport itself never does this). */
export async function collect(body: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of body) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** `count` chunks of `size` bytes, produced lazily (the whole body never exists at once). */
export async function* generatedBody(count: number, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < count; i += 1) {
    yield Buffer.alloc(size, i % 251);
    await Promise.resolve();
  }
}

/** SHA-256 of what generatedBody(count, size) yields. */
export function generatedBodySha256(count: number, size: number): string {
  const hash = createHash('sha256');
  for (let i = 0; i < count; i += 1) hash.update(Buffer.alloc(size, i % 251));
  return hash.digest('hex');
}
