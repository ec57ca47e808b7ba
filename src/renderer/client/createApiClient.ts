// Picks the transport: the desktop bridge when the preload exposed `window.navette`, else HTTP to
// the service that served this page, with the session token of the address fragment.
import type { BridgeHost } from '../../api/bridge.js';
import type { ApiClient } from './ApiClient.js';
import { HttpApiClient } from './HttpApiClient.js';
import { IpcApiClient } from './IpcApiClient.js';
import { takeSessionToken } from './sessionToken.js';

/** The client, or undefined in a browser opened without the session token. */
export function createApiClient(win: Window & BridgeHost): ApiClient | undefined {
  if (win.navette !== undefined) return new IpcApiClient(win.navette);
  const token = takeSessionToken(win);
  if (token === undefined) return undefined;
  return new HttpApiClient({ baseUrl: win.location.origin, token });
}
