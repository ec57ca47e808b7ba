import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  contentTypeOf,
  isInside,
  resolveAppPath,
} from '../../../src/main/security/resolveAppPath.js';

const root = path.posix.resolve('/opt/navette/dist/renderer');
const winRoot = 'C:\\Program Files\\Navette\\dist\\renderer';

describe('resolveAppPath (POSIX paths)', () => {
  it('maps / to index.html and plain paths to files inside the folder', () => {
    expect(resolveAppPath(root, '/', path.posix)).toBe(`${root}/index.html`);
    expect(resolveAppPath(root, '/index.html', path.posix)).toBe(`${root}/index.html`);
    expect(resolveAppPath(root, '/views/accueil.js', path.posix)).toBe(`${root}/views/accueil.js`);
    expect(resolveAppPath(root, '/styles.css', path.posix)).toBe(`${root}/styles.css`);
    expect(resolveAppPath(root, '/caf%C3%A9.svg', path.posix)).toBe(`${root}/café.svg`);
  });

  it.each([
    ['parent segment', '/../package.json'],
    ['parent segment deeper', '/views/../../etc/passwd.html'],
    ['encoded parent', '/%2e%2e/package.json'],
    ['encoded parent, upper case', '/%2E%2E/%2e%2e/etc/x.js'],
    ['encoded slash', '/..%2fpackage.json'],
    ['encoded slash inside', '/views/..%2f..%2fsecret.js'],
    ['double encoding', '/%252e%252e/secret.js'],
    ['backslashes', '/..\\..\\secret.js'],
    ['encoded backslash', '/%5c..%5csecret.js'],
    ['dot segment', '/./index.html'],
    ['dotfile', '/.env.js'],
    ['dot folder', '/.git/config.json'],
    ['NUL', '/main.js%00.html'],
    ['raw NUL', '/main.js\u0000.html'],
    ['control character', '/main%0a.js'],
    ['broken encoding', '/%E0%A4%A'],
    ['drive letter', '/C:/Windows/win.ini.js'],
    ['alternate data stream', '/main.js:secret.js'],
    ['absolute path with a double slash', '//etc/passwd.js'],
    ['empty segment', '/views//accueil.js'],
    ['trailing slash (no listing)', '/views/'],
    ['relative path', 'main.js'],
    ['unknown type', '/package.json.bak'],
    ['source map', '/main.js.map'],
    ['typescript source', '/main.ts'],
  ])('refuses %s: %s', (_name, raw) => {
    expect(resolveAppPath(root, raw, path.posix)).toBeUndefined();
  });
});

describe('resolveAppPath (Windows paths)', () => {
  it('resolves inside a Windows folder', () => {
    expect(resolveAppPath(winRoot, '/views/accueil.js', path.win32)).toBe(
      `${winRoot}\\views\\accueil.js`,
    );
  });

  it.each([
    '/..%5c..%5cwin.ini.js',
    '/C:%5cwin.ini.js',
    '/%2e%2e/x.js',
    '/D:/x.js',
    '/\\\\srv\\share\\x.js',
  ])('refuses %s', (raw) => {
    expect(resolveAppPath(winRoot, raw, path.win32)).toBeUndefined();
  });
});

describe('isInside', () => {
  it('accepts the root and what is below it, nothing else', () => {
    expect(isInside('/a/b', '/a/b', path.posix)).toBe(true);
    expect(isInside('/a/b', '/a/b/c/d.js', path.posix)).toBe(true);
    expect(isInside('/a/b', '/a/b/..c.js', path.posix)).toBe(true);
    expect(isInside('/a/b', '/a/bc/d.js', path.posix)).toBe(false);
    expect(isInside('/a/b', '/a', path.posix)).toBe(false);
    expect(isInside('C:\\a', 'D:\\a\\x.js', path.win32)).toBe(false);
  });
});

describe('contentTypeOf', () => {
  it('names the served types', () => {
    expect(contentTypeOf('/x/index.html', path.posix)).toBe('text/html; charset=utf-8');
    expect(contentTypeOf('/x/MAIN.JS', path.posix)).toBe('text/javascript; charset=utf-8');
    expect(contentTypeOf('/x/a.png', path.posix)).toBe('image/png');
  });
});
