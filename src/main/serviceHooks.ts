// What the desktop shell uses of the running service beyond RunningService's declared members:
// its event stream (outbox progress for the tray and the notifications) and the card unlocker
// (the PIN dialog). RunningService (src/app/index.ts) does not declare them yet; until it does,
// they are looked up here, in one place, and the shell works without them (polling the health
// report, no PIN dialog).
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
  const extra = service as RunningService & {
    readonly events?: Partial<ServiceEventSource>;
    readonly cardUnlocker?: Partial<CardUnlocker>;
  };
  const events = extra.events;
  const unlocker = extra.cardUnlocker;
  return {
    events: typeof events?.subscribe === 'function' ? (events as ServiceEventSource) : undefined,
    cardUnlocker:
      typeof unlocker?.login === 'function' && typeof unlocker.pinRequest === 'function'
        ? (unlocker as CardUnlocker)
        : undefined,
  };
}
