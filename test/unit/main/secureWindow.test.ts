import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { APP_START_URL } from '../../../src/main/security/appScheme.js';
import {
  SECURE_WEB_PREFERENCES,
  createSecureWindow,
  type BrowserWindowConstructor,
  type SecureWindowOptions,
} from '../../../src/main/security/secureWindow.js';

/** Stands in for BrowserWindow: records its options and the URL it is asked to load. */
function fakeWindowClass() {
  const created: { options: BrowserWindowConstructorOptions; loaded: string[] }[] = [];
  class FakeWindow {
    constructor(options: BrowserWindowConstructorOptions) {
      created.push({ options, loaded: [] });
    }
    loadURL(url: string): Promise<void> {
      created.at(-1)?.loaded.push(url);
      return Promise.resolve();
    }
  }
  return { Window: FakeWindow as unknown as BrowserWindowConstructor, created };
}

const options: SecureWindowOptions = {
  preload: '/app/dist/preload/index.js',
  url: APP_START_URL,
  title: 'Navette',
  width: 1000,
  height: 700,
  devTools: false,
  show: false,
};

describe('createSecureWindow', () => {
  it('creates the window with the locked-down preferences and loads the app page', async () => {
    const { Window, created } = fakeWindowClass();
    const { window, loaded } = createSecureWindow(Window, options);
    await loaded;
    expect(window).toBeDefined();
    expect(created).toHaveLength(1);
    const prefs = created[0]?.options.webPreferences;
    expect(prefs).toEqual({
      ...SECURE_WEB_PREFERENCES,
      preload: '/app/dist/preload/index.js',
      devTools: false,
    });
    expect(prefs).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(created[0]?.loaded).toEqual(['app://navette/index.html']);
    expect(created[0]?.options).toMatchObject({ title: 'Navette', show: false });
  });

  it.each([
    'https://www.monespacesante.fr/',
    'http://127.0.0.1:7411/',
    'file:///opt/navette/dist/renderer/index.html',
    'app://evil/index.html',
    'javascript:alert(1)',
  ])('refuses to open a window on %s', (url) => {
    const { Window, created } = fakeWindowClass();
    expect(() => createSecureWindow(Window, { ...options, url })).toThrow(/non-app URL/);
    expect(created).toHaveLength(0);
  });

  it('turns developer tools on only when asked', () => {
    const { Window, created } = fakeWindowClass();
    createSecureWindow(Window, { ...options, devTools: true, minWidth: 600, icon: '/i.png' });
    expect(created[0]?.options.webPreferences?.devTools).toBe(true);
    expect(created[0]?.options).toMatchObject({ minWidth: 600, icon: '/i.png' });
  });

  it('keeps the BrowserWindow type usable for the caller', () => {
    const { Window } = fakeWindowClass();
    const { window }: { window: BrowserWindow } = createSecureWindow(Window, options);
    expect(typeof window.loadURL).toBe('function');
  });
});
