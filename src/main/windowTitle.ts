// The window title. Demo mode shows in it too: every output says « DÉMO — DMP de test » (issue 2).
import { DEMO_LABEL } from '../api/mode.js';

export function windowTitle(demo: boolean): string {
  return demo ? `Navette — ${DEMO_LABEL}` : 'Navette';
}
