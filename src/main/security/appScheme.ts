// The custom scheme the UI is served from: `app://navette/`. A privileged standard scheme gives
// the UI a real origin (so CSP 'self' and the IPC sender check have something to match) without
// file:// and its extra privileges, and without any network listener.
import type { CustomScheme } from 'electron';

export const APP_SCHEME = 'app';
export const APP_HOST = 'navette';
/** The origin the UI runs at (Node's URL reports 'null' for custom schemes: compare parts). */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The first page of the UI. */
export const APP_START_URL = `${APP_ORIGIN}/index.html`;

/**
 * Registered before `ready`. `standard` gives relative URLs and an origin; `secure` makes it a
 * secure context. Deliberately NOT `bypassCSP` (our CSP must apply), NOT `corsEnabled` or
 * `supportFetchAPI` (the renderer has nothing to fetch: it talks to main over IPC), NOT
 * `allowServiceWorkers`, NOT `stream`.
 */
export const APP_SCHEME_DEFINITION: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true },
};

/** True when `raw` is a URL of our UI origin (exactly `app://navette`, no port, no user). */
export function isAppUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return (
    url.protocol === `${APP_SCHEME}:` &&
    url.hostname === APP_HOST &&
    url.port === '' &&
    url.username === '' &&
    url.password === ''
  );
}
