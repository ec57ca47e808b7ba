// The PKCS#12 transport when things go wrong on the network: silence, stalls, resets, an
// unreachable server, the caller aborting or its own body failing. Every failure is typed and
// says whether trying again may help and whether the request may have arrived.
import { describe, expect, it } from 'vitest';
import { freePort } from '../../support/freePort.js';
import { collect, consumeBody, generatedBody } from './mtlsTestServer.js';
import { SOAP, failure, pkcs12Fixture } from './transportTestKit.js';

const f = pkcs12Fixture();

describe('Pkcs12HttpsTransport failures', () => {
  it('times out when the server goes silent, and says the request may have arrived', async () => {
    const s = await f.server({ handler: (req, _res, seen) => consumeBody(req, seen, () => {}) });
    const started = Date.now();
    const e = await failure(
      f.transport().post(s.url, { headers: SOAP, body: Buffer.from('x'), timeoutMs: 300 }),
    );
    expect(e.code).toBe('TRANSPORT_TIMEOUT');
    expect(e.retryable).toBe(true);
    expect(e.mayHaveReachedServer).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('does not time out an upload that keeps moving, nor a caller that reads slowly', async () => {
    const s = await f.server({
      handler: (req, res, seen) =>
        consumeBody(req, seen, () => {
          res.write('first,');
          res.end('second');
        }),
    });
    async function* slowBody(): AsyncGenerator<Uint8Array> {
      for (let i = 0; i < 12; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        yield Buffer.alloc(1024, i);
      }
    }
    const started = Date.now();
    const r = await f.transport().post(s.url, { headers: SOAP, body: slowBody(), timeoutMs: 600 });
    expect(Date.now() - started).toBeGreaterThan(1_100); // the whole upload: about 2 × the timeout
    const parts: string[] = [];
    for await (const chunk of r.body) {
      parts.push(Buffer.from(chunk).toString());
      await new Promise((resolve) => setTimeout(resolve, 900)); // longer than the timeout
    }
    expect(parts.join('')).toBe('first,second');
    expect(s.seen[0]?.bodyBytes).toBe(12 * 1024);
  });

  it('times out an upload the server stops reading', async () => {
    const s = await f.server({ handler: (req) => req.pause() });
    const e = await failure(
      f.transport().post(s.url, {
        headers: SOAP,
        body: generatedBody(2048, 64 * 1024),
        timeoutMs: 500,
      }),
    );
    expect(e.code).toBe('TRANSPORT_TIMEOUT');
  });

  it('reports a connection the server resets', async () => {
    const s = await f.server({ handler: (req) => req.socket.destroy() });
    const e = await failure(
      f.transport().post(s.url, { headers: SOAP, body: Buffer.from('x'), timeoutMs: 5_000 }),
    );
    expect(e.code).toBe('TRANSPORT_CONNECTION_RESET');
    expect(e.retryable).toBe(true);
    expect(e.mayHaveReachedServer).toBe(true);
  });

  it('reports a reset in the middle of the response body while it is being read', async () => {
    const s = await f.server({
      handler: (req, res, seen) =>
        consumeBody(req, seen, () => {
          res.writeHead(200, { 'Content-Length': '1000000' });
          res.write(Buffer.alloc(1000));
          setTimeout(() => req.socket.destroy(), 50);
        }),
    });
    const r = await f.transport().post(s.url, {
      headers: SOAP,
      body: Buffer.from('x'),
      timeoutMs: 5_000,
    });
    const e = await failure(collect(r.body));
    expect(e.code).toBe('TRANSPORT_CONNECTION_RESET');
  });

  it('reports an unreachable server without claiming anything was sent', async () => {
    const port = await freePort();
    const e = await failure(
      f.transport().post(`https://127.0.0.1:${port}/x`, {
        headers: SOAP,
        body: Buffer.from('x'),
        timeoutMs: 5_000,
      }),
    );
    expect(e.code).toBe('TRANSPORT_UNREACHABLE');
    expect(e.retryable).toBe(true);
    expect(e.mayHaveReachedServer).toBe(false);
    expect(e.details['origin']).toBe(`https://127.0.0.1:${port}`);
  });

  it('aborts on the caller signal, before and during the exchange', async () => {
    const s = await f.server({ handler: (req, _res, seen) => consumeBody(req, seen, () => {}) });
    const t = f.transport();
    const before = new AbortController();
    before.abort();
    const e1 = await failure(
      t.post(s.url, {
        headers: SOAP,
        body: Buffer.from('x'),
        timeoutMs: 5_000,
        signal: before.signal,
      }),
    );
    expect(e1.code).toBe('TRANSPORT_ABORTED');
    const during = new AbortController();
    setTimeout(() => during.abort(), 200);
    const e2 = await failure(
      t.post(s.url, {
        headers: SOAP,
        body: Buffer.from('x'),
        timeoutMs: 5_000,
        signal: during.signal,
      }),
    );
    expect(e2.code).toBe('TRANSPORT_ABORTED');
    expect(e2.retryable).toBe(false);
  });

  it("passes the caller's own body failure through unchanged", async () => {
    const s = await f.server();
    const broken = new Error('source file vanished');
    async function* body(): AsyncGenerator<Uint8Array> {
      yield Buffer.from('start');
      throw broken;
    }
    await expect(
      f.transport().post(s.url, { headers: SOAP, body: body(), timeoutMs: 5_000 }),
    ).rejects.toBe(broken);
  });
});
