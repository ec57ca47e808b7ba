// The PKCS#12 transport against a real mutual-TLS server on 127.0.0.1 built from the sandbox's
// test PKI: the DMP TLS policy on the wire, server verification against the configured anchors
// only, the client certificate refused by a server of another PKI, streaming both ways.
import { describe, expect, it } from 'vitest';
import { isTransportError } from '../../../src/domain/ports/HttpsTransport.js';
import { collect, consumeBody, generatedBody, generatedBodySha256 } from './mtlsTestServer.js';
import { DMP_SUITES, SOAP, cnOf, failure, pkcs12Fixture } from './transportTestKit.js';

const f = pkcs12Fixture();

describe('Pkcs12HttpsTransport', () => {
  it('talks TLS 1.2 with a PDT-INF-579 suite and presents the ORG AUTH_CLI certificate', async () => {
    const s = await f.server(); // the server itself would accept TLS 1.3 and any suite
    const body = Buffer.from('<soap:Envelope/>');
    const response = await f.transport().post(s.url, {
      headers: SOAP,
      body,
      timeoutMs: 5_000,
    });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/json');
    expect(response.headers['x-test']).toBe('a, b');
    const answer = JSON.parse((await collect(response.body)).toString('utf8')) as {
      bytes: number;
    };
    expect(answer.bytes).toBe(body.length);
    const seen = s.seen[0];
    expect(seen?.protocol).toBe('TLSv1.2');
    expect(DMP_SUITES).toContain(seen?.cipher);
    expect(seen?.clientCn).toBe(cnOf(f.pki.structure.authentication.certPem));
    expect(seen?.headers['content-length']).toBe(String(body.length));
  });

  it('reuses one connection for consecutive exchanges (keep-alive, one handshake)', async () => {
    const s = await f.server();
    const t = f.transport();
    for (let i = 0; i < 3; i += 1) {
      const r = await t.post(s.url, {
        headers: SOAP,
        body: Buffer.from(`n${i}`),
        timeoutMs: 5_000,
      });
      await collect(r.body);
    }
    expect(new Set(s.seen.map((e) => e.remotePort)).size).toBe(1);
  });

  it('returns error statuses as responses (SOAP faults travel with 500)', async () => {
    const s = await f.server({
      handler: (req, res, seen) =>
        consumeBody(req, seen, () => {
          res.statusCode = 500;
          res.end('<env:Fault/>');
        }),
    });
    const r = await f.transport().post(s.url, {
      headers: SOAP,
      body: Buffer.from('x'),
      timeoutMs: 5_000,
    });
    expect(r.status).toBe(500);
    expect((await collect(r.body)).toString()).toBe('<env:Fault/>');
  });

  it('refuses a server whose certificate does not chain to the configured anchors', async () => {
    const s = await f.server({
      keyPem: f.otherPki.server.keyPem,
      certPem: f.otherPki.server.certPem,
    });
    const e = await failure(
      f.transport().post(s.url, { headers: SOAP, body: Buffer.from('x'), timeoutMs: 5_000 }),
    );
    expect(e.code).toBe('TRANSPORT_TLS_SERVER_UNTRUSTED');
    expect(e.retryable).toBe(false);
    expect(e.mayHaveReachedServer).toBe(false);
    expect(e.message).toMatch(/autorités de confiance/);
    expect(s.seen).toHaveLength(0);
  });

  it('refuses a server whose certificate names another host (hostname verification kept)', async () => {
    const s = await f.server({
      keyPem: f.wrongNamePki.server.keyPem,
      certPem: f.wrongNamePki.server.certPem,
    });
    const e = await failure(
      f.transport(undefined, [f.wrongNamePki.ca.certPem]).post(s.url, {
        headers: SOAP,
        body: Buffer.from('x'),
        timeoutMs: 5_000,
      }),
    );
    expect(e.code).toBe('TRANSPORT_TLS_SERVER_UNTRUSTED');
    expect(e.details['reason']).toBe('ERR_TLS_CERT_ALTNAME_INVALID');
  });

  it('reports a client certificate the server refuses (issued by another CA)', async () => {
    const s = await f.server();
    const e = await failure(
      f
        .transport(f.otherPki.structure.p12?.auth, [f.pki.ca.certPem], f.otherPki.p12Password)
        .post(s.url, {
          headers: SOAP,
          body: Buffer.from('x'),
          timeoutMs: 5_000,
        }),
    );
    expect(e.code).toBe('TRANSPORT_TLS_CLIENT_REFUSED');
    expect(e.retryable).toBe(false);
    expect(s.seen).toHaveLength(0);
    expect(s.tlsErrors.length).toBeGreaterThan(0); // the server did refuse a handshake
  });

  it('cannot be talked into TLS 1.3 or a suite outside PDT-INF-579', async () => {
    const only13 = await f.server({ tls: { minVersion: 'TLSv1.3' } });
    const e13 = await failure(
      f.transport().post(only13.url, { headers: SOAP, body: Buffer.from('x'), timeoutMs: 5_000 }),
    );
    expect(e13.code).toBe('TRANSPORT_TLS_NEGOTIATION_FAILED');
    const rsaKex = await f.server({ tls: { maxVersion: 'TLSv1.2', ciphers: 'AES128-GCM-SHA256' } });
    const eKex = await failure(
      f.transport().post(rsaKex.url, { headers: SOAP, body: Buffer.from('x'), timeoutMs: 5_000 }),
    );
    expect(eKex.code).toBe('TRANSPORT_TLS_NEGOTIATION_FAILED');
  });

  it('streams a 20 MB body out and a 5 MB body back, chunked', async () => {
    const s = await f.server({
      handler: (req, res, seen) =>
        consumeBody(req, seen, () => {
          res.setHeader('Content-Type', 'application/octet-stream');
          let sent = 0;
          const push = (): void => {
            while (sent < 80) {
              sent += 1;
              if (!res.write(Buffer.alloc(64 * 1024, 7))) return void res.once('drain', push);
            }
            res.end();
          };
          push();
        }),
    });
    const r = await f.transport().post(s.url, {
      headers: { 'Content-Type': 'multipart/related' },
      body: generatedBody(320, 64 * 1024),
      timeoutMs: 10_000,
    });
    let received = 0;
    let chunks = 0;
    for await (const chunk of r.body) {
      received += chunk.byteLength;
      chunks += 1;
    }
    expect(received).toBe(80 * 64 * 1024);
    expect(chunks).toBeGreaterThan(1);
    const seen = s.seen[0];
    expect(seen?.headers['transfer-encoding']).toBe('chunked');
    expect(seen?.bodyBytes).toBe(20 * 1024 * 1024);
    expect(seen?.bodySha256).toBe(generatedBodySha256(320, 64 * 1024));
  });

  it('refuses new exchanges once closed', async () => {
    const s = await f.server();
    const t = f.transport();
    await t.close();
    const e = await failure(
      t.post(s.url, { headers: SOAP, body: Buffer.from('x'), timeoutMs: 1_000 }),
    );
    expect(e.code).toBe('TRANSPORT_CLOSED');
    expect(s.seen).toHaveLength(0);
  });

  it('says so when the PKCS#12 password is wrong, without quoting it', () => {
    let error: unknown;
    try {
      f.transport(undefined, undefined, 'not-the-password');
    } catch (e: unknown) {
      error = e;
    }
    expect(isTransportError(error) && error.code).toBe('TRANSPORT_CLIENT_IDENTITY_INVALID');
    expect(JSON.stringify(error)).not.toContain('not-the-password');
  });

  it('refuses anchors that are not CA certificates', () => {
    expect(() => f.transport(undefined, [f.pki.server.certPem])).toThrow(
      expect.objectContaining({ code: 'TRANSPORT_TRUST_ANCHORS_INVALID' }),
    );
  });
});
