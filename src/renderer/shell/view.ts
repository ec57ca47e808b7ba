// What a screen is: a module with `render(container, ctx)`. The shell gives it the API client,
// the route's parameter, a way to announce things to screen readers, the service's events, and
// a signal aborted when the user leaves the screen (to stop timers and subscriptions).
import type { ServiceEvent } from '../../api/events.js';
import type { ApiClient } from '../client/ApiClient.js';

export interface ViewContext {
  /** Undefined in a browser opened without the session token (the shell explains what to do). */
  readonly api: ApiClient | undefined;
  /** What follows the route in the fragment: `#patient/<INS>` gives the INS. */
  readonly param: string | undefined;
  /** Aborted when the screen is left. */
  readonly signal: AbortSignal;
  /** Says `message` in the live region (polite). */
  announce(message: string): void;
  /** Goes to another screen, e.g. `navigate('envois')`. */
  navigate(route: string): void;
  /** Listens to the service's events until the screen is left. */
  onEvent(listener: (event: ServiceEvent) => void): void;
}

export interface View {
  render(container: HTMLElement, ctx: ViewContext): void | Promise<void>;
}

/** One line of the router table. */
export interface ViewEntry {
  /** The fragment's first segment: `#envois`. */
  readonly route: string;
  /** The navigation label and the page heading. */
  readonly label: string;
  readonly view: View;
  /** False for a screen reached only by link (default true). */
  readonly inNavigation?: boolean;
}
