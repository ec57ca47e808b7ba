// The pure decisions of the Electron session: which client certificate answers, which cipher
// suites stay, the TLS versions, the anchors, and how Chromium's errors are typed.
import { X509Certificate } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  CHROMIUM_TLS12_CIPHER_SUITES,
  checkedAnchors,
  chooseClientCertificate,
  chromiumNetErrorName,
  disabledCipherSuitesFor,
  isOwnClientCertificateRequest,
  mapChromiumNetError,
  sslConfigOf,
} from '../../../../src/main/transport/index.js';
import { isTransportError } from '../../../../src/domain/ports/HttpsTransport.js';
import {
  DMP_LPS_CIPHER_SUITES_IANA,
  DMP_TLS_MAX_VERSION,
  DMP_TLS_MIN_VERSION,
} from '../../../../src/protocol/tls/dmpTlsPolicy.js';
import {
  DEFAULT_TEST_CARDS,
  generateTestPki,
  type TestPki,
} from '../../../../src/sandbox/pki/index.js';

let pki: TestPki;
beforeAll(() => {
  pki = generateTestPki({ cards: DEFAULT_TEST_CARDS.slice(0, 2) });
});

function der(pem: string): Uint8Array {
  return new Uint8Array(new X509Certificate(pem).raw);
}

describe('chooseClientCertificate', () => {
  it("picks the card's authentication certificate, not its signature one nor another card's", () => {
    const [gp, other] = pki.cards;
    if (gp === undefined || other === undefined) throw new Error('two test cards expected');
    const list = [
      { data: other.authentication.certPem, label: 'other auth' },
      { data: gp.signature.certPem, label: 'gp sign' },
      { data: 'not a certificate', label: 'garbage' },
      { data: gp.authentication.certPem, label: 'gp auth' },
    ];
    expect(chooseClientCertificate(list, der(gp.authentication.certPem))?.label).toBe('gp auth');
    expect(chooseClientCertificate(list.slice(0, 3), der(gp.authentication.certPem))).toBeNull();
    expect(chooseClientCertificate([], der(gp.authentication.certPem))).toBeNull();
  });
});

describe('isOwnClientCertificateRequest', () => {
  const origins = new Set(['https://lps.dmp.example:443', 'https://127.0.0.1:8443']);
  it('answers main-process requests to the origins we talk to, only', () => {
    expect(isOwnClientCertificateRequest(true, 'https://127.0.0.1:8443/', origins)).toBe(true);
    expect(isOwnClientCertificateRequest(false, 'https://127.0.0.1:8443/', origins)).toBe(false);
    expect(isOwnClientCertificateRequest(true, 'https://evil.example/', origins)).toBe(false);
    expect(isOwnClientCertificateRequest(true, 'not a url', origins)).toBe(false);
  });
});

describe('disabledCipherSuitesFor / sslConfigOf', () => {
  it('leaves exactly the PDT-INF-579 suites Chromium has, with TLS capped at 1.2', () => {
    const config = sslConfigOf({
      minVersion: DMP_TLS_MIN_VERSION,
      maxVersion: DMP_TLS_MAX_VERSION,
      cipherSuitesIana: DMP_LPS_CIPHER_SUITES_IANA,
    });
    expect(config.minVersion).toBe('tls1.2');
    expect(config.maxVersion).toBe('tls1.2');
    const left = Object.entries(CHROMIUM_TLS12_CIPHER_SUITES)
      .filter(([, code]) => !config.disabledCipherSuites.includes(code))
      .map(([name]) => name)
      .sort();
    expect(left).toEqual([
      'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
      'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384',
      'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256',
    ]);
    expect(config.disabledCipherSuites).toContain(0x002f); // RSA key exchange is out
  });

  it('refuses a policy that would leave nothing, and versions Chromium lacks', () => {
    expect(() => disabledCipherSuitesFor(['TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384'])).toThrow();
    expect(() =>
      sslConfigOf({
        minVersion: 'TLSv1.1',
        maxVersion: 'TLSv1.2',
        cipherSuitesIana: DMP_LPS_CIPHER_SUITES_IANA,
      }),
    ).toThrow(/TLS 1.2 and 1.3/);
  });
});

describe('checkedAnchors', () => {
  it('splits bundles and refuses non-CA certificates or nothing', () => {
    expect(checkedAnchors([pki.ca.certPem + pki.ca.certPem])).toHaveLength(2);
    expect(() => checkedAnchors([pki.server.certPem])).toThrow(
      expect.objectContaining({ code: 'TRANSPORT_TRUST_ANCHORS_INVALID' }),
    );
    expect(() => checkedAnchors([])).toThrow(
      expect.objectContaining({ code: 'TRANSPORT_TRUST_ANCHORS_INVALID' }),
    );
  });
});

describe('mapChromiumNetError', () => {
  const context = { origin: 'https://lps.dmp.example', timeoutMs: 30_000 };
  const cases: readonly [string, string, boolean, boolean][] = [
    // net error, code, retryable, mayHaveReachedServer
    ['ERR_CERT_AUTHORITY_INVALID', 'TRANSPORT_TLS_SERVER_UNTRUSTED', false, false],
    ['ERR_CERT_COMMON_NAME_INVALID', 'TRANSPORT_TLS_SERVER_UNTRUSTED', false, false],
    ['ERR_BAD_SSL_CLIENT_AUTH_CERT', 'TRANSPORT_TLS_CLIENT_REFUSED', false, false],
    ['ERR_SSL_CLIENT_AUTH_CERT_NEEDED', 'TRANSPORT_TLS_CLIENT_REFUSED', false, false],
    ['ERR_SSL_CLIENT_AUTH_SIGNATURE_FAILED', 'TRANSPORT_CLIENT_IDENTITY_INVALID', false, false],
    ['ERR_SSL_CLIENT_AUTH_NO_COMMON_ALGORITHMS', 'TRANSPORT_TLS_NEGOTIATION_FAILED', false, false],
    ['ERR_SSL_VERSION_OR_CIPHER_MISMATCH', 'TRANSPORT_TLS_NEGOTIATION_FAILED', false, false],
    ['ERR_CONNECTION_REFUSED', 'TRANSPORT_UNREACHABLE', true, false],
    ['ERR_NAME_NOT_RESOLVED', 'TRANSPORT_UNREACHABLE', true, false],
    ['ERR_CONNECTION_TIMED_OUT', 'TRANSPORT_TIMEOUT', true, false],
    ['ERR_TIMED_OUT', 'TRANSPORT_TIMEOUT', true, true],
    ['ERR_CONNECTION_RESET', 'TRANSPORT_CONNECTION_RESET', true, true],
    ['ERR_EMPTY_RESPONSE', 'TRANSPORT_CONNECTION_RESET', true, true],
  ];
  it.each(cases)('net::%s → %s', (net, code, retryable, reached) => {
    const mapped = mapChromiumNetError(new Error(`net::${net}`), context);
    expect(isTransportError(mapped)).toBe(true);
    expect(mapped).toMatchObject({ code, retryable, mayHaveReachedServer: reached });
  });

  it('returns anything else unchanged', () => {
    const bug = new TypeError('x is undefined');
    expect(mapChromiumNetError(bug, context)).toBe(bug);
    expect(chromiumNetErrorName('net::ERR_FAILED')).toBe('ERR_FAILED');
  });
});
