// The entry (src/main/main.ts) does, before anything else and before `ready`: app.enableSandbox()
// for every renderer, the privileges of app:// (standard and secure only), then the
// single-instance lock carrying the launch's navette:// link. Electron is replaced by a recorder.
import { afterEach, describe, expect, it, vi } from 'vitest';

const calls: { name: string; args: unknown[] }[] = [];
const lock = { granted: false };

vi.mock('electron', () => {
  const record =
    (name: string, result?: () => unknown) =>
    (...args: unknown[]): unknown => {
      calls.push({ name, args });
      return result?.();
    };
  return {
    app: {
      enableSandbox: record('app.enableSandbox'),
      requestSingleInstanceLock: record('app.requestSingleInstanceLock', () => lock.granted),
      quit: record('app.quit'),
    },
    protocol: { registerSchemesAsPrivileged: record('protocol.registerSchemesAsPrivileged') },
  };
});

afterEach(() => {
  calls.length = 0;
  vi.resetModules();
});

describe('main.ts', () => {
  it('sandboxes every renderer first, registers app:// as standard+secure, then takes the lock', async () => {
    const argv = process.argv;
    process.argv = [...argv, 'navette://patient/279035121518989'];
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      await import('../../../src/main/main.js');
    } finally {
      process.argv = argv;
    }
    expect(calls.map((c) => c.name)).toEqual([
      'app.enableSandbox',
      'protocol.registerSchemesAsPrivileged',
      'app.requestSingleInstanceLock',
      // Another instance holds the lock: this one hands over and quits.
      'app.quit',
    ]);
    expect(calls[1]?.args).toEqual([
      [{ scheme: 'app', privileges: { standard: true, secure: true } }],
    ]);
    expect(calls[2]?.args).toEqual([{ link: 'navette://patient/279035121518989' }]);
  });
});
