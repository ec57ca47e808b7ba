import { describe, expect, it } from 'vitest';
import { componentChanges } from '../../../src/main/ipc/serviceEvents.js';
import { healthReport } from './fixtures.js';

describe('componentChanges', () => {
  it('reports every component the first time', () => {
    const events = componentChanges(undefined, healthReport());
    expect(events.map((e) => e.component)).toEqual(['configuration', 'database', 'server', 'card']);
    expect(events[0]).toEqual({
      type: 'component-changed',
      component: 'configuration',
      status: { state: 'ok' },
    });
  });

  it('reports only what changed afterwards (state or message)', () => {
    const before = healthReport();
    const after = healthReport({
      components: {
        ...before.components,
        database: { state: 'down', message: 'Base de données indisponible.' },
        card: { state: 'not-configured', message: 'Autre message.' },
      },
    });
    expect(componentChanges(before, before)).toEqual([]);
    expect(componentChanges(before, after)).toEqual([
      {
        type: 'component-changed',
        component: 'database',
        status: { state: 'down', message: 'Base de données indisponible.' },
      },
      {
        type: 'component-changed',
        component: 'card',
        status: { state: 'not-configured', message: 'Autre message.' },
      },
    ]);
  });
});
