// What the tray shows, as data: the state, its icon, the tooltip, the menu and what a click on
// the icon does. Computed from the service's health report, the card's readiness and the outbox
// activity (trayActivity.ts), so it can be tested without Electron; TrayController draws it.
import type { HealthReport } from '../../api/health.js';
import { DEMO_LABEL } from '../../api/mode.js';

export const TRAY_STATES = [
  'ready',
  'card-absent',
  'pin-needed',
  'sending',
  'attention',
  'busy',
] as const;
export type TrayState = (typeof TRAY_STATES)[number];

/** The icon files under resources/icons/tray/ (each with a @2x variant). */
export type TrayIcon = 'ready.png' | 'card-absent.png' | 'attention.png' | 'busy.png';

/**
 * The icon of each state. A PIN to type is an action for the user (the orange « ! »); sending is
 * work in progress (the blue dots). Dedicated drawings would need scripts/make-icons.mjs.
 */
export const TRAY_ICONS: Readonly<Record<TrayState, TrayIcon>> = {
  ready: 'ready.png',
  'card-absent': 'card-absent.png',
  'pin-needed': 'attention.png',
  sending: 'busy.png',
  attention: 'attention.png',
  busy: 'busy.png',
};

/** The card as the sending gate sees it (src/app/sending/cardGate.ts `CardReadiness`). */
export type CardReadiness = 'ready' | 'card-absent' | 'pin-needed';

/** The outbox as the tray counts it. */
export interface OutboxActivity {
  /** Documents on their way (sending or waiting for a retry). */
  readonly remaining: number;
  /** Documents the DMP refused or that failed for good: the user must act. */
  readonly needsAction: number;
}

export interface TrayInput {
  /** The latest health report; undefined while the service starts. */
  readonly report: HealthReport | undefined;
  /** True once quitting has begun. */
  readonly stopping?: boolean;
  /** Known once the service reports it; otherwise the `card` component decides. */
  readonly card?: CardReadiness;
  readonly outbox?: OutboxActivity;
  /** The start-at-login option as the OS has it; undefined where it is not offered (Linux). */
  readonly startAtLogin?: boolean;
}

export type TrayAction = 'open' | 'pin' | 'documents' | 'start-at-login' | 'quit';

export type TrayMenuItem =
  | { readonly kind: 'status'; readonly label: string }
  | { readonly kind: 'separator' }
  | { readonly kind: 'action'; readonly action: TrayAction; readonly label: string }
  | {
      readonly kind: 'toggle';
      readonly action: TrayAction;
      readonly label: string;
      readonly checked: boolean;
    };

export interface TrayModel {
  readonly state: TrayState;
  readonly icon: TrayIcon;
  readonly tooltip: string;
  readonly menu: readonly TrayMenuItem[];
  /** What a click on the icon does (Windows, macOS): the screen the state calls for. */
  readonly clickAction: TrayAction;
}

/** The card is the one component whose absence is normal and gets its own icon. */
const CARD_COMPONENT = 'card';
/** Components the card's readiness degrades on purpose (the queue waits for the card). */
const CARD_DEPENDENT = new Set([CARD_COMPONENT, 'outbox']);

/** The state the tray shows for `input`, the most urgent first. */
export function trayState(input: TrayInput): TrayState {
  const { report } = input;
  if (input.stopping === true || report === undefined || report.status === 'starting') {
    return 'busy';
  }
  if (input.card === 'pin-needed') return 'pin-needed';
  if (needsAttention(report, input)) return 'attention';
  const card =
    input.card ?? (report.components[CARD_COMPONENT]?.state === 'ok' ? 'ready' : 'card-absent');
  if (card === 'card-absent') return 'card-absent';
  if ((input.outbox?.remaining ?? 0) > 0) return 'sending';
  return 'ready';
}

function needsAttention(report: HealthReport, input: TrayInput): boolean {
  if (report.configProblems.length > 0 || (input.outbox?.needsAction ?? 0) > 0) return true;
  if (report.status === 'ok') return false;
  // A card that is away or locked explains a degraded card or outbox: its own state says more.
  const explainedByCard = input.card !== undefined && input.card !== 'ready';
  const troubled = Object.entries(report.components)
    .filter(([, status]) => status.state === 'down' || status.state === 'degraded')
    .map(([name]) => name);
  return troubled.length === 0 || troubled.some((n) => !(explainedByCard && CARD_DEPENDENT.has(n)));
}

/** "1 document", "3 documents". */
export function documents(count: number): string {
  return `${count} document${count > 1 ? 's' : ''}`;
}

/** The French sentence for a state. */
export function stateLabel(state: TrayState, input: TrayInput): string {
  switch (state) {
    case 'ready':
      return 'Prêt';
    case 'card-absent':
      return 'Carte CPS absente';
    case 'pin-needed':
      return 'Code PIN de la carte CPS nécessaire';
    case 'sending': {
      const remaining = input.outbox?.remaining ?? 0;
      return `Envoi en cours (${remaining} restant${remaining > 1 ? 's' : ''})`;
    }
    case 'attention': {
      const count = input.outbox?.needsAction ?? 0;
      return count > 0 ? `${documents(count)} à traiter` : 'Action requise : ouvrez Navette';
    }
    case 'busy':
      return input.stopping === true ? 'Arrêt en cours…' : 'Démarrage en cours…';
  }
}

/** What a click on the icon does in `state`. */
export function clickAction(state: TrayState, input: TrayInput): TrayAction {
  if (state === 'pin-needed') return 'pin';
  if ((input.outbox?.needsAction ?? 0) > 0) return 'documents';
  return 'open';
}

export function buildTrayModel(input: TrayInput): TrayModel {
  const state = trayState(input);
  const label = stateLabel(state, input);
  const demo = input.report?.demo === true;
  const tooltip = `Navette — ${label}${demo ? ` (${DEMO_LABEL})` : ''}`;
  const needsAction = input.outbox?.needsAction ?? 0;
  const menu: TrayMenuItem[] = [
    { kind: 'status', label: `État : ${label}` },
    ...(demo ? [{ kind: 'status', label: DEMO_LABEL } as const] : []),
    { kind: 'separator' },
    ...(state === 'pin-needed'
      ? [{ kind: 'action', action: 'pin', label: 'Saisir le code PIN…' } as const]
      : []),
    ...(needsAction > 0
      ? [{ kind: 'action', action: 'documents', label: 'Voir les documents à traiter' } as const]
      : []),
    { kind: 'action', action: 'open', label: 'Ouvrir Navette' },
    { kind: 'separator' },
    ...(input.startAtLogin === undefined
      ? []
      : [
          {
            kind: 'toggle',
            action: 'start-at-login',
            label: "Lancer Navette à l'ouverture de session",
            checked: input.startAtLogin,
          } as const,
          { kind: 'separator' } as const,
        ]),
    { kind: 'action', action: 'quit', label: 'Quitter' },
  ];
  return { state, icon: TRAY_ICONS[state], tooltip, menu, clickAction: clickAction(state, input) };
}
