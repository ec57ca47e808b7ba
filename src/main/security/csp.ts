// The Content-Security-Policy of the desktop UI. It starts from `default-src 'none'` and opens
// only what the UI needs: its own scripts, styles, images and fonts. `connect-src 'none'`: the
// renderer never talks to the network, not even to the local service; everything goes through
// the preload bridge (CONVENTIONS.md §8.5). `style-src` adds one hash: the constant <style> block
// of the CDA viewer's HTML (src/app/display/cdaHtmlStyles.ts), the only inline style allowed.
import { CDA_STYLE_CSP_SOURCE } from '../../app/display/cdaStyleBlock.js';

export type CspDirectives = Readonly<Record<string, readonly string[]>>;

/** Characters that would let a value end its directive or the header. */
const UNSAFE_VALUE = /[;,\r\n]/;
const DIRECTIVE_NAME = /^[a-z][a-z-]*$/;

/**
 * Serialises directives into a header value. `default-src` must come first and be `'none'`:
 * a policy that starts open is a policy that forgets to close something.
 */
export function buildCsp(directives: CspDirectives): string {
  const entries = Object.entries(directives);
  const first = entries[0];
  if (first === undefined || first[0] !== 'default-src' || first[1].join(' ') !== "'none'") {
    throw new Error("CSP must start with default-src 'none'");
  }
  return entries
    .map(([name, values]) => {
      if (!DIRECTIVE_NAME.test(name)) throw new Error(`bad CSP directive name: ${name}`);
      for (const value of values) {
        if (value === '' || UNSAFE_VALUE.test(value) || /\s/.test(value)) {
          throw new Error(`bad CSP value in ${name}: ${JSON.stringify(value)}`);
        }
      }
      return values.length === 0 ? name : `${name} ${values.join(' ')}`;
    })
    .join('; ');
}

/** The directives of the desktop UI. */
export const APP_CSP_DIRECTIVES: CspDirectives = {
  'default-src': ["'none'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", CDA_STYLE_CSP_SOURCE],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'none'"],
  'object-src': ["'none'"],
  // The document viewer: a PDF from a blob: URL, and the CDA's HTML in a sandboxed srcdoc frame
  // (about:srcdoc inherits this policy, style hash included, and its sandbox has no
  // allow-scripts).
  'frame-src': ['blob:'],
  'worker-src': ["'none'"],
  'media-src': ["'none'"],
  'manifest-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
};

/** The header value, computed once. */
export const APP_CSP = buildCsp(APP_CSP_DIRECTIVES);

/** Headers sent with every answer of the app:// scheme (and forced by the session hook). */
export const APP_RESPONSE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': APP_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

/**
 * Response headers with our CSP forced in: any CSP the response carried is replaced (header
 * names are case-insensitive, so every spelling is removed first).
 */
export function withAppCsp(
  headers: Readonly<Record<string, string | string[]>> | undefined,
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() === 'content-security-policy') continue;
    out[name] = Array.isArray(value) ? [...value] : [value];
  }
  out['Content-Security-Policy'] = [APP_CSP];
  return out;
}
