// `navette doctor`'s look at the configured DMP: a TCP connection, a TLS 1.2 handshake with the
// DMP's policy, the server's certificate checked against the configured anchors, and — when a
// client identity is available (structure certificate, or the card after the PIN) — one HEAD
// request for the server's Date header, to compare clocks. Nothing is sent to the DMP's services:
// a HEAD on the service path carries no message.
import net from 'node:net';
import tls, { type DetailedPeerCertificate, type SecureContext } from 'node:tls';
import { DMP_NODE_TLS_POLICY } from '../dmpTlsPolicy.js';
import { verifyServerChain } from './verifyServerChain.js';

export interface ProbeOptions {
  readonly endpoint: string;
  readonly trustAnchorsPem: readonly string[];
  /** The client identity (it holds the anchors too); none: the handshake goes as far as it can. */
  readonly clientContext?: SecureContext;
  readonly timeoutMs?: number;
  readonly now?: () => Date;
}

export type ProbeOutcome =
  | { readonly kind: 'unreachable'; readonly reason: string }
  | { readonly kind: 'timeout'; readonly timeoutMs: number }
  | { readonly kind: 'server-untrusted'; readonly reason: string }
  /** No identity presented; the server, whose certificate verified, asks for one. */
  | { readonly kind: 'client-certificate-required' }
  /** Our identity was presented and the server ended the handshake. */
  | { readonly kind: 'client-refused'; readonly reason: string }
  | { readonly kind: 'tls-failed'; readonly reason: string }
  | {
      readonly kind: 'connected';
      readonly protocol: string | null;
      readonly cipher: string;
      readonly httpStatus: number | null;
      /** The server's Date header, when it answered. */
      readonly serverDate: Date | null;
      /** Our clock at the middle of the request's round trip. */
      readonly localDate: Date;
      readonly roundTripMs: number;
    };

const DEFAULT_TIMEOUT_MS = 10_000;
const CLIENT_CERTIFICATE_ALERTS =
  /ALERT_HANDSHAKE_FAILURE|CERTIFICATE_REQUIRED|ALERT_BAD_CERTIFICATE|ALERT_UNKNOWN_CA|CERTIFICATE_UNKNOWN|ALERT_ACCESS_DENIED|ALERT_DECRYPT_ERROR/;

function describe(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  return typeof code === 'string' ? `${code} : ${message.split('\n')[0] ?? ''}` : message;
}

function headRequest(
  socket: tls.TLSSocket,
  url: URL,
  timeoutMs: number,
): Promise<{ status: number; date: string | null }> {
  return new Promise((resolve, reject) => {
    let head = '';
    const timer = setTimeout(() => reject(new Error('timeout')), timeoutMs);
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      head += chunk;
      const end = head.indexOf('\r\n\r\n');
      if (end < 0 && head.length < 65536) return;
      clearTimeout(timer);
      const lines = head.slice(0, end < 0 ? head.length : end).split('\r\n');
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(lines[0] ?? '')?.[1] ?? NaN);
      const date =
        lines
          .find((l) => /^date:/i.test(l))
          ?.slice(5)
          .trim() ?? null;
      resolve({ status: Number.isFinite(status) ? status : 0, date });
    });
    socket.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    socket.on('end', () => {
      clearTimeout(timer);
      reject(new Error('connection closed before an answer'));
    });
    socket.write(
      `HEAD ${url.pathname.replace(/\/+$/, '')}/patients HTTP/1.1\r\nHost: ${url.host}\r\n` +
        'User-Agent: Navette-diagnostic\r\nConnection: close\r\n\r\n',
    );
  });
}

export function probeDmpServer(options: ProbeOptions): Promise<ProbeOutcome> {
  const url = new URL(options.endpoint);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = Number(url.port === '' ? 443 : url.port);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const now = options.now ?? (() => new Date());
  return new Promise<ProbeOutcome>((resolve) => {
    let settled = false;
    let secured = false;
    const finish = (outcome: ProbeOutcome): void => {
      if (settled) return;
      settled = true;
      socket.destroy();
      resolve(outcome);
    };
    const socket = tls.connect({
      host,
      port,
      ...(net.isIP(host) === 0 ? { servername: host } : {}),
      ...(options.clientContext === undefined
        ? { ca: [...options.trustAnchorsPem] }
        : { secureContext: options.clientContext }),
      minVersion: DMP_NODE_TLS_POLICY.minVersion,
      maxVersion: DMP_NODE_TLS_POLICY.maxVersion,
      ciphers: DMP_NODE_TLS_POLICY.ciphers,
      sigalgs: DMP_NODE_TLS_POLICY.sigalgs,
      // Verified below, to say precisely what is wrong; nothing is sent before that.
      rejectUnauthorized: false,
    });
    socket.setTimeout(timeoutMs, () => finish({ kind: 'timeout', timeoutMs }));
    socket.once('secureConnect', () => {
      secured = true;
      const peer = socket.getPeerCertificate(true);
      if (!socket.authorized) {
        finish({
          kind: 'server-untrusted',
          reason: String(socket.authorizationError ?? 'certificat non vérifié'),
        });
        return;
      }
      const identity = tls.checkServerIdentity(host, peer);
      if (identity !== undefined) {
        finish({ kind: 'server-untrusted', reason: `il n'est pas établi pour « ${host} »` });
        return;
      }
      const sentAt = Date.now();
      const local = now().getTime();
      headRequest(socket, url, timeoutMs).then(
        (answer) => {
          const roundTripMs = Date.now() - sentAt;
          const parsed = answer.date === null ? NaN : Date.parse(answer.date);
          finish({
            kind: 'connected',
            protocol: socket.getProtocol(),
            cipher: socket.getCipher().name,
            httpStatus: answer.status,
            serverDate: Number.isNaN(parsed) ? null : new Date(parsed),
            localDate: new Date(local + roundTripMs / 2),
            roundTripMs,
          });
        },
        (error: unknown) => {
          // A server that closes after an accepted handshake (it may refuse our certificate only
          // then): the TLS part worked, the answer says more.
          const text = describe(error);
          finish(
            CLIENT_CERTIFICATE_ALERTS.test(text)
              ? { kind: 'client-refused', reason: text }
              : {
                  kind: 'connected',
                  protocol: socket.getProtocol(),
                  cipher: socket.getCipher().name,
                  httpStatus: null,
                  serverDate: null,
                  localDate: now(),
                  roundTripMs: Date.now() - sentAt,
                },
          );
        },
      );
    });
    socket.once('error', (error: Error) => {
      if (secured) return;
      const text = describe(error);
      const code = (error as { code?: unknown }).code;
      if (
        typeof code === 'string' &&
        /^E(CONNREFUSED|NOTFOUND|HOSTUNREACH|NETUNREACH|CONNRESET|AI_AGAIN|ADDRNOTAVAIL)$/.test(
          code,
        )
      ) {
        finish({ kind: 'unreachable', reason: text });
        return;
      }
      let peer: DetailedPeerCertificate | undefined;
      try {
        const p = socket.getPeerCertificate(true);
        peer = p.raw === undefined ? undefined : p;
      } catch {
        peer = undefined;
      }
      if (peer !== undefined) {
        const untrusted = verifyServerChain(peer, options.trustAnchorsPem, host, now());
        if (untrusted !== null) {
          finish({ kind: 'server-untrusted', reason: untrusted });
          return;
        }
        if (CLIENT_CERTIFICATE_ALERTS.test(text)) {
          finish(
            options.clientContext === undefined
              ? { kind: 'client-certificate-required' }
              : { kind: 'client-refused', reason: text },
          );
          return;
        }
      }
      finish({ kind: 'tls-failed', reason: text });
    });
  });
}
