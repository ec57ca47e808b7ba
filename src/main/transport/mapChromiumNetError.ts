// Chromium's network errors ("net::ERR_…", as net.fetch rejects with them) sorted into the
// transport's typed errors. Names from Chromium's net/base/net_error_list.h.
import { transportErrors, type TransportError } from '../../domain/ports/HttpsTransport.js';

export interface ChromiumFailureContext {
  readonly origin: string;
  readonly timeoutMs: number;
}

const CLIENT_REFUSED = new Set([
  'ERR_BAD_SSL_CLIENT_AUTH_CERT',
  'ERR_SSL_CLIENT_AUTH_CERT_NEEDED',
  'ERR_SSL_CLIENT_AUTH_CERT_BAD_FORMAT',
  'ERR_SSL_DECRYPT_ERROR_ALERT',
]);
/** Our side could not use the key: no key for the certificate, PIN refused or cancelled. */
const CLIENT_KEY_UNUSABLE = new Set([
  'ERR_SSL_CLIENT_AUTH_PRIVATE_KEY_ACCESS_DENIED',
  'ERR_SSL_CLIENT_AUTH_CERT_NO_PRIVATE_KEY',
  'ERR_SSL_CLIENT_AUTH_SIGNATURE_FAILED',
]);
const NEGOTIATION = new Set([
  'ERR_SSL_VERSION_OR_CIPHER_MISMATCH',
  'ERR_SSL_PROTOCOL_ERROR',
  'ERR_SSL_OBSOLETE_VERSION_OR_CIPHER',
  'ERR_SSL_VERSION_INTERFERENCE',
  'ERR_SSL_CLIENT_AUTH_NO_COMMON_ALGORITHMS',
  'ERR_SSL_UNRECOGNIZED_NAME_ALERT',
]);
const UNREACHABLE = new Set([
  'ERR_CONNECTION_REFUSED',
  'ERR_CONNECTION_FAILED',
  'ERR_NAME_NOT_RESOLVED',
  'ERR_NAME_RESOLUTION_FAILED',
  'ERR_ADDRESS_UNREACHABLE',
  'ERR_ADDRESS_INVALID',
  'ERR_INTERNET_DISCONNECTED',
  'ERR_NETWORK_ACCESS_DENIED',
  'ERR_PROXY_CONNECTION_FAILED',
  'ERR_TUNNEL_CONNECTION_FAILED',
]);
const TIMEOUT_BEFORE_CONNECT = new Set(['ERR_CONNECTION_TIMED_OUT']);
const TIMEOUT = new Set(['ERR_TIMED_OUT']);

/** 'ERR_CONNECTION_REFUSED' out of "net::ERR_CONNECTION_REFUSED" (or null). */
export function chromiumNetErrorName(error: unknown): string | null {
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  return /net::(ERR_[A-Z0-9_]+)/.exec(message)?.[1] ?? null;
}

/** Errors that are not Chromium network errors are returned unchanged (for the caller to rethrow). */
export function mapChromiumNetError(error: unknown, context: ChromiumFailureContext): unknown {
  const name = chromiumNetErrorName(error);
  if (name === null) return error;
  const where = { origin: context.origin, reason: name, cause: error };
  if (name.startsWith('ERR_CERT_') || name === 'ERR_INSECURE_RESPONSE') {
    return transportErrors.serverUntrusted(where);
  }
  if (CLIENT_REFUSED.has(name)) return transportErrors.clientRefused(where);
  if (CLIENT_KEY_UNUSABLE.has(name)) {
    return transportErrors.clientIdentityInvalid(
      "la carte n'a pas pu signer l'authentification (code porteur refusé ou annulé, ou clé absente)",
      error,
    );
  }
  if (NEGOTIATION.has(name)) return transportErrors.negotiationFailed(where);
  if (UNREACHABLE.has(name)) return transportErrors.unreachable(where);
  if (TIMEOUT_BEFORE_CONNECT.has(name) || TIMEOUT.has(name)) {
    return transportErrors.timeout({
      ...where,
      timeoutMs: context.timeoutMs,
      connected: TIMEOUT.has(name),
    });
  }
  // Resets, closed connections, empty or truncated answers, and anything Chromium adds later:
  // the request may have arrived, and trying again later may work.
  return transportErrors.connectionReset({ ...where, connected: true }) satisfies TransportError;
}
