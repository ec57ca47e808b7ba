// ─── Security-sensitive: do not change without a security review. ───────────────────────────
// Session- and page-level guards, installed once at start-up for every window and every
// webContents Electron creates (devtools included). Decisions are in the pure modules next to
// this one; this file only wires them to Electron's hooks.
import type { Session, WebContents } from 'electron';
import { withAppCsp } from './csp.js';
import { decideNavigation, isAllowedRendererRequest } from './navigationPolicy.js';

export interface GuardLog {
  warn(message: string, fields?: Readonly<Record<string, unknown>>): void;
}

/** The parts of a session the guards use. */
export type SessionLike = Pick<
  Session,
  | 'setPermissionRequestHandler'
  | 'setPermissionCheckHandler'
  | 'setDevicePermissionHandler'
  | 'setDisplayMediaRequestHandler'
  | 'on'
> & { readonly webRequest: Pick<Session['webRequest'], 'onBeforeRequest' | 'onHeadersReceived'> };

/**
 * The UI's session: every permission (camera, notifications, clipboard, USB, HID, serial,
 * screen capture…) denied, every request that is not our app:// scheme cancelled (no remote
 * content), our CSP forced onto every response, no downloads.
 */
export function hardenSession(session: SessionLike, log: GuardLog): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    log.warn('permission request denied', { permission });
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.setDisplayMediaRequestHandler((_request, callback) => callback(null));
  session.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAllowedRendererRequest(details.url);
    if (!allowed) log.warn('request cancelled', { scheme: schemeOf(details.url) });
    callback({ cancel: !allowed });
  });
  session.webRequest.onHeadersReceived((details, callback) => {
    // Devtools pages bring their own policy; everything else gets ours, whatever it sent.
    if (details.url.startsWith('devtools://')) callback({});
    else callback({ responseHeaders: withAppCsp(details.responseHeaders) });
  });
  session.on('will-download', (event) => {
    log.warn('download refused');
    event.preventDefault();
  });
}

/** The parts of a webContents the guards use. */
export type WebContentsLike = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

/**
 * Page-level guards: no navigation (links to allowlisted sites open in the browser instead),
 * no new window, no <webview>.
 */
export function guardWebContents(
  contents: WebContentsLike,
  openExternal: (url: string) => void,
  log: GuardLog,
): void {
  const leave = (url: string, how: string): void => {
    const decision = decideNavigation(url);
    if (decision.action === 'open-external') {
      openExternal(decision.url);
    } else {
      log.warn('navigation refused', { how, reason: decision.reason, scheme: schemeOf(url) });
    }
  };
  contents.on('will-navigate', (event) => {
    event.preventDefault();
    leave(event.url, 'navigate');
  });
  contents.on('will-frame-navigate', (event) => {
    // The main frame's own navigations arrive through will-navigate as well.
    if (event.isMainFrame) return;
    event.preventDefault();
    log.warn('frame navigation refused', { scheme: schemeOf(event.url) });
  });
  contents.on('will-redirect', (event) => {
    event.preventDefault();
    log.warn('redirect refused', { scheme: schemeOf(event.url) });
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn('webview refused');
  });
  contents.setWindowOpenHandler((details) => {
    leave(details.url, 'window-open');
    return { action: 'deny' };
  });
}

/** Only the scheme goes to the log: a URL may carry an INS in its query. */
function schemeOf(url: string): string {
  const colon = url.indexOf(':');
  return colon > 0 && colon < 20 ? url.slice(0, colon) : 'invalid';
}
