// The screens main opens in the window, as URL fragments of the UI (the way the patient view is
// `#/patient/<INS>`, src/api/patientView.ts). A fragment never leaves the window. The renderer
// routes on these; they belong in src/api beside patientView.ts once the renderer has the screens.
import { APP_START_URL } from './security/appScheme.js';

// These are the renderer's routes (src/renderer/shell/viewTable.ts, routeOf.ts): `#/<route>/<param>`.

/** The outbox: every document of the watched folders and of the batches. */
export const OUTBOX_FRAGMENT = '#/envois';

/** The outbox, filtered on the documents the user must handle. */
export const DOCUMENTS_TO_HANDLE_FRAGMENT = '#/envois/a-traiter';

/** One batch's report. */
export function batchFragment(batchId: number): string {
  return `#/lot/${encodeURIComponent(String(batchId))}`;
}

/** The window URL showing `fragment` (the first page when there is none). */
export function windowUrl(fragment?: string): string {
  return fragment === undefined ? APP_START_URL : `${APP_START_URL}${fragment}`;
}
