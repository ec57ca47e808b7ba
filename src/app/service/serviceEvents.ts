// The service's events for its front ends (`GET /api/events`, later the tray and the window):
// component changes from the registry, and outbox progress from the sending worker, both mapped
// to the `api/` event contract. Subscribers that throw are ignored (Listeners): a broken stream
// must never disturb the sending.
import type { ServiceEvent } from '../../api/events.js';
import { Listeners } from '../../domain/events/Listeners.js';
import type { ComponentRegistry } from '../health/ComponentRegistry.js';
import type { OutboxWorkerEvent } from '../sending/workerEvents.js';

export class ServiceEventBus {
  readonly #listeners = new Listeners<ServiceEvent>();

  publish(event: ServiceEvent): void {
    this.#listeners.emit(event);
  }

  /** Calls `listener` on every event; returns the function that stops it. */
  subscribe(listener: (event: ServiceEvent) => void): () => void {
    return this.#listeners.add(listener);
  }
}

/** The API event for a worker event; undefined for the worker's own housekeeping. */
export function outboxEventOf(event: OutboxWorkerEvent): ServiceEvent | undefined {
  switch (event.type) {
    case 'sending':
    case 'sent':
    case 'refused':
    case 'retry':
    case 'failed':
      return {
        type: 'outbox-item',
        itemId: event.itemId,
        batchId: event.batchId,
        change: event.type,
      };
    default:
      return undefined;
  }
}

/** Publishes every component change; returns the function that stops it. */
export function publishComponentChanges(
  registry: ComponentRegistry,
  bus: ServiceEventBus,
): () => void {
  return registry.onDidChange((component, status) =>
    bus.publish({ type: 'component-changed', component, status }),
  );
}

/** Publishes the worker's item events; returns the function that stops it. */
export function publishOutboxEvents(
  sending: { onWorkerEvent(listener: (event: OutboxWorkerEvent) => void): () => void },
  bus: ServiceEventBus,
): () => void {
  return sending.onWorkerEvent((event) => {
    const mapped = outboxEventOf(event);
    if (mapped !== undefined) bus.publish(mapped);
  });
}
