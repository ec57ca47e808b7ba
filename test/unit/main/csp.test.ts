import { describe, expect, it } from 'vitest';
import { CDA_STYLE_CSP_SOURCE } from '../../../src/app/display/cdaStyleBlock.js';
import {
  APP_CSP,
  APP_CSP_DIRECTIVES,
  APP_RESPONSE_HEADERS,
  buildCsp,
  withAppCsp,
} from '../../../src/main/security/csp.js';

describe('buildCsp', () => {
  it('serialises directives in order', () => {
    expect(buildCsp({ 'default-src': ["'none'"], 'img-src': ["'self'", 'data:'] })).toBe(
      "default-src 'none'; img-src 'self' data:",
    );
  });

  it("refuses a policy that does not start with default-src 'none'", () => {
    expect(() => buildCsp({ 'script-src': ["'self'"], 'default-src': ["'none'"] })).toThrow(
      /default-src 'none'/,
    );
    expect(() => buildCsp({ 'default-src': ["'self'"] })).toThrow(/default-src 'none'/);
    expect(() => buildCsp({})).toThrow(/default-src 'none'/);
  });

  it('refuses values that could end a directive or the header', () => {
    for (const bad of ["'self'; script-src *", 'a,b', "'self'\r\nX-Evil: 1", 'a b', '']) {
      expect(() => buildCsp({ 'default-src': ["'none'"], 'img-src': [bad] })).toThrow(/bad CSP/);
    }
    expect(() => buildCsp({ 'default-src': ["'none'"], 'Img Src': ["'self'"] })).toThrow(/name/);
  });
});

describe('the UI policy', () => {
  it("starts from default-src 'none' and lets the renderer reach no network", () => {
    expect(APP_CSP.startsWith("default-src 'none'; ")).toBe(true);
    expect(APP_CSP).toContain("connect-src 'none'");
    expect(APP_CSP).toContain("script-src 'self'");
    expect(APP_CSP).toContain("object-src 'none'");
    expect(APP_CSP).toContain("frame-ancestors 'none'");
    expect(APP_CSP).toContain("base-uri 'none'");
    expect(APP_CSP).toContain("form-action 'none'");
  });

  it('allows no inline code, no eval and no remote origin anywhere', () => {
    for (const [name, values] of Object.entries(APP_CSP_DIRECTIVES)) {
      for (const value of values) {
        // style-src also allows the CDA viewer's one constant <style> block, by its hash
        // (src/app/display/cdaHtmlStyles.ts; checked by test/unit/app/display/cdaStyleBlock).
        if (name === 'style-src' && value === CDA_STYLE_CSP_SOURCE) continue;
        expect(["'none'", "'self'", 'data:', 'blob:']).toContain(value);
      }
    }
    expect(APP_CSP_DIRECTIVES['style-src']).toEqual(["'self'", CDA_STYLE_CSP_SOURCE]);
    // blob: only for frames (the PDF viewer), never for scripts, workers or connections.
    expect(APP_CSP_DIRECTIVES['frame-src']).toEqual(['blob:']);
    expect(APP_CSP_DIRECTIVES['script-src']).toEqual(["'self'"]);
    expect(APP_RESPONSE_HEADERS['Content-Security-Policy']).toBe(APP_CSP);
    expect(APP_RESPONSE_HEADERS['X-Content-Type-Options']).toBe('nosniff');
  });
});

describe('withAppCsp', () => {
  it('replaces any CSP the response carried, whatever its spelling, and keeps the rest', () => {
    const out = withAppCsp({
      'content-security-policy': "default-src *; script-src 'unsafe-inline'",
      'CONTENT-SECURITY-POLICY': ['x'],
      'Content-Type': 'text/html',
      'Set-Cookie': ['a=1', 'b=2'],
    });
    expect(out).toEqual({
      'Content-Type': ['text/html'],
      'Set-Cookie': ['a=1', 'b=2'],
      'Content-Security-Policy': [APP_CSP],
    });
  });

  it('adds the CSP when the response had no headers', () => {
    expect(withAppCsp(undefined)).toEqual({ 'Content-Security-Policy': [APP_CSP] });
  });
});
