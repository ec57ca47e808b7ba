// Headers on every answer of the local server. The CSP forbids inline scripts and styles and any
// origin but our own: the web UI is plain modules and stylesheets served from here. `frame-src
// blob:` lets the viewer show a PDF the page itself made into a blob: URL (nothing remote); the
// CDA's HTML goes in a sandboxed srcdoc frame, which needs no source and inherits this policy (so
// its inline styles and scripts stay blocked too).

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  'frame-src blob:',
].join('; ');

/** No CORS header is ever sent: other origins cannot read our answers. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};
