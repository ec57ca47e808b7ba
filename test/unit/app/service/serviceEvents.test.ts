import { describe, expect, it } from 'vitest';
import type { ServiceEvent } from '../../../../src/api/events.js';
import { ComponentRegistry } from '../../../../src/app/health/ComponentRegistry.js';
import {
  ServiceEventBus,
  outboxEventOf,
  publishComponentChanges,
} from '../../../../src/app/service/serviceEvents.js';

describe('service events', () => {
  it('maps item events of the worker and ignores its housekeeping', () => {
    expect(
      outboxEventOf({
        type: 'sent',
        itemId: 3,
        batchId: 1,
        uniqueId: 'u',
        reconciled: false,
        receipt: null,
      }),
    ).toEqual({ type: 'outbox-item', itemId: 3, batchId: 1, change: 'sent' });
    expect(
      outboxEventOf({
        type: 'retry',
        itemId: 4,
        batchId: null,
        attempt: 2,
        nextAt: new Date(0),
        reason: 'r',
      }),
    ).toEqual({ type: 'outbox-item', itemId: 4, batchId: null, change: 'retry' });
    expect(outboxEventOf({ type: 'idle' })).toBeUndefined();
    expect(outboxEventOf({ type: 'recovered', count: 2 })).toBeUndefined();
  });

  it('publishes component changes until stopped, whatever a subscriber throws', () => {
    const bus = new ServiceEventBus();
    const registry = new ComponentRegistry();
    const seen: ServiceEvent[] = [];
    bus.subscribe(() => {
      throw new Error('broken subscriber');
    });
    const unsubscribe = bus.subscribe((e) => seen.push(e));
    const stop = publishComponentChanges(registry, bus);
    registry.set('card', 'ok');
    registry.set('card', 'ok'); // no change, no event
    unsubscribe();
    registry.set('card', 'down', 'absente');
    stop();
    expect(seen).toEqual([
      { type: 'component-changed', component: 'card', status: { state: 'ok' } },
    ]);
  });
});
