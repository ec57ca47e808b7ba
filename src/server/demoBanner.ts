// The demo banner is written into index.html by the server, so it shows even before (or without)
// any script: demo mode must be impossible to miss.
import { DEMO_LABEL } from '../api/mode.js';

/** The placeholder in src/renderer/index.html. */
export const BANNER_MARKER = '<!-- navette:demo-banner -->';

export const DEMO_BANNER_HTML =
  `<div id="demo-banner" class="demo-banner" role="note" aria-label="Mode démonstration">` +
  `${DEMO_LABEL}</div>`;

/** Puts the banner in place of the marker in demo mode, removes the marker otherwise. */
export function withDemoBanner(html: string, demo: boolean): string {
  return html.replace(BANNER_MARKER, demo ? DEMO_BANNER_HTML : '');
}
