// The guards wired to fake Electron objects that record the handlers, then driven the way
// Electron would drive them.
import { describe, expect, it } from 'vitest';
import { APP_CSP } from '../../../src/main/security/csp.js';
import {
  guardWebContents,
  hardenSession,
  type SessionLike,
  type WebContentsLike,
} from '../../../src/main/security/hardening.js';
import { recordingLog } from './fixtures.js';

type Fn = (...args: never[]) => unknown;

function fakeSession() {
  const handlers: Record<string, Fn> = {};
  const register = (name: string) => (handler: Fn) => {
    handlers[name] = handler;
  };
  const session = {
    setPermissionRequestHandler: register('permissionRequest'),
    setPermissionCheckHandler: register('permissionCheck'),
    setDevicePermissionHandler: register('devicePermission'),
    setDisplayMediaRequestHandler: register('displayMedia'),
    on: (event: string, handler: Fn) => register(`on:${event}`)(handler),
    webRequest: {
      onBeforeRequest: register('beforeRequest'),
      onHeadersReceived: register('headersReceived'),
    },
  };
  const call = (name: string, ...args: unknown[]): unknown => {
    const handler = handlers[name] as ((...a: unknown[]) => unknown) | undefined;
    if (handler === undefined) throw new Error(`no ${name} handler`);
    return handler(...args);
  };
  return { session: session as unknown as SessionLike, call };
}

function capture<T>(): { callback: (value: T) => void; values: T[] } {
  const values: T[] = [];
  return { callback: (value) => values.push(value), values };
}

describe('hardenSession', () => {
  it('denies every permission request, check, device and screen capture', () => {
    const { session, call } = fakeSession();
    hardenSession(session, recordingLog());
    for (const permission of ['media', 'notifications', 'clipboard-read', 'openExternal', 'hid']) {
      const { callback, values } = capture<boolean>();
      call('permissionRequest', {}, permission, callback, {});
      expect(values).toEqual([false]);
      expect(call('permissionCheck', null, permission, 'app://navette', {})).toBe(false);
    }
    expect(call('devicePermission', { deviceType: 'usb' })).toBe(false);
    const media = capture<unknown>();
    call('displayMedia', {}, media.callback);
    expect(media.values).toEqual([null]);
  });

  it('cancels every request that is not our scheme', () => {
    const { session, call } = fakeSession();
    const log = recordingLog();
    hardenSession(session, log);
    const decide = (url: string) => {
      const { callback, values } = capture<{ cancel: boolean }>();
      call('beforeRequest', { url }, callback);
      return values[0]?.cancel;
    };
    expect(decide('app://navette/main.js')).toBe(false);
    expect(decide('https://cdn.example/lib.js')).toBe(true);
    expect(decide('http://127.0.0.1:7411/health?ins=1')).toBe(true);
    expect(decide('file:///etc/passwd')).toBe(true);
    // Only the scheme is logged: a URL may carry a patient identifier.
    expect(log.entries.map((e) => e.fields)).toEqual([
      { scheme: 'https' },
      { scheme: 'http' },
      { scheme: 'file' },
    ]);
  });

  it('forces our CSP onto responses, except devtools pages', () => {
    const { session, call } = fakeSession();
    hardenSession(session, recordingLog());
    const { callback, values } = capture<unknown>();
    call(
      'headersReceived',
      { url: 'app://navette/index.html', responseHeaders: { 'content-security-policy': ['x'] } },
      callback,
    );
    call('headersReceived', { url: 'devtools://devtools/x.html', responseHeaders: {} }, callback);
    expect(values).toEqual([{ responseHeaders: { 'Content-Security-Policy': [APP_CSP] } }, {}]);
  });

  it('refuses downloads', () => {
    const { session, call } = fakeSession();
    hardenSession(session, recordingLog());
    let prevented = false;
    call('on:will-download', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
  });
});

describe('guardWebContents', () => {
  function fakeContents() {
    const listeners: Record<string, (event: unknown) => void> = {};
    let openHandler: ((details: { url: string }) => unknown) | undefined;
    const contents = {
      on: (event: string, listener: (event: unknown) => void) => {
        listeners[event] = listener;
        return contents;
      },
      setWindowOpenHandler: (handler: (details: { url: string }) => unknown) => {
        openHandler = handler;
      },
    };
    const emit = (name: string, fields: Record<string, unknown>): boolean => {
      let prevented = false;
      listeners[name]?.({ ...fields, preventDefault: () => (prevented = true) });
      return prevented;
    };
    return {
      contents: contents as unknown as WebContentsLike,
      emit,
      open: (url: string) => openHandler?.({ url }),
    };
  }

  it('cancels every navigation, opening only allowlisted links in the browser', () => {
    const { contents, emit } = fakeContents();
    const opened: string[] = [];
    guardWebContents(contents, (url) => opened.push(url), recordingLog());
    expect(emit('will-navigate', { url: 'https://www.monespacesante.fr/aide' })).toBe(true);
    expect(emit('will-navigate', { url: 'https://evil.example/' })).toBe(true);
    expect(emit('will-navigate', { url: 'app://navette/other.html' })).toBe(true);
    expect(opened).toEqual(['https://www.monespacesante.fr/aide']);
  });

  it('denies every new window, opening only allowlisted links in the browser', () => {
    const { contents, open } = fakeContents();
    const opened: string[] = [];
    guardWebContents(contents, (url) => opened.push(url), recordingLog());
    expect(open('https://www.ameli.fr/')).toEqual({ action: 'deny' });
    expect(open('https://evil.example/')).toEqual({ action: 'deny' });
    expect(open('app://navette/index.html')).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://www.ameli.fr/']);
  });

  it('cancels sub-frame navigations, redirects and webviews', () => {
    const { contents, emit } = fakeContents();
    guardWebContents(contents, () => undefined, recordingLog());
    expect(emit('will-frame-navigate', { url: 'https://evil.example/', isMainFrame: false })).toBe(
      true,
    );
    // The main frame's navigations are handled (and cancelled) by will-navigate.
    expect(emit('will-frame-navigate', { url: 'app://navette/', isMainFrame: true })).toBe(false);
    expect(emit('will-redirect', { url: 'https://evil.example/' })).toBe(true);
    expect(emit('will-attach-webview', {})).toBe(true);
  });
});
