// Start at login (off by default, the OS login item is the record), the updater (off by default,
// a no-op when off, not packaged, or without electron-updater), and the service hooks the shell
// looks up (event stream, card unlocker).
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { ServiceEvent } from '../../../src/api/events.js';
import type { RunningService } from '../../../src/app/index.js';
import {
  HIDDEN_FLAG,
  LoginItemController,
  launchedAtLogin,
  loginItemSettings,
  loginItemSupported,
  type LoginItemApi,
} from '../../../src/main/launch/loginItem.js';
import { desktopHooksOf } from '../../../src/main/serviceHooks.js';
import {
  createUpdateController,
  loadElectronUpdater,
  updateDecision,
  type AutoUpdaterLike,
} from '../../../src/main/updates/UpdateController.js';
import { recordingLog } from './fixtures.js';

describe('start at login', () => {
  it('is offered in packaged builds on Windows and macOS only', () => {
    expect(loginItemSupported('win32', true)).toBe(true);
    expect(loginItemSupported('darwin', true)).toBe(true);
    expect(loginItemSupported('linux', true)).toBe(false);
    expect(loginItemSupported('win32', false)).toBe(false);
  });

  it('starts in the tray: --hidden on Windows, wasOpenedAtLogin on macOS', () => {
    expect(loginItemSettings(true, 'win32', 'C:\\Navette\\Navette.exe')).toEqual({
      openAtLogin: true,
      path: 'C:\\Navette\\Navette.exe',
      args: [HIDDEN_FLAG],
    });
    expect(loginItemSettings(false, 'darwin', '/Applications/Navette.app')).toEqual({
      openAtLogin: false,
    });
    expect(launchedAtLogin(['navette', HIDDEN_FLAG], undefined)).toBe(true);
    expect(launchedAtLogin(['navette'], { wasOpenedAtLogin: true })).toBe(true);
    expect(launchedAtLogin(['navette'], { wasOpenedAtLogin: false })).toBe(false);
  });

  it('is off until the user turns it on, and reads back what the OS has', () => {
    const os = { openAtLogin: false, queries: [] as unknown[] };
    const api: LoginItemApi = {
      getLoginItemSettings: (query) => {
        os.queries.push(query);
        return { openAtLogin: os.openAtLogin, wasOpenedAtLogin: false };
      },
      setLoginItemSettings: (settings) => {
        os.openAtLogin = settings.openAtLogin === true;
      },
    };
    const controller = new LoginItemController(api, 'win32', 'C:\\N\\Navette.exe');
    expect(controller.enabled).toBe(false);
    expect(controller.toggle()).toBe(true);
    expect(controller.enabled).toBe(true);
    expect(controller.toggle()).toBe(false);
    // Windows matches the login item on its path and arguments.
    expect(os.queries[0]).toEqual({ path: 'C:\\N\\Navette.exe', args: [HIDDEN_FLAG] });
  });
});

describe('UpdateController', () => {
  function fakeUpdater() {
    const calls: string[] = [];
    const updater: AutoUpdaterLike = {
      autoDownload: false,
      autoInstallOnAppQuit: false,
      checkForUpdatesAndNotify: () => {
        calls.push('check');
        return Promise.resolve(null);
      },
      on: () => updater,
    };
    return { updater, calls };
  }
  function fakeTimers() {
    const timers = { active: 0, tick: (): void => undefined };
    return {
      timers,
      api: {
        setInterval: (fn: () => void) => {
          timers.active += 1;
          timers.tick = fn;
          return timers.active;
        },
        clearInterval: () => {
          timers.active -= 1;
        },
      },
    };
  }

  it('is off by default, and in development', async () => {
    expect(updateDecision(false, true)).toBe('off');
    expect(updateDecision(true, false)).toBe('not-packaged');
    expect(updateDecision(true, true)).toBe('on');
    let loads = 0;
    const load = () => {
      loads += 1;
      return Promise.resolve(fakeUpdater().updater);
    };
    const log = recordingLog();
    const off = createUpdateController({ enabled: false, isPackaged: true, load, log });
    expect(await off.start()).toBe('off');
    const dev = createUpdateController({ enabled: true, isPackaged: false, load, log });
    expect(await dev.start()).toBe('not-packaged');
    expect(loads).toBe(0);
  });

  it('checks at start and then periodically when on, and stops', async () => {
    const { updater, calls } = fakeUpdater();
    const { timers, api } = fakeTimers();
    const controller = createUpdateController({
      enabled: true,
      isPackaged: true,
      load: () => Promise.resolve(updater),
      log: recordingLog(),
      timers: api,
    });
    expect(await controller.start()).toBe('running');
    expect(updater.autoInstallOnAppQuit).toBe(true);
    timers.tick();
    expect(calls).toEqual(['check', 'check']);
    controller.stop();
    expect(timers.active).toBe(0);
    expect(controller.state).toBe('stopped');
  });

  it('is a no-op that says so when electron-updater cannot be loaded', async () => {
    const log = recordingLog();
    const controller = createUpdateController({
      enabled: true,
      isPackaged: true,
      // Outside Electron the module cannot load (it requires the electron runtime).
      load: () => Promise.resolve(undefined),
      log,
    });
    expect(await controller.start()).toBe('unavailable');
    expect(log.entries.map((e) => e.message)).toEqual([
      'updates are enabled but electron-updater is not installed',
    ]);
  });

  it('ships electron-updater, pinned, for the packaged app to load', () => {
    const require = createRequire(import.meta.url);
    expect(require.resolve('electron-updater')).toContain('node_modules');
    const pkg = require('../../../package.json') as { dependencies: Record<string, string> };
    expect(pkg.dependencies['electron-updater']).toMatch(/^\d+\.\d+\.\d+$/);
    expect(typeof loadElectronUpdater).toBe('function');
  });
});
describe('desktopHooksOf', () => {
  const base = {} as RunningService;

  it("hands over the service's event stream and card unlocker", () => {
    const subscribe = (_l: (e: ServiceEvent) => void) => () => undefined;
    const unlocker = {
      pinRequest: () => Promise.resolve(undefined),
      login: () => Promise.resolve(),
    };
    const hooks = desktopHooksOf({
      ...base,
      events: { subscribe },
      cardUnlocker: unlocker,
    } as never);
    expect(hooks.events?.subscribe).toBe(subscribe);
    expect(hooks.cardUnlocker).toBe(unlocker);
  });
});
