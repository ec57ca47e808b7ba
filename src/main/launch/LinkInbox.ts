// Deep links wait here until the window can take them: a link can arrive before the window
// exists (macOS open-url comes before ready) or while it loads.
import type { PatientTarget } from './deepLink.js';

/** Only the latest links matter; a flood of launches must not grow memory. */
const MAX_PENDING = 5;

export class LinkInbox {
  readonly #pending: PatientTarget[] = [];
  #deliver: ((link: PatientTarget) => void) | undefined;

  /** Delivers at once if a window is attached, keeps it otherwise. */
  push(link: PatientTarget): void {
    if (this.#deliver !== undefined) {
      this.#deliver(link);
      return;
    }
    this.#pending.push(link);
    if (this.#pending.length > MAX_PENDING) this.#pending.shift();
  }

  /** A loaded window: it receives what waited, then every new link. */
  attach(deliver: (link: PatientTarget) => void): void {
    this.#deliver = deliver;
    for (const link of this.#pending.splice(0)) deliver(link);
  }

  /** The window went away: keep links until the next one. */
  detach(): void {
    this.#deliver = undefined;
  }

  get pending(): readonly PatientTarget[] {
    return this.#pending;
  }
}
