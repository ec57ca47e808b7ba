// The local HTTP server on its own (no service around it): routes, guards, static files, headers,
// host check, loopback binding and draining.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ComponentRegistry } from '../../../src/app/health/ComponentRegistry.js';
import { buildHealthReport } from '../../../src/app/health/healthReport.js';
import {
  CONTENT_SECURITY_POLICY,
  createHttpFrontEnd,
  LocalServer,
  Router,
  type LocalServer as LocalServerType,
} from '../../../src/server/index.js';
import { rawRequest } from '../../support/http.js';
import { makeTempDir, removeTempDirs } from '../../support/tempDir.js';

const servers: LocalServerType[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.stop(100);
  removeTempDirs();
});

function uiFolder(): { root: string; outside: string } {
  const base = makeTempDir();
  const root = path.join(base, 'ui');
  mkdirSync(path.join(root, 'views'), { recursive: true });
  writeFileSync(
    path.join(root, 'index.html'),
    '<!doctype html><title>Navette</title><body><!-- navette:demo-banner --><main></main></body>',
  );
  writeFileSync(path.join(root, 'main.js'), 'export {};\n');
  writeFileSync(path.join(root, 'views', 'accueil.js'), 'export const a = 1;\n');
  writeFileSync(path.join(root, '.secret.js'), 'dotfile');
  const outside = path.join(base, 'secret.js');
  writeFileSync(outside, 'SECRET-OUTSIDE');
  symlinkSync(outside, path.join(root, 'link.js'));
  return { root, outside };
}

async function frontEnd(demo: boolean): Promise<LocalServerType> {
  const registry = new ComponentRegistry();
  registry.set('database', 'ok');
  const server = createHttpFrontEnd({
    demo,
    uiDir: uiFolder().root,
    health: () =>
      buildHealthReport({ version: '1.2.3', startedAt: 0, now: 5000, demo, registry, configProblems: [] }),
  });
  servers.push(server);
  await server.listen(0);
  return server;
}

function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

function rawExchange(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    let data = '';
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => (data += d));
    socket.once('end', () => resolve(data));
    socket.once('error', reject);
    socket.write(text);
  });
}

describe('local server', () => {
  it('answers /health with JSON and the security headers, without any CORS header', async () => {
    const server = await frontEnd(true);
    const res = await rawRequest(server.port, '/health', { headers: { Origin: 'https://evil.example' } });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    const body = JSON.parse(res.body) as Record<string, unknown>;
    expect(body).toMatchObject({ name: 'navette', version: '1.2.3', uptimeSeconds: 5, demo: true });
  });

  it('listens on 127.0.0.1 only', async () => {
    const server = await frontEnd(false);
    expect(await canConnect('127.0.0.1', server.port)).toBe(true);
    // Another loopback address, IPv6 loopback and every external address must be refused.
    const others = ['127.0.0.2', '::1'];
    for (const list of Object.values(networkInterfaces())) {
      for (const a of list ?? []) if (!a.internal && a.family === 'IPv4') others.push(a.address);
    }
    for (const host of others) expect(await canConnect(host, server.port), host).toBe(false);
  });

  it('refuses foreign Host headers (DNS rebinding)', async () => {
    const server = await frontEnd(false);
    for (const host of ['evil.example', `evil.example:${server.port}`, `127.0.0.1:${server.port + 1}`]) {
      const res = await rawRequest(server.port, '/health', { host });
      expect(res.status, host).toBe(403);
      expect(JSON.parse(res.body)).toEqual({
        error: {
          code: 'HOST_REFUSED',
          message: "Navette ne répond qu'aux adresses 127.0.0.1 et localhost de cet ordinateur.",
        },
      });
    }
    expect((await rawRequest(server.port, '/health', { host: `localhost:${server.port}` })).status).toBe(200);
    // No Host header at all (HTTP/1.0 allows it; Node refuses it in HTTP/1.1).
    for (const version of ['1.0', '1.1']) {
      const head = await rawExchange(server.port, `GET /health HTTP/${version}\r\nConnection: close\r\n\r\n`);
      expect(head, version).toMatch(/^HTTP\/1\.1 40[03] /);
      expect(head).not.toContain('"name":"navette"');
    }
  });

  it('serves the UI with the demo banner, and nothing outside its folder', async () => {
    const server = await frontEnd(true);
    const index = await rawRequest(server.port, '/');
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.body).toContain('>DÉMO — DMP de test</div><main>');
    expect((await rawRequest(server.port, '/views/accueil.js')).headers['content-type']).toBe(
      'text/javascript; charset=utf-8',
    );
    for (const p of [
      '/../secret.js',
      '/%2e%2e/secret.js',
      '/..%2fsecret.js',
      '/views/..%2f..%2fsecret.js',
      '/link.js',
      '/.secret.js',
      '/nothing.js',
    ]) {
      const res = await rawRequest(server.port, p);
      expect(res.status, p).toBe(404);
      expect(res.body).not.toContain('SECRET');
    }
  });

  it('has no banner when demo mode is off', async () => {
    const server = await frontEnd(false);
    const index = await rawRequest(server.port, '/');
    expect(index.body).not.toContain('DÉMO');
    expect(index.body).not.toContain('navette:demo-banner');
  });

  it('keeps /api/* closed until a guard opens it, and refuses other methods', async () => {
    const server = await frontEnd(false);
    expect((await rawRequest(server.port, '/api/anything')).status).toBe(404);
    const post = await rawRequest(server.port, '/health', { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers['allow']).toBe('GET, HEAD');
    expect((await rawRequest(server.port, '/', { method: 'DELETE' })).status).toBe(405);
  });

  it('runs guards before the routes under their prefix', async () => {
    const router = new Router()
      .guard('/api/', ({ req, res }) => {
        if (req.headers.authorization === 'Bearer ok') return true;
        res.writeHead(401).end();
        return false;
      })
      .route('GET', '/api/ping', ({ res }) => void res.writeHead(200).end('pong'));
    const server = new LocalServer({ router });
    servers.push(server);
    await server.listen(0);
    expect((await rawRequest(server.port, '/api/ping')).status).toBe(401);
    const ok = await rawRequest(server.port, '/api/ping', { headers: { Authorization: 'Bearer ok' } });
    expect(ok.body).toBe('pong');
  });

  it('drains: stops accepting, lets an in-flight request finish, then closes', async () => {
    let release: () => void = () => undefined;
    const router = new Router().route('GET', '/slow', async ({ res }) => {
      await new Promise<void>((r) => (release = r));
      res.writeHead(200).end('done');
    });
    const server = new LocalServer({ router });
    await server.listen(0);
    const port = server.port;
    const slow = rawRequest(port, '/slow');
    await new Promise((r) => setTimeout(r, 100));
    expect(server.inFlight).toBe(1);
    const stopping = server.stop(5000);
    await new Promise((r) => setTimeout(r, 100));
    expect(await canConnect('127.0.0.1', port)).toBe(false);
    release();
    expect((await slow).body).toBe('done');
    expect(await stopping).toBe(true);
  });

  it('cuts requests that outlast the grace period', async () => {
    const router = new Router().route('GET', '/never', () => new Promise<void>(() => undefined));
    const server = new LocalServer({ router });
    await server.listen(0);
    const never = rawRequest(server.port, '/never').catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 100));
    const started = Date.now();
    expect(await server.stop(200)).toBe(false);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(await never).toBeInstanceOf(Error);
  });

  it('says clearly when the port is taken', async () => {
    const first = await frontEnd(false);
    const second = new LocalServer({ router: new Router() });
    await expect(second.listen(first.port)).rejects.toMatchObject({
      code: 'PORT_IN_USE',
      message: expect.stringContaining(`Le port ${first.port}`) as unknown,
    });
  });
});
