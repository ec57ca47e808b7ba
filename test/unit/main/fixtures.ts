// Shared test data for the main-process tests: health reports and a log that records.
import type { ComponentStatus, HealthReport } from '../../../src/api/health.js';

export function healthReport(overrides: Partial<HealthReport> = {}): HealthReport {
  const components: Record<string, ComponentStatus> = {
    configuration: { state: 'ok' },
    database: { state: 'ok' },
    server: { state: 'ok' },
    card: { state: 'not-configured', message: 'Aucun lecteur de carte configuré.' },
  };
  return {
    name: 'navette',
    version: '0.1.0',
    uptimeSeconds: 3,
    status: 'ok',
    demo: false,
    mode: 'production',
    modeLabel: 'DMP de production',
    components,
    configProblems: [],
    ...overrides,
  };
}

export interface LogEntry {
  readonly level: 'info' | 'warn' | 'error';
  readonly message: string;
  readonly fields: Readonly<Record<string, unknown>>;
}

export function recordingLog(): {
  entries: LogEntry[];
  info(m: string, f?: Readonly<Record<string, unknown>>): void;
  warn(m: string, f?: Readonly<Record<string, unknown>>): void;
  error(m: string, f?: Readonly<Record<string, unknown>>): void;
} {
  const entries: LogEntry[] = [];
  const at =
    (level: LogEntry['level']) =>
    (message: string, fields: Readonly<Record<string, unknown>> = {}) =>
      entries.push({ level, message, fields });
  return { entries, info: at('info'), warn: at('warn'), error: at('error') };
}
