// The service's mode, as every front end must announce it. In demo mode Navette talks to the
// embedded DMP test server with a test card, and every output says so (issue 2).

/** The words every front end shows, permanently, while demo mode is on. */
export const DEMO_LABEL = 'DÉMO — DMP de test';

/** The words shown when Navette talks to the real DMP. */
export const PRODUCTION_LABEL = 'DMP de production';

export type ServiceMode = 'demo' | 'production';

/** The mode of a service whose demo flag is `demo`. */
export function serviceMode(demo: boolean): ServiceMode {
  return demo ? 'demo' : 'production';
}

/** The French label of a mode. */
export function modeLabel(demo: boolean): string {
  return demo ? DEMO_LABEL : PRODUCTION_LABEL;
}
