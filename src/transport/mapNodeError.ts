// Node's network and TLS errors, sorted into the transport's typed errors. Pure: the exchange
// tells where it stood (`connected`: the TLS handshake had completed on the socket in use).
import { isTransportError, transportErrors } from '../domain/ports/HttpsTransport.js';

export interface FailureContext {
  /** Scheme, host and port of the server: the only part of the URL errors carry. */
  readonly origin: string;
  /** The TCP connection was up (false: refused, unreachable, name not resolved). */
  readonly tcpConnected: boolean;
  /** The TLS handshake had completed on the socket in use. */
  readonly connected: boolean;
  readonly timeoutMs: number;
}

/** TLS alerts (RFC 5246 §7.2, RFC 8446 §6) by number: who is at fault. */
const CLIENT_REFUSED_ALERTS = new Set([42, 43, 44, 45, 46, 48, 49, 51, 116]);
const NEGOTIATION_ALERTS = new Set([40, 47, 70, 71, 86, 109, 110, 120]);

/** The alert number OpenSSL quotes in a generic EPROTO error ("SSL alert number 70"). */
export function alertNumberOf(error: unknown): number | null {
  const message = error instanceof Error ? error.message : '';
  const match = /SSL alert number (\d+)/.exec(message);
  return match?.[1] === undefined ? null : Number(match[1]);
}

/** Our certificate check of the server failed (OpenSSL verify codes, Node's hostname check). */
const SERVER_UNTRUSTED = new Set([
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_DECRYPT_CERT_SIGNATURE',
  'UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY',
  'CERT_SIGNATURE_FAILURE',
  'CERT_NOT_YET_VALID',
  'CERT_HAS_EXPIRED',
  'ERROR_IN_CERT_NOT_BEFORE_FIELD',
  'ERROR_IN_CERT_NOT_AFTER_FIELD',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'CERT_CHAIN_TOO_LONG',
  'CERT_REVOKED',
  'INVALID_CA',
  'PATH_LENGTH_EXCEEDED',
  'INVALID_PURPOSE',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'HOSTNAME_MISMATCH',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'ERR_TLS_CERT_ALTNAME_FORMAT',
]);

/** Alerts a server sends when it rejects the client certificate. */
const CLIENT_REFUSED = new Set([
  'ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE',
  'ERR_SSL_SSLV3_ALERT_UNSUPPORTED_CERTIFICATE',
  'ERR_SSL_SSLV3_ALERT_CERTIFICATE_REVOKED',
  'ERR_SSL_SSLV3_ALERT_CERTIFICATE_EXPIRED',
  'ERR_SSL_SSLV3_ALERT_CERTIFICATE_UNKNOWN',
  'ERR_SSL_TLSV1_ALERT_UNKNOWN_CA',
  'ERR_SSL_TLSV1_ALERT_ACCESS_DENIED',
  'ERR_SSL_TLSV1_ALERT_DECRYPT_ERROR',
  'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED',
]);

const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_FAIL',
  'EAI_NONAME',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'EADDRNOTAVAIL',
]);

const RESET = new Set([
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ERR_STREAM_PREMATURE_CLOSE',
  'ERR_STREAM_DESTROYED',
  'ERR_SOCKET_CLOSED',
]);

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * The typed error for `error`. Errors without a code are not network failures (a bug, or the
 * caller's own body iterable failing): they are returned unchanged for the caller to rethrow.
 */
export function mapNodeError(error: unknown, context: FailureContext): unknown {
  if (isTransportError(error)) return error;
  const code = codeOf(error);
  if (code === undefined) return error;
  const where = { origin: context.origin, reason: code, cause: error };
  if (SERVER_UNTRUSTED.has(code)) return transportErrors.serverUntrusted(where);
  if (CLIENT_REFUSED.has(code)) return transportErrors.clientRefused(where);
  const alert = alertNumberOf(error);
  if (alert !== null && !context.connected) {
    const alertWhere = { ...where, reason: `${code} alert ${alert}` };
    if (CLIENT_REFUSED_ALERTS.has(alert)) return transportErrors.clientRefused(alertWhere);
    if (NEGOTIATION_ALERTS.has(alert)) return transportErrors.negotiationFailed(alertWhere);
  }
  // A server that checks the client certificate outside its TLS stack (Node's https server,
  // some load balancers) drops the connection during the handshake instead of sending an alert.
  // A network failure in those few milliseconds is far less likely than a refusal; the details
  // say the cause was inferred.
  if (code === 'ECONNRESET' && context.tcpConnected && !context.connected) {
    return transportErrors.clientRefused({ ...where, reason: 'ECONNRESET during TLS handshake' });
  }
  if (UNREACHABLE.has(code)) return transportErrors.unreachable(where);
  if (code === 'ETIMEDOUT') {
    return transportErrors.timeout({
      ...where,
      timeoutMs: context.timeoutMs,
      connected: context.connected,
    });
  }
  if (RESET.has(code) || code.startsWith('HPE_')) {
    return transportErrors.connectionReset({ ...where, connected: context.connected });
  }
  // Any other TLS failure before the handshake completed: no protocol, suite or signature
  // algorithm in common, or a server that does not speak TLS at all.
  if ((code.startsWith('ERR_SSL_') || code === 'EPROTO') && !context.connected) {
    return transportErrors.negotiationFailed(where);
  }
  return transportErrors.connectionReset({ ...where, connected: context.connected });
}
