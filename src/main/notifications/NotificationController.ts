// Shows NavetteNotifications with Electron's Notification. Thin on purpose: what to say is decided
// in notificationPolicy.ts. Shown notifications are kept referenced until closed: Electron drops
// the click handler of a notification object that was garbage-collected.
import type { NavetteNotification, NotificationTarget } from './notificationPolicy.js';

/** The parts of an Electron Notification the controller uses. */
export interface NotificationLike {
  on(event: 'click' | 'close', listener: () => void): unknown;
  show(): void;
}

export interface NotifierDeps {
  /** Notification.isSupported(). */
  readonly isSupported: () => boolean;
  readonly create: (options: { title: string; body: string; silent: boolean }) => NotificationLike;
}

/** At most this many notifications are kept for their click (older ones lose it). */
const MAX_KEPT = 10;

export class NotificationController {
  readonly #deps: NotifierDeps;
  readonly #onClick: (target: NotificationTarget) => void;
  readonly #kept: NotificationLike[] = [];

  constructor(deps: NotifierDeps, onClick: (target: NotificationTarget) => void) {
    this.#deps = deps;
    this.#onClick = onClick;
  }

  /** Shows `notification`; false when the OS offers no notifications. */
  show(notification: NavetteNotification): boolean {
    if (!this.#deps.isSupported()) return false;
    const shown = this.#deps.create({
      title: notification.title,
      body: notification.body,
      silent: false,
    });
    shown.on('click', () => {
      this.#forget(shown);
      this.#onClick(notification.target);
    });
    shown.on('close', () => this.#forget(shown));
    this.#kept.push(shown);
    if (this.#kept.length > MAX_KEPT) this.#kept.shift();
    shown.show();
    return true;
  }

  get kept(): number {
    return this.#kept.length;
  }

  #forget(shown: NotificationLike): void {
    const at = this.#kept.indexOf(shown);
    if (at >= 0) this.#kept.splice(at, 1);
  }
}
