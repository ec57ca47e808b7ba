// Everything the desktop shell derives from the service, in one place and without Electron: at
// each refresh (a new health report, or the clock moving on), what the tray shows, which
// notifications to show, and which component changes to push to the window. desktopApp.ts
// feeds it the health report and the service's events, and draws what it returns.
import type { ServiceEvent } from '../../api/events.js';
import type { HealthReport } from '../../api/health.js';
import { componentChanges } from '../ipc/serviceEvents.js';
import {
  cardNotification,
  settledNotification,
  type NavetteNotification,
} from '../notifications/notificationPolicy.js';
import type { CardReadiness, TrayInput } from '../tray/trayModel.js';
import { OutboxActivityTracker } from './OutboxActivityTracker.js';
import { cardReadinessOf } from './cardReadiness.js';

export interface StatusRefresh {
  readonly tray: TrayInput;
  readonly notifications: readonly NavetteNotification[];
  /** Component changes since the last report (for a window that gets no service events). */
  readonly componentChanges: readonly ServiceEvent[];
}

export interface RefreshContext {
  readonly stopping: boolean;
  /** The start-at-login option, where it is offered. */
  readonly startAtLogin?: boolean;
}

export class DesktopStatus {
  readonly #activity: OutboxActivityTracker;
  #report: HealthReport | undefined;
  #card: CardReadiness | undefined;

  constructor(settleMs?: number) {
    this.#activity = new OutboxActivityTracker(settleMs);
  }

  /** An event the service published (outbox progress feeds the tray and the notifications). */
  onServiceEvent(event: ServiceEvent, now: number): void {
    this.#activity.onEvent(event, now);
  }

  /** The user opened the documents to handle: they stop counting as "to handle". */
  acknowledgeDocuments(): void {
    this.#activity.acknowledge();
  }

  refresh(report: HealthReport | undefined, now: number, context: RefreshContext): StatusRefresh {
    const changes = report === undefined ? [] : componentChanges(this.#report, report);
    if (report !== undefined) this.#report = report;
    const card = cardReadinessOf(this.#report);
    const notifications: NavetteNotification[] = [];
    const cardNotice = cardNotification(this.#card, card);
    if (cardNotice !== undefined) notifications.push(cardNotice);
    this.#card = card;
    for (const group of this.#activity.takeSettled(now)) {
      notifications.push(settledNotification(group));
    }
    this.#activity.prune(now);
    const tray: TrayInput = {
      report: this.#report,
      stopping: context.stopping,
      ...(card === undefined ? {} : { card }),
      outbox: this.#activity.activity(),
      ...(context.startAtLogin === undefined ? {} : { startAtLogin: context.startAtLogin }),
    };
    return { tray, notifications, componentChanges: changes };
  }
}
