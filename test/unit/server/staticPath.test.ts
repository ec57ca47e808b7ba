import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CDA_STYLE_CSP_SOURCE } from '../../../src/app/display/cdaStyleBlock.js';
import {
  allowedHosts,
  CONTENT_SECURITY_POLICY,
  isAllowedHost,
  resolveStaticPath,
  withDemoBanner,
} from '../../../src/server/index.js';

const root = path.resolve('/srv/ui');

describe('resolveStaticPath', () => {
  it('maps / to index.html and plain paths inside the folder', () => {
    expect(resolveStaticPath(root, '/')).toBe(path.join(root, 'index.html'));
    expect(resolveStaticPath(root, '/main.js')).toBe(path.join(root, 'main.js'));
    expect(resolveStaticPath(root, '/views/accueil.js')).toBe(
      path.join(root, 'views', 'accueil.js'),
    );
    expect(resolveStaticPath(root, '/styles.css')).toBe(path.join(root, 'styles.css'));
  });

  it.each([
    '/../package.json',
    '/../../etc/passwd.html',
    '/%2e%2e/package.json',
    '/%2E%2E/%2e%2e/etc/x.js',
    '/..%2fpackage.json',
    '/views/..%2f..%2fsecret.js',
    '/..\\..\\secret.js',
    '/%5c..%5csecret.js',
    '/.env.js',
    '/.git/config.js',
    '/main.js%00.html',
    '/%E0%A4%A',
    '/C:/Windows/win.ini.js',
    'main.js',
    '/views/../../x.js',
  ])('refuses %s', (raw) => {
    expect(resolveStaticPath(root, raw)).toBeUndefined();
  });

  it('serves only known file types', () => {
    expect(resolveStaticPath(root, '/main.js.map')).toBeUndefined();
    expect(resolveStaticPath(root, '/tsconfig.json')).toBeUndefined();
    expect(resolveStaticPath(root, '/main.ts')).toBeUndefined();
  });
});

describe('host check', () => {
  it('accepts only our loopback names with our port', () => {
    const allowed = allowedHosts(7411);
    expect(isAllowedHost('127.0.0.1:7411', allowed)).toBe(true);
    expect(isAllowedHost('LOCALHOST:7411', allowed)).toBe(true);
    expect(isAllowedHost('127.0.0.1:7412', allowed)).toBe(false);
    expect(isAllowedHost('evil.example:7411', allowed)).toBe(false);
    expect(isAllowedHost('127.0.0.1', allowed)).toBe(false);
    expect(isAllowedHost(undefined, allowed)).toBe(false);
    expect(isAllowedHost('127.0.0.1.evil.example:7411', allowed)).toBe(false);
  });
});

describe('security headers and banner', () => {
  it('has the strict CSP of the issue', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      // The one style block of the CDA viewer, by its hash (test/unit/app/display/cdaStyleBlock).
      `default-src 'none'; script-src 'self'; style-src 'self' ${CDA_STYLE_CSP_SOURCE}; ` +
        "img-src 'self' data:; " +
        "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; " +
        // The document viewer shows a PDF from a blob: URL (src/renderer/views/viewer.ts).
        'frame-src blob:',
    );
  });

  it('writes the demo banner in place of the marker, or removes the marker', () => {
    const html = '<body><!-- navette:demo-banner --><main></main></body>';
    expect(withDemoBanner(html, true)).toContain('>DÉMO — DMP de test</div><main>');
    expect(withDemoBanner(html, false)).toBe('<body><main></main></body>');
  });
});
