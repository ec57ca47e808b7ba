// Shared set-up of the PKCS#12 transport tests: the DMP policy, three test PKIs (ours, an unknown
// one, one whose server certificate names another host), servers and transports closed after
// each test, and a helper that expects a typed failure.
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll } from 'vitest';
import {
  isTransportError,
  type HttpsTransport,
  type TransportError,
} from '../../../src/domain/ports/HttpsTransport.js';
import {
  DMP_LPS_CIPHERS_OPENSSL,
  DMP_TLS_MAX_VERSION,
  DMP_TLS_MIN_VERSION,
  DMP_TLS_SIGALGS,
} from '../../../src/protocol/tls/dmpTlsPolicy.js';
import { generateTestPki, type TestPki } from '../../../src/sandbox/pki/index.js';
import { Pkcs12HttpsTransport, type NodeTlsPolicy } from '../../../src/transport/index.js';
import { makeTempDir, removeTempDirs } from '../../support/tempDir.js';
import { startMtlsServer, type TestServer, type TestServerOptions } from './mtlsTestServer.js';

export const DMP_POLICY: NodeTlsPolicy = {
  minVersion: DMP_TLS_MIN_VERSION,
  maxVersion: DMP_TLS_MAX_VERSION,
  ciphers: DMP_LPS_CIPHERS_OPENSSL,
  sigalgs: DMP_TLS_SIGALGS,
};
export const DMP_SUITES = DMP_LPS_CIPHERS_OPENSSL.split(':');
export const SOAP = { 'Content-Type': 'application/soap+xml; charset=utf-8' };

export async function failure(promise: Promise<unknown>): Promise<TransportError> {
  try {
    await promise;
  } catch (e: unknown) {
    if (isTransportError(e)) return e;
    throw e;
  }
  throw new Error('expected a TransportError');
}

export function cnOf(pem: string): string {
  return /CN=([^\n]+)/.exec(new X509Certificate(pem).subject)?.[1] ?? '';
}

export interface Pkcs12Fixture {
  readonly pki: TestPki;
  /** Another PKI: its root is unknown to the first one's parties. */
  readonly otherPki: TestPki;
  /** A server certificate for other names, under its own root. */
  readonly wrongNamePki: TestPki;
  /** A mutual-TLS server with our PKI's server certificate, trusting our root for clients. */
  server(options?: Partial<TestServerOptions>): Promise<TestServer>;
  /** The ORG AUTH_CLI PKCS#12 of our PKI by default. */
  transport(p12?: string, anchors?: readonly string[], password?: string): Pkcs12HttpsTransport;
}

/** Registers the hooks; call at the top level of a test file. */
export function pkcs12Fixture(): Pkcs12Fixture {
  let pki: TestPki | undefined;
  let otherPki: TestPki | undefined;
  let wrongNamePki: TestPki | undefined;
  const servers: TestServer[] = [];
  const transports: HttpsTransport[] = [];
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('fixture used before beforeAll');
    return value;
  };
  beforeAll(() => {
    pki = generateTestPki({ cards: [], dir: makeTempDir('navette-transport-pki-') });
    otherPki = generateTestPki({ cards: [], dir: makeTempDir('navette-transport-pki2-') });
    wrongNamePki = generateTestPki({
      cards: [],
      serverHostnames: ['dmp.invalid'],
      serverIpAddresses: ['192.0.2.1'],
    });
  });
  afterEach(async () => {
    await Promise.all(transports.splice(0).map((t) => t.close()));
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });
  afterAll(removeTempDirs);
  return {
    get pki() {
      return ready(pki);
    },
    get otherPki() {
      return ready(otherPki);
    },
    get wrongNamePki() {
      return ready(wrongNamePki);
    },
    async server(options = {}) {
      const ours = ready(pki);
      const s = await startMtlsServer({
        keyPem: ours.server.keyPem,
        certPem: ours.server.certPem,
        clientCaPem: ours.ca.certPem,
        ...options,
      });
      servers.push(s);
      return s;
    },
    transport(p12, anchors, password) {
      const ours = ready(pki);
      const file = p12 ?? ours.structure.p12?.auth;
      if (file === undefined) throw new Error('the test PKI was not written');
      const t = new Pkcs12HttpsTransport({
        pfx: readFileSync(file),
        passphrase: password ?? ours.p12Password,
        trustAnchorsPem: anchors ?? [ours.ca.certPem],
        tls: DMP_POLICY,
      });
      transports.push(t);
      return t;
    },
  };
}
