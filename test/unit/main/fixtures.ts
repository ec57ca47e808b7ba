// Shared test data for the main-process tests: health reports, a log that records, and a fake
// ipcMain.
import type { ComponentStatus, HealthReport } from '../../../src/api/health.js';
import type { InvokeEventLike, IpcMainLike } from '../../../src/main/ipc/registerHandler.js';
import type { SenderFrameLike } from '../../../src/main/ipc/senderCheck.js';

type Listener = (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>;

/** Behaves like ipcMain: one handler per channel, a second registration throws. */
export class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, Listener>();
  handle(channel: string, listener: Listener): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  invoke(frame: SenderFrameLike | null, channel: string, ...args: unknown[]): Promise<unknown> {
    const listener = this.handlers.get(channel);
    if (listener === undefined) throw new Error(`no handler for ${channel}`);
    return listener({ senderFrame: frame }, ...args);
  }
}

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
