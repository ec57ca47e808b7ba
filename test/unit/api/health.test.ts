import { describe, expect, it } from 'vitest';
import {
  DEMO_LABEL,
  HealthReportSchema,
  modeLabel,
  overallState,
  serviceMode,
} from '../../../src/api/index.js';
import { ComponentRegistry } from '../../../src/app/health/ComponentRegistry.js';
import { buildHealthReport } from '../../../src/app/health/healthReport.js';

describe('health contract', () => {
  it('labels demo mode exactly as the UI and CLI must show it', () => {
    expect(DEMO_LABEL).toBe('DÉMO — DMP de test');
    expect(modeLabel(true)).toBe('DÉMO — DMP de test');
    expect(modeLabel(false)).toBe('DMP de production');
    expect(serviceMode(true)).toBe('demo');
    expect(serviceMode(false)).toBe('production');
  });

  it('computes the overall state: starting wins, then down, then degraded; not-configured is fine', () => {
    expect(overallState([])).toBe('ok');
    expect(overallState(['ok', 'not-configured'])).toBe('ok');
    expect(overallState(['ok', 'degraded'])).toBe('degraded');
    expect(overallState(['degraded', 'down', 'ok'])).toBe('down');
    expect(overallState(['down', 'starting'])).toBe('starting');
  });

  it('refuses a report that breaks the contract', () => {
    const bad = { name: 'navette', version: '1', uptimeSeconds: -1 };
    expect(HealthReportSchema.safeParse(bad).success).toBe(false);
  });
});

describe('buildHealthReport', () => {
  it('reports version, whole-second uptime, mode, components and config problems', () => {
    const registry = new ComponentRegistry();
    registry.set('database', 'ok');
    registry.set('card', 'not-configured', 'Aucun lecteur de carte configuré.');
    const report = buildHealthReport({
      version: '9.8.7',
      startedAt: 1_000_000,
      now: 1_012_999,
      demo: true,
      registry,
      configProblems: [
        { file: '/x/settings.json', field: 'server.port', expected: 'un entier', message: 'Port incorrect.' },
      ],
    });
    expect(HealthReportSchema.parse(report)).toEqual(report);
    expect(report).toEqual({
      name: 'navette',
      version: '9.8.7',
      uptimeSeconds: 12,
      status: 'ok',
      demo: true,
      mode: 'demo',
      modeLabel: 'DÉMO — DMP de test',
      components: {
        database: { state: 'ok' },
        card: { state: 'not-configured', message: 'Aucun lecteur de carte configuré.' },
      },
      configProblems: [
        { file: '/x/settings.json', field: 'server.port', expected: 'un entier', message: 'Port incorrect.' },
      ],
    });
  });

  it('tells listeners about changes only', () => {
    const registry = new ComponentRegistry();
    const seen: string[] = [];
    const off = registry.onDidChange((name, status) => seen.push(`${name}:${status.state}`));
    registry.set('server', 'starting');
    registry.set('server', 'starting');
    registry.set('server', 'ok');
    off();
    registry.set('server', 'down');
    expect(seen).toEqual(['server:starting', 'server:ok']);
    expect(registry.get('server')).toEqual({ state: 'down' });
  });
});
