// What the desktop shell uses of the running service besides its health: its event stream
// (outbox progress for the tray and the notifications) and the card unlocker (the PIN dialog).
import type { ServiceEvent } from '../api/events.js';
import type { RunningService } from '../app/index.js';
import type { CardUnlocker } from './pin/pinContract.js';

export interface ServiceEventSource {
  subscribe(listener: (event: ServiceEvent) => void): () => void;
}

export interface DesktopServiceHooks {
  readonly events: ServiceEventSource | undefined;
  readonly cardUnlocker: CardUnlocker | undefined;
}

export function desktopHooksOf(service: RunningService): DesktopServiceHooks {
  return { events: service.events, cardUnlocker: service.cardUnlocker };
}
