// What happens when the UI tries to leave its page: a link, `location = …`, `window.open`, a
// redirect. The window never navigates and never opens another window. A link to one of a few
// known public sites (help pages of the DMP and of the card) opens in the user's browser, where
// it has no access to Navette; everything else is refused.
import { isAppUrl } from './appScheme.js';

/**
 * Origins that may be opened in the user's browser. https only, exact origins: no wildcard,
 * so a look-alike subdomain or a redirect service cannot get in.
 */
export const EXTERNAL_LINK_ORIGINS: readonly string[] = [
  'https://www.monespacesante.fr',
  'https://www.dmp.fr',
  'https://esante.gouv.fr',
  'https://industriels.esante.gouv.fr',
  'https://www.ameli.fr',
  'https://www.cnil.fr',
];

/** Longest link we hand to the OS (shell handlers have been abused with huge arguments). */
const MAX_EXTERNAL_URL_LENGTH = 2048;

export type NavigationDecision =
  | { readonly action: 'deny'; readonly reason: 'in-app' | 'not-allowed' }
  | { readonly action: 'open-external'; readonly url: string };

/**
 * The decision for a navigation or window-open request to `raw`. In-app URLs are denied too:
 * the UI is one page that changes views itself, so a navigation inside app:// is a bug or an
 * injection, never a feature.
 */
export function decideNavigation(
  raw: string,
  allowlist: readonly string[] = EXTERNAL_LINK_ORIGINS,
): NavigationDecision {
  if (isAppUrl(raw)) return { action: 'deny', reason: 'in-app' };
  const url = allowedExternalUrl(raw, allowlist);
  return url === undefined
    ? { action: 'deny', reason: 'not-allowed' }
    : { action: 'open-external', url };
}

/** The normalised URL when `raw` may be opened in the browser, undefined otherwise. */
export function allowedExternalUrl(raw: string, allowlist: readonly string[]): string | undefined {
  if (raw.length > MAX_EXTERNAL_URL_LENGTH) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' || url.username !== '' || url.password !== '') return undefined;
  if (!allowlist.includes(url.origin)) return undefined;
  return url.href;
}

/**
 * Whether a request made by a window may proceed: our own scheme, and the inline data: images
 * the CSP allows. Everything else (http, https, ws, file, ftp…) is cancelled: no remote content.
 */
export function isAllowedRendererRequest(raw: string): boolean {
  if (isAppUrl(raw)) return true;
  return raw.startsWith('data:image/') || raw.startsWith('devtools://');
}
