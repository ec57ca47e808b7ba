// THE router table: one line per screen, in navigation order. A screen is a module exporting a
// View (`render(container, ctx)`); registering one is adding its line here.
import { accueilView } from '../views/accueil.js';
import { envoisView } from '../views/envois.js';
import { journalView } from '../views/journal.js';
import { lotView } from '../views/lot.js';
import { patientView } from '../views/patient.js';
import { reglagesView } from '../views/reglages.js';
import type { ViewEntry } from './view.js';

export const VIEWS: readonly ViewEntry[] = [
  { route: 'accueil', label: 'Accueil', view: accueilView },
  { route: 'envois', label: 'Envois', view: envoisView },
  { route: 'lot', label: 'Lot', view: lotView },
  { route: 'patient', label: 'Patient', view: patientView },
  { route: 'journal', label: 'Journal', view: journalView },
  { route: 'reglages', label: 'Réglages', view: reglagesView },
];

/** The screen shown for an empty or unknown fragment. */
export const HOME_ROUTE = 'accueil';
