// The Electron glue driven through fake app and session objects that record what the transport
// registers and play Chromium's part (Electron's binary is absent here). The fake fetch speaks
// the real web Request/Response types, so the streaming code paths are the real ones.
import { X509Certificate } from 'node:crypto';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import {
  isTransportError,
  type TransportError,
} from '../../../../src/domain/ports/HttpsTransport.js';
import {
  ElectronHttpsTransport,
  type ElectronTransportOptions,
  type TransportApp,
  type TransportSession,
} from '../../../../src/main/transport/index.js';
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

type Fn = (...args: never[]) => unknown;
type FetchInit = RequestInit & { duplex?: string };
type FakeFetch = (url: string, init: FetchInit) => Promise<Response>;

let pki: TestPki;
beforeAll(() => {
  pki = generateTestPki({ cards: DEFAULT_TEST_CARDS.slice(0, 1) });
});

function card() {
  const c = pki.cards[0];
  if (c === undefined) throw new Error('no test card');
  return c;
}

function fakes(fetch: FakeFetch) {
  const listeners = new Map<string, Fn>();
  const calls: Record<string, unknown[]> = { setSSLConfig: [], closeAllConnections: [] };
  let verifyProc: Fn | null = null;
  let pinHandler: Fn | null = null;
  const app = {
    on: (event: string, listener: Fn) => {
      listeners.set(event, listener);
      return app;
    },
    removeListener: (event: string) => {
      listeners.delete(event);
      return app;
    },
    setClientCertRequestPasswordHandler: (handler: Fn) => {
      pinHandler = handler;
    },
  };
  const session = {
    fetch,
    setSSLConfig: (config: unknown) => calls['setSSLConfig']?.push(config),
    setCertificateVerifyProc: (proc: Fn) => {
      verifyProc = proc;
    },
    closeAllConnections: () => {
      calls['closeAllConnections']?.push(true);
      return Promise.resolve();
    },
  };
  return {
    app: app as unknown as TransportApp,
    session: session as unknown as TransportSession,
    listeners,
    calls,
    verify: (request: unknown): Promise<number> =>
      new Promise((resolve) =>
        (verifyProc as unknown as (r: unknown, cb: Fn) => void)(request, resolve as Fn),
      ),
    pin: (params: unknown): Promise<string> =>
      (pinHandler as unknown as (p: unknown) => Promise<string>)(params),
    hasPinHandler: () => pinHandler !== null,
  };
}

function options(overrides: Partial<ElectronTransportOptions> = {}): ElectronTransportOptions {
  return {
    trustAnchorsPem: [pki.ca.certPem],
    tls: {
      minVersion: DMP_TLS_MIN_VERSION,
      maxVersion: DMP_TLS_MAX_VERSION,
      cipherSuitesIana: DMP_LPS_CIPHER_SUITES_IANA,
    },
    authCertificateDer: () =>
      Promise.resolve(new Uint8Array(new X509Certificate(card().authentication.certPem).raw)),
    requestPin: () => Promise.resolve('1234'),
    platform: 'linux',
    ...overrides,
  };
}

const okFetch: FakeFetch = async (_url, init) => {
  const body = init.body as ReadableStream<Uint8Array> | Uint8Array;
  let bytes = 0;
  if (body instanceof Uint8Array) bytes = body.byteLength;
  else {
    const reader = body.getReader();
    for (let next = await reader.read(); next.done !== true; next = await reader.read()) {
      bytes += next.value.byteLength;
    }
  }
  return new Response(
    new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new TextEncoder().encode(`${bytes}`));
        c.enqueue(new TextEncoder().encode(' bytes'));
        c.close();
      },
    }),
    { status: 200, headers: { 'Content-Type': 'application/soap+xml', 'X-Test': 'v' } },
  );
};

async function text(body: AsyncIterable<Uint8Array>): Promise<string> {
  let out = '';
  for await (const chunk of body) out += new TextDecoder().decode(chunk);
  return out;
}

async function failure(promise: Promise<unknown>): Promise<TransportError> {
  try {
    await promise;
  } catch (e: unknown) {
    if (isTransportError(e)) return e;
    throw e;
  }
  throw new Error('expected a TransportError');
}

async function* chunks(n: number, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < n; i += 1) yield new Uint8Array(size).fill(i);
}

const URL_DMP = 'https://127.0.0.1:8443/si-dmp-server/v2/services/repository';

describe('ElectronHttpsTransport wiring', () => {
  it('caps TLS at 1.2 with the DMP suites and verifies the server against the anchors only', async () => {
    const f = fakes(okFetch);
    new ElectronHttpsTransport(f.app, f.session, options());
    expect(f.calls['setSSLConfig']?.[0]).toMatchObject({
      minVersion: 'tls1.2',
      maxVersion: 'tls1.2',
    });
    const good = { data: pki.server.certPem, fingerprint: 'a' };
    const foreign = generateTestPki({ cards: [] }).server;
    expect(await f.verify({ hostname: '127.0.0.1', certificate: good })).toBe(0);
    expect(await f.verify({ hostname: 'localhost', certificate: good })).toBe(0);
    expect(await f.verify({ hostname: 'dmp.example', certificate: good })).toBe(-200);
    expect(
      await f.verify({
        hostname: '127.0.0.1',
        certificate: { data: foreign.certPem, fingerprint: 'b' },
      }),
    ).toBe(-202);
  });

  it("answers the DMP's certificate request with the card's authentication certificate only", async () => {
    const f = fakes(okFetch);
    const transport = new ElectronHttpsTransport(f.app, f.session, options());
    const select = f.listeners.get('select-client-certificate') as unknown as (
      ...args: unknown[]
    ) => void;
    const list = [
      { data: card().signature.certPem, which: 'sign' },
      { data: card().authentication.certPem, which: 'auth' },
    ];
    const ask = (webContents: unknown, url: string) =>
      new Promise<unknown>((resolve) => {
        const event = { preventDefault: vi.fn() };
        select(event, webContents, url, list, resolve);
        expect(event.preventDefault).toHaveBeenCalled();
      });
    // Before any exchange with that origin, nobody gets a certificate.
    expect(await ask(null, 'https://127.0.0.1:8443/')).toBeUndefined();
    await text(
      (await transport.post(URL_DMP, { headers: {}, body: new Uint8Array(1), timeoutMs: 1_000 }))
        .body,
    );
    expect(await ask(null, 'https://127.0.0.1:8443/')).toMatchObject({ which: 'auth' });
    expect(await ask({ id: 1 }, 'https://127.0.0.1:8443/')).toBeUndefined(); // a window
    expect(await ask(null, 'https://other.example/')).toBeUndefined();
  });

  it('sends no certificate when no card is inserted', async () => {
    const f = fakes(okFetch);
    const transport = new ElectronHttpsTransport(
      f.app,
      f.session,
      options({ authCertificateDer: () => Promise.resolve(null) }),
    );
    await text(
      (await transport.post(URL_DMP, { headers: {}, body: new Uint8Array(1), timeoutMs: 1_000 }))
        .body,
    );
    const select = f.listeners.get('select-client-certificate') as unknown as (
      ...a: unknown[]
    ) => void;
    const chosen = await new Promise((resolve) =>
      select(
        { preventDefault: () => undefined },
        null,
        URL_DMP,
        [{ data: card().authentication.certPem }],
        resolve,
      ),
    );
    expect(chosen).toBeUndefined();
  });

  it('routes the Linux NSS PIN request to our prompt, and leaves other systems alone', async () => {
    const requestPin = vi.fn(() => Promise.resolve('4321'));
    const linux = fakes(okFetch);
    new ElectronHttpsTransport(linux.app, linux.session, options({ requestPin }));
    expect(await linux.pin({ hostname: 'lps.dmp', tokenName: 'CPS', isRetry: true })).toBe('4321');
    expect(requestPin).toHaveBeenCalledWith({
      hostname: 'lps.dmp',
      tokenName: 'CPS',
      isRetry: true,
    });
    const windows = fakes(okFetch);
    new ElectronHttpsTransport(windows.app, windows.session, options({ platform: 'win32' }));
    expect(windows.hasPinHandler()).toBe(false);
  });
});

describe('ElectronHttpsTransport exchanges', () => {
  it('streams the request body, returns lower-case headers and a streamed body', async () => {
    let seen: FetchInit | undefined;
    const f = fakes((url, init) => {
      seen = init;
      return okFetch(url, init);
    });
    const transport = new ElectronHttpsTransport(f.app, f.session, options());
    const r = await transport.post(URL_DMP, {
      headers: { 'Content-Type': 'multipart/related' },
      body: chunks(64, 16 * 1024),
      timeoutMs: 1_000,
    });
    expect(seen).toMatchObject({ method: 'POST', duplex: 'half', redirect: 'manual' });
    expect(seen?.body).toBeInstanceOf(ReadableStream);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('application/soap+xml');
    expect(r.headers['x-test']).toBe('v');
    expect(await text(r.body)).toBe(`${64 * 16 * 1024} bytes`);
  });

  it('times out a silent server through the abort signal', async () => {
    const f = fakes(
      (_url, init) =>
        new Promise((_resolve, reject) => {
          init.signal?.addEventListener('abort', () => reject(init.signal?.reason));
        }),
    );
    const transport = new ElectronHttpsTransport(f.app, f.session, options());
    const e = await failure(
      transport.post(URL_DMP, { headers: {}, body: new Uint8Array(1), timeoutMs: 50 }),
    );
    expect(e.code).toBe('TRANSPORT_TIMEOUT');
    expect(e.retryable).toBe(true);
  });

  it('types network failures, before and during the response body', async () => {
    const refused = fakes(() => Promise.reject(new Error('net::ERR_CONNECTION_REFUSED')));
    const t1 = new ElectronHttpsTransport(refused.app, refused.session, options());
    expect(
      (await failure(t1.post(URL_DMP, { headers: {}, body: new Uint8Array(1), timeoutMs: 1_000 })))
        .code,
    ).toBe('TRANSPORT_UNREACHABLE');
    const reset = fakes(() =>
      Promise.resolve(
        new Response(
          new ReadableStream<Uint8Array>({
            start(c) {
              c.enqueue(new Uint8Array(10));
            },
            pull(c) {
              c.error(new Error('net::ERR_CONNECTION_RESET'));
            },
          }),
        ),
      ),
    );
    const t2 = new ElectronHttpsTransport(reset.app, reset.session, options());
    const r = await t2.post(URL_DMP, { headers: {}, body: new Uint8Array(1), timeoutMs: 1_000 });
    expect((await failure(text(r.body))).code).toBe('TRANSPORT_CONNECTION_RESET');
  });

  it("passes the caller's body failure through unchanged", async () => {
    const broken = new Error('export file vanished');
    async function* body(): AsyncGenerator<Uint8Array> {
      yield new Uint8Array(1);
      throw broken;
    }
    const f = fakes(async (url, init) => {
      try {
        return await okFetch(url, init);
      } catch (cause: unknown) {
        throw new TypeError('fetch failed', { cause });
      }
    });
    const transport = new ElectronHttpsTransport(f.app, f.session, options());
    await expect(
      transport.post(URL_DMP, { headers: {}, body: body(), timeoutMs: 1_000 }),
    ).rejects.toBe(broken);
  });

  it('closes: no more certificate answers, connections closed, new exchanges refused', async () => {
    const f = fakes(okFetch);
    const transport = new ElectronHttpsTransport(f.app, f.session, options());
    await transport.close();
    expect(f.listeners.has('select-client-certificate')).toBe(false);
    expect(f.calls['closeAllConnections']).toHaveLength(1);
    const e = await failure(
      transport.post(URL_DMP, { headers: {}, body: new Uint8Array(1), timeoutMs: 1_000 }),
    );
    expect(e.code).toBe('TRANSPORT_CLOSED');
  });
});
