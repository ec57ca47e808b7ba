// Entry of the web UI (browser and desktop): picks the transport, builds the shell and shows the
// screen the address fragment names.
import type { BridgeHost } from '../api/bridge.js';
import { createApiClient } from './client/createApiClient.js';
import { Shell } from './shell/Shell.js';
import { HOME_ROUTE, VIEWS } from './shell/viewTable.js';

function mustGet(id: string): HTMLElement {
  const node = document.getElementById(id);
  if (node === null) throw new Error(`index.html has no #${id}`);
  return node;
}

const api = createApiClient(window as Window & BridgeHost);
new Shell(window, VIEWS, HOME_ROUTE, api, {
  nav: mustGet('navigation'),
  heading: mustGet('titre-ecran'),
  content: mustGet('ecran'),
  live: mustGet('annonces'),
  connection: mustGet('connexion'),
}).start();
