import { afterEach, describe, expect, it } from 'vitest';
import type { NavetteBridge } from '../../../src/api/bridge.js';
import type { HealthReport } from '../../../src/api/health.js';
import { fetchHealth } from '../../../src/renderer/healthClient.js';

const g = globalThis as { navette?: Partial<NavetteBridge> };
afterEach(() => {
  delete g.navette;
});

describe('health client', () => {
  it('asks the preload bridge in the desktop app (the CSP allows no fetch there)', async () => {
    const report = { version: '1.0.0' } as unknown as HealthReport;
    g.navette = { health: () => Promise.resolve({ ok: true as const, value: report }) };
    await expect(fetchHealth()).resolves.toBe(report);
  });

  it('turns a bridge error into a rejected promise with its French message', async () => {
    g.navette = {
      health: () =>
        Promise.resolve({
          ok: false as const,
          error: { code: 'SERVICE_NOT_READY', message: 'Le service démarre.' },
        }),
    };
    await expect(fetchHealth()).rejects.toThrow('Le service démarre.');
  });
});
