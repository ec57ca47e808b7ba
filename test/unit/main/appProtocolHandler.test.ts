// The app:// handler against a real folder (a temp copy of a tiny UI), as Electron calls it.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppProtocolHandler } from '../../../src/main/security/appProtocolHandler.js';
import { APP_CSP } from '../../../src/main/security/csp.js';
import { makeTempDir, removeTempDirs } from '../../support/tempDir.js';

let root: string;
let outside: string;
let refused: string[];
const get = (url: string, method = 'GET') =>
  createAppProtocolHandler({ root, onRefused: (reason) => refused.push(reason) })({ url, method });

beforeEach(() => {
  const base = makeTempDir('navette-app-scheme-');
  root = path.join(base, 'renderer');
  outside = path.join(base, 'secret');
  mkdirSync(path.join(root, 'views'), { recursive: true });
  mkdirSync(outside);
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Navette</title>');
  writeFileSync(path.join(root, 'main.js'), 'console.log(1);');
  writeFileSync(path.join(root, 'views', 'accueil.js'), 'export {};');
  writeFileSync(path.join(outside, 'key.js'), 'SECRET');
  writeFileSync(path.join(base, 'package.json'), '{"secret":true}');
  symlinkSync(path.join(outside, 'key.js'), path.join(root, 'link.js'));
  mkdirSync(path.join(root, 'folder.js'));
  refused = [];
});
afterEach(removeTempDirs);

describe('app:// protocol handler', () => {
  it('serves index.html at the root with the security headers', async () => {
    const res = await get('app://navette/');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('<!doctype html><title>Navette</title>');
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(APP_CSP);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('serves scripts in sub-folders, and HEAD without a body', async () => {
    const res = await get('app://navette/views/accueil.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await res.text()).toBe('export {};');
    const head = await get('app://navette/main.js', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe('15');
    expect(await head.text()).toBe('');
  });

  it.each([
    ['app://navette/../package.json'],
    ['app://navette/%2e%2e/package.json'],
    ['app://navette/..%2f..%2fsecret%2fkey.js'],
    ['app://navette/%252e%252e/package.json'],
    ['app://navette/main.js%00.html'],
    ['app://navette/missing.js'],
  ])('answers 404 to %s, with the CSP still on', async (url) => {
    const res = await get(url);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('secret');
    expect(res.headers.get('content-security-policy')).toBe(APP_CSP);
  });

  it('does not follow a symbolic link out of the folder', async () => {
    const res = await get('app://navette/link.js');
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('SECRET');
    expect(refused).toEqual(['missing']);
  });

  it('does not serve a folder', async () => {
    expect((await get('app://navette/folder.js')).status).toBe(404);
    expect(refused).toEqual(['not-a-file']);
  });

  it('answers only for the navette host of the app scheme', async () => {
    expect((await get('app://other/index.html')).status).toBe(404);
    expect((await get('app://navette:8080/index.html')).status).toBe(404);
    expect((await get('https://navette/index.html')).status).toBe(404);
    expect(refused).toEqual(['host', 'host', 'host']);
  });

  it('refuses methods other than GET and HEAD', async () => {
    const res = await get('app://navette/index.html', 'POST');
    expect(res.status).toBe(405);
    expect(refused).toEqual(['method']);
  });

  it('says in French that the UI is not built when the folder is missing', async () => {
    root = path.join(root, 'nope');
    const res = await get('app://navette/');
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('npm run build');
  });
});
