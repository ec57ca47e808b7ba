// The typed errors of the HTTPS port: stable codes, French messages, retry hints for the outbox.
import { describe, expect, it } from 'vitest';
import {
  type TransportError,
  TransportHttpStatusError,
  isTransportError,
  transportErrors,
} from '../../../src/domain/ports/HttpsTransport.js';
import { NavetteError } from '../../../src/domain/errors/NavetteError.js';

const where = { origin: 'https://lps.dmp.example' };

describe('transportErrors', () => {
  it('are NavetteErrors with a stable code, a French message and retry hints', () => {
    const all: TransportError[] = [
      transportErrors.serverUntrusted(where),
      transportErrors.clientRefused(where),
      transportErrors.negotiationFailed(where),
      transportErrors.clientIdentityInvalid('fichier illisible'),
      transportErrors.clientPinIncorrect(),
      transportErrors.clientPinLocked(),
      transportErrors.trustAnchorsInvalid('vide'),
      transportErrors.timeout({ ...where, timeoutMs: 30_000, connected: true }),
      transportErrors.connectionReset({ ...where, connected: true }),
      transportErrors.unreachable(where),
      transportErrors.httpStatus(503, where.origin),
      transportErrors.aborted({ ...where, connected: false }),
      transportErrors.closed(),
    ];
    for (const error of all) {
      expect(error).toBeInstanceOf(NavetteError);
      expect(isTransportError(error)).toBe(true);
      expect(error.code).toMatch(/^TRANSPORT_[A-Z_]+$/);
      expect(error.message).toMatch(/[éèàêç]|serveur|carte|connexion/);
      expect(error.toJSON().details['retryable']).toBe(error.retryable);
    }
    expect(new Set(all.map((e) => e.code)).size).toBe(all.length);
    const retryable = all.filter((e) => e.retryable).map((e) => e.code);
    expect(retryable.sort()).toEqual([
      'TRANSPORT_CLOSED',
      'TRANSPORT_CONNECTION_RESET',
      'TRANSPORT_HTTP_STATUS',
      'TRANSPORT_TIMEOUT',
      'TRANSPORT_UNREACHABLE',
    ]);
  });

  it('retries 5xx except 501 and 505, and keeps the status', () => {
    const e503 = transportErrors.httpStatus(503, where.origin);
    expect(e503).toBeInstanceOf(TransportHttpStatusError);
    expect(e503.status).toBe(503);
    expect(e503.retryable).toBe(true);
    expect(e503.message).toContain('503');
    expect(transportErrors.httpStatus(501, where.origin).retryable).toBe(false);
    expect(transportErrors.httpStatus(505, where.origin).retryable).toBe(false);
    expect(transportErrors.httpStatus(404, where.origin).retryable).toBe(false);
  });

  it('say whether the request may have reached the server', () => {
    expect(transportErrors.unreachable(where).mayHaveReachedServer).toBe(false);
    expect(
      transportErrors.timeout({ ...where, timeoutMs: 1, connected: false }).mayHaveReachedServer,
    ).toBe(false);
    expect(
      transportErrors.timeout({ ...where, timeoutMs: 1, connected: true }).mayHaveReachedServer,
    ).toBe(true);
    expect(transportErrors.httpStatus(502, where.origin).mayHaveReachedServer).toBe(true);
  });

  it('keep the cause without putting it in the details', () => {
    const cause = new Error('socket hang up');
    const e = transportErrors.connectionReset({
      ...where,
      connected: true,
      cause,
      reason: 'ECONNRESET',
    });
    expect(e.cause).toBe(cause);
    expect(e.details).toEqual({ origin: where.origin, reason: 'ECONNRESET', retryable: true });
  });
});
