// Node's network and TLS failures, sorted into typed transport errors.
import { describe, expect, it } from 'vitest';
import { transportErrors } from '../../../src/domain/ports/HttpsTransport.js';
import { alertNumberOf, mapNodeError } from '../../../src/transport/mapNodeError.js';

const origin = 'https://lps.dmp.example';
const beforeTcp = { origin, tcpConnected: false, connected: false, timeoutMs: 1000 };
const inHandshake = { origin, tcpConnected: true, connected: false, timeoutMs: 1000 };
const afterHandshake = { origin, tcpConnected: true, connected: true, timeoutMs: 1000 };
const contexts = {
  'before TCP': beforeTcp,
  'in handshake': inHandshake,
  'after handshake': afterHandshake,
};
type Phase = keyof typeof contexts;

function nodeError(code: string, message = code): Error {
  return Object.assign(new Error(message), { code });
}

describe('mapNodeError', () => {
  const cases: readonly [string, Phase, string, boolean, boolean][] = [
    [
      'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
      'in handshake',
      'TRANSPORT_TLS_SERVER_UNTRUSTED',
      false,
      false,
    ],
    ['SELF_SIGNED_CERT_IN_CHAIN', 'in handshake', 'TRANSPORT_TLS_SERVER_UNTRUSTED', false, false],
    ['CERT_HAS_EXPIRED', 'in handshake', 'TRANSPORT_TLS_SERVER_UNTRUSTED', false, false],
    [
      'ERR_TLS_CERT_ALTNAME_INVALID',
      'in handshake',
      'TRANSPORT_TLS_SERVER_UNTRUSTED',
      false,
      false,
    ],
    [
      'ERR_SSL_TLSV1_ALERT_UNKNOWN_CA',
      'in handshake',
      'TRANSPORT_TLS_CLIENT_REFUSED',
      false,
      false,
    ],
    [
      'ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE',
      'in handshake',
      'TRANSPORT_TLS_CLIENT_REFUSED',
      false,
      false,
    ],
    [
      'ERR_SSL_NO_PROTOCOLS_AVAILABLE',
      'in handshake',
      'TRANSPORT_TLS_NEGOTIATION_FAILED',
      false,
      false,
    ],
    ['ECONNREFUSED', 'before TCP', 'TRANSPORT_UNREACHABLE', true, false],
    ['ENOTFOUND', 'before TCP', 'TRANSPORT_UNREACHABLE', true, false],
    ['EHOSTUNREACH', 'before TCP', 'TRANSPORT_UNREACHABLE', true, false],
    ['ETIMEDOUT', 'before TCP', 'TRANSPORT_TIMEOUT', true, false],
    ['ECONNRESET', 'after handshake', 'TRANSPORT_CONNECTION_RESET', true, true],
    ['EPIPE', 'after handshake', 'TRANSPORT_CONNECTION_RESET', true, true],
    ['HPE_INVALID_CONSTANT', 'after handshake', 'TRANSPORT_CONNECTION_RESET', true, true],
    // A server that refuses the client certificate outside its TLS stack hangs up mid-handshake.
    ['ECONNRESET', 'in handshake', 'TRANSPORT_TLS_CLIENT_REFUSED', false, false],
  ];
  it.each(cases)('%s %s → %s', (code, phase, expected, retryable, reached) => {
    expect(mapNodeError(nodeError(code), contexts[phase])).toMatchObject({
      code: expected,
      retryable,
      mayHaveReachedServer: reached,
      details: expect.objectContaining({
        origin,
        reason: expect.stringContaining(code),
      }) as unknown,
    });
  });

  it('reads the alert number out of a generic EPROTO', () => {
    const alert = (n: number) =>
      nodeError('EPROTO', `write EPROTO …:ssl3_read_bytes:… alert …:SSL alert number ${n}`);
    expect(alertNumberOf(alert(48))).toBe(48);
    expect(mapNodeError(alert(48), inHandshake)).toMatchObject({
      code: 'TRANSPORT_TLS_CLIENT_REFUSED',
    });
    expect(mapNodeError(alert(116), inHandshake)).toMatchObject({
      code: 'TRANSPORT_TLS_CLIENT_REFUSED',
    });
    expect(mapNodeError(alert(70), inHandshake)).toMatchObject({
      code: 'TRANSPORT_TLS_NEGOTIATION_FAILED',
      details: expect.objectContaining({ reason: 'EPROTO alert 70' }) as unknown,
    });
    expect(mapNodeError(alert(40), inHandshake)).toMatchObject({
      code: 'TRANSPORT_TLS_NEGOTIATION_FAILED',
    });
  });

  it('passes typed errors and code-less errors through unchanged', () => {
    const typed = transportErrors.aborted({ origin, connected: true });
    expect(mapNodeError(typed, afterHandshake)).toBe(typed);
    const bug = new TypeError('oops');
    expect(mapNodeError(bug, afterHandshake)).toBe(bug);
  });
});
