// Component changes for the window, derived from successive health reports: used while the
// running service offers main no event stream (serviceHooks.ts); with one, its events go to the
// window as they are.
import type { ServiceEvent } from '../../api/events.js';
import type { ComponentStatus, HealthReport } from '../../api/health.js';

export type ComponentChangedEvent = Extract<ServiceEvent, { type: 'component-changed' }>;

/** One `component-changed` event per component whose state or message differs. */
export function componentChanges(
  previous: HealthReport | undefined,
  next: HealthReport,
): ComponentChangedEvent[] {
  const events: ComponentChangedEvent[] = [];
  for (const [component, status] of Object.entries(next.components)) {
    const before = previous?.components[component];
    if (before === undefined || !sameStatus(before, status)) {
      events.push({ type: 'component-changed', component, status });
    }
  }
  return events;
}

function sameStatus(a: ComponentStatus, b: ComponentStatus): boolean {
  return a.state === b.state && a.message === b.message;
}
