// What the tray shows, as data: the state, its icon, the tooltip and the menu. Computed from the
// service's health report so it can be tested without Electron; TrayController draws it.
// Later states (PIN needed, "sending, n left") slot in here as new inputs and labels.
import type { HealthReport } from '../../api/health.js';
import { DEMO_LABEL } from '../../api/mode.js';

export const TRAY_STATES = ['ready', 'card-absent', 'attention', 'busy'] as const;
export type TrayState = (typeof TRAY_STATES)[number];

export interface TrayInput {
  /** The latest health report; undefined while the service starts. */
  readonly report: HealthReport | undefined;
  /** True once quitting has begun. */
  readonly stopping?: boolean;
}

export type TrayMenuItem =
  | { readonly kind: 'status'; readonly label: string }
  | { readonly kind: 'separator' }
  | { readonly kind: 'action'; readonly action: TrayAction; readonly label: string };

export type TrayAction = 'open' | 'quit';

export interface TrayModel {
  readonly state: TrayState;
  /** File name under resources/icons/tray/ (a @2x variant sits next to it). */
  readonly icon: `${TrayState}.png`;
  readonly tooltip: string;
  readonly menu: readonly TrayMenuItem[];
}

/** The card is the one component whose absence is normal and gets its own icon. */
const CARD_COMPONENT = 'card';

/** The state the tray shows for `input`. */
export function trayState(input: TrayInput): TrayState {
  const { report } = input;
  if (input.stopping === true || report === undefined || report.status === 'starting') {
    return 'busy';
  }
  if (report.status !== 'ok' || report.configProblems.length > 0) return 'attention';
  if (report.components[CARD_COMPONENT]?.state !== 'ok') return 'card-absent';
  return 'ready';
}

/** The French sentence for a state. */
export function stateLabel(state: TrayState, input: TrayInput): string {
  switch (state) {
    case 'ready':
      return 'Prêt';
    case 'card-absent':
      return 'Carte CPS absente';
    case 'attention':
      return 'Action requise : ouvrez Navette';
    case 'busy':
      return input.stopping === true ? 'Arrêt en cours…' : 'Démarrage en cours…';
  }
}

export function buildTrayModel(input: TrayInput): TrayModel {
  const state = trayState(input);
  const label = stateLabel(state, input);
  const demo = input.report?.demo === true;
  const tooltip = `Navette — ${label}${demo ? ` (${DEMO_LABEL})` : ''}`;
  const menu: TrayMenuItem[] = [
    { kind: 'status', label: `État : ${label}` },
    ...(demo ? [{ kind: 'status', label: DEMO_LABEL } as const] : []),
    { kind: 'separator' },
    { kind: 'action', action: 'open', label: 'Ouvrir Navette' },
    { kind: 'separator' },
    { kind: 'action', action: 'quit', label: 'Quitter' },
  ];
  return { state, icon: `${state}.png`, tooltip, menu };
}
