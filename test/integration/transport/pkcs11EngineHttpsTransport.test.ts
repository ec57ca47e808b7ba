// The token-key transport: the CPS authentication key of a test card on a SoftHSM2 token (imported
// with a PIN), used through the OpenSSL pkcs11 engine for mutual TLS with a real Node https server.
//
// In this process the engine is loaded by path, as a plain `navette serve` would: one identity per
// process (TECH-NOTES §2, measured again here). The recommended service set-up, the engine
// registered by an OpenSSL configuration at start-up, runs in a child process against a token
// without RSA-PSS: a wrong PIN, then the right one, then a second key, all in one process.
import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isTransportError, type TransportError } from '../../../src/domain/ports/HttpsTransport.js';
import {
  DMP_LPS_CIPHERS_OPENSSL,
  DMP_TLS_MAX_VERSION,
  DMP_TLS_MIN_VERSION,
  DMP_TLS_SIGALGS,
} from '../../../src/protocol/tls/dmpTlsPolicy.js';
import {
  CARD_KEY_SLOTS,
  DEFAULT_TEST_CARDS,
  generateTestPki,
  type TestCard,
  type TestPki,
} from '../../../src/sandbox/pki/index.js';
import {
  provisionSoftHsmToken,
  tokenContentOf,
  type SoftHsmToken,
} from '../../../src/sandbox/softhsm/index.js';
import {
  Pkcs11EngineHttpsTransport,
  locatePkcs11Engine,
  pkcs11EngineOpenSslConfig,
  type NodeTlsPolicy,
  type Pkcs11EngineTransportOptions,
} from '../../../src/transport/index.js';
import { makeTempDir, removeTempDirs } from '../../support/tempDir.js';
import { compileTransport } from './compileTransport.js';
import { collect, startMtlsServer, type TestServer } from './mtlsTestServer.js';

const DMP_POLICY: NodeTlsPolicy = {
  minVersion: DMP_TLS_MIN_VERSION,
  maxVersion: DMP_TLS_MAX_VERSION,
  ciphers: DMP_LPS_CIPHERS_OPENSSL,
  sigalgs: DMP_TLS_SIGALGS,
};
const PIN = '1234';

let pki: TestPki;
let card: TestCard;
let token: SoftHsmToken;
let server: TestServer;
let pinDir: string;

function provision(mechanisms: 'all' | 'no-pss'): SoftHsmToken {
  const outcome = provisionSoftHsmToken({
    dir: makeTempDir('navette-engine-token-'),
    content: tokenContentOf(card),
    pin: PIN,
    mechanisms,
  });
  if (outcome.token === null) throw new Error(`SoftHSM2 is required here: ${outcome.reason}`);
  return outcome.token;
}

beforeAll(async () => {
  pki = generateTestPki({ cards: DEFAULT_TEST_CARDS.slice(0, 1) });
  const first = pki.cards[0];
  if (first === undefined) throw new Error('no test card');
  card = first;
  token = provision('all');
  // SoftHSM finds its token store through this variable when the engine loads it, in this process.
  process.env['SOFTHSM2_CONF'] = token.conf;
  pinDir = makeTempDir('navette-engine-pin-');
  // The server would accept TLS 1.3 and RSA-PSS: only the client's policy keeps them out.
  server = await startMtlsServer({
    keyPem: pki.server.keyPem,
    certPem: pki.server.certPem,
    clientCaPem: pki.ca.certPem,
  });
});
afterAll(async () => {
  await server.close();
  removeTempDirs();
});

function options(
  overrides: Partial<Pkcs11EngineTransportOptions> = {},
): Pkcs11EngineTransportOptions {
  return {
    modulePath: token.module,
    key: { tokenLabel: card.label, keyIdHex: CARD_KEY_SLOTS.authentication.ckaIdHex },
    certificatePem: card.authentication.certPem,
    pin: PIN,
    trustAnchorsPem: [pki.ca.certPem],
    tls: DMP_POLICY,
    pinFileDir: pinDir,
    ...overrides,
  };
}

function cnOf(pem: string): string {
  return /CN=([^\n]+)/.exec(new X509Certificate(pem).subject)?.[1] ?? '';
}

describe('Pkcs11EngineHttpsTransport (engine loaded by path, in this process)', () => {
  it('finds the engine of libengine-pkcs11-openssl', () => {
    expect(locatePkcs11Engine()).toMatch(/engines-3\/pkcs11\.so$/);
  });

  it("authenticates with the card's authentication key: the server sees its certificate", async () => {
    const transport = new Pkcs11EngineHttpsTransport(options());
    // The PIN file existed only while the context was built.
    expect(readdirSync(pinDir)).toEqual([]);
    const response = await transport.post(server.url, {
      headers: { 'Content-Type': 'application/soap+xml' },
      body: Buffer.from('<Envelope/>'),
      timeoutMs: 10_000,
    });
    expect(response.status).toBe(200);
    await collect(response.body);
    await transport.close();
    const seen = server.seen.at(-1);
    expect(seen?.clientCn).toBe(card.holder.id);
    expect(seen?.clientCn).toBe(cnOf(card.authentication.certPem));
    expect(seen?.protocol).toBe('TLSv1.2');
    expect(DMP_LPS_CIPHERS_OPENSSL.split(':')).toContain(seen?.cipher);
  });

  it('signs new handshakes after the PIN file is gone (the context is kept per identity)', async () => {
    const before = server.seen.length;
    for (let i = 0; i < 2; i += 1) {
      // A new transport each time: new agent, new connection, new CertificateVerify on the token.
      const transport = new Pkcs11EngineHttpsTransport(options({ pin: 'not used: cached' }));
      const response = await transport.post(server.url, {
        headers: {},
        body: Buffer.from(`again ${i}`),
        timeoutMs: 10_000,
      });
      await collect(response.body);
      await transport.close();
    }
    const ports = server.seen.slice(before).map((e) => e.remotePort);
    expect(new Set(ports).size).toBe(2);
  });

  it('refuses a second identity in this process with a clear error instead of an engine crash', () => {
    let error: TransportError | undefined;
    try {
      new Pkcs11EngineHttpsTransport(
        options({
          key: { tokenLabel: card.label, keyIdHex: CARD_KEY_SLOTS.signature.ckaIdHex },
          certificatePem: card.signature.certPem,
        }),
      );
    } catch (e: unknown) {
      if (isTransportError(e)) error = e;
    }
    expect(error?.code).toBe('TRANSPORT_CLIENT_IDENTITY_INVALID');
    expect(error?.message).toMatch(/une seule clé par processus/);
  });
});

describe('Pkcs11EngineHttpsTransport (engine registered by OpenSSL configuration, child process)', () => {
  it('survives a wrong PIN, serves two keys, and signs with PKCS#1 on a token without RSA-PSS', async () => {
    const dir = makeTempDir('navette-engine-child-');
    const noPss = provision('no-pss');
    // A card with PKCS#1 v1.5 only: the 'no-pss' profile keeps raw RSA (CKM_RSA_X_509), through
    // which libp11 would still pad PSS itself (TECH-NOTES §2); remove it too.
    const conf = readFileSync(noPss.conf, 'utf8');
    expect(conf).toMatch(/^slots\.mechanisms = -CKM_MD5,/m);
    writeFileSync(noPss.conf, conf.replace('= -CKM_MD5,', '= -CKM_MD5,CKM_RSA_X_509,'));
    const enginePath = locatePkcs11Engine();
    if (enginePath === null) throw new Error('libengine-pkcs11-openssl is required here');
    const config = path.join(dir, 'openssl.cnf');
    writeFileSync(config, pkcs11EngineOpenSslConfig({ enginePath, modulePath: noPss.module }));
    const out = compileTransport(dir);
    const child = path.join(out, 'child.mjs');
    writeFileSync(
      child,
      `import { Pkcs11EngineHttpsTransport } from './transport/index.js';
const c = JSON.parse(process.env.NAVETTE_TEST_CHILD);
const result = {};
try { new Pkcs11EngineHttpsTransport({ ...c.options, pin: '9999' }); result.wrongPin = 'accepted'; }
catch (e) { result.wrongPin = e.code; }
const t = new Pkcs11EngineHttpsTransport(c.options);
const r = await t.post(c.url, { headers: {}, body: Buffer.from('child'), timeoutMs: 10000 });
for await (const _ of r.body) { /* drain */ }
result.status = r.status;
await t.close();
try { new Pkcs11EngineHttpsTransport({ ...c.options, ...c.signature }); result.secondKey = 'ok'; }
catch (e) { result.secondKey = e.code; }
// Control: offering only RSA-PSS fails on this token, so the PKCS#1 policy is what makes it work.
const pss = new Pkcs11EngineHttpsTransport({ ...c.options, tls: { ...c.options.tls, sigalgs: 'rsa_pss_rsae_sha256' } });
try { await pss.post(c.url, { headers: {}, body: Buffer.from('pss'), timeoutMs: 10000 }); result.pssOnly = 'ok'; }
catch (e) { result.pssOnly = e.code ?? String(e); }
await pss.close();
console.log(JSON.stringify(result));
`,
    );
    const childOptions = {
      ...options({ pinFileDir: dir }),
      engine: 'pkcs11',
      modulePath: undefined,
    };
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [`--openssl-config=${config}`, child],
      {
        env: {
          ...process.env,
          SOFTHSM2_CONF: noPss.conf,
          NAVETTE_TEST_CHILD: JSON.stringify({
            url: server.url,
            options: childOptions,
            signature: {
              key: { tokenLabel: card.label, keyIdHex: CARD_KEY_SLOTS.signature.ckaIdHex },
              certificatePem: card.signature.certPem,
            },
          }),
        },
      },
    );
    const result = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, unknown>;
    expect(result).toMatchObject({
      wrongPin: 'TRANSPORT_CLIENT_PIN_INCORRECT',
      status: 200,
      secondKey: 'ok',
    });
    expect(result['pssOnly']).toBe('TRANSPORT_TLS_NEGOTIATION_FAILED');
    // libp11 prints the key URI on stderr when the login fails: it names the PIN file, not the PIN.
    expect(stderr).toContain('pin-source=file:');
    expect(stderr).not.toContain('9999');
    const seen = server.seen.at(-1);
    expect(seen?.clientCn).toBe(card.holder.id);
    expect(seen?.protocol).toBe('TLSv1.2');
  });
});
