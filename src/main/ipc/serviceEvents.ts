// Service events for the window, derived from successive health reports. The service does not
// publish events yet (issue 2 has only component states); until it does, main polls health()
// for the tray and pushes every component change to the window through the bridge.
import type { ServiceEvent } from '../../api/events.js';
import type { ComponentStatus, HealthReport } from '../../api/health.js';

/** One `component-changed` event per component whose state or message differs. */
export function componentChanges(
  previous: HealthReport | undefined,
  next: HealthReport,
): ServiceEvent[] {
  const events: ServiceEvent[] = [];
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
