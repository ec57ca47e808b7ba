// The PIN dialog: its decisions (what the page is told, how card errors read), its IPC handlers
// (the PIN goes to the card's login and nowhere else; only the PIN page may call), its window,
// its page (French, accessible, nothing inline for the CSP) and the contract its three sides share.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PinRequest } from '../../../src/app/card/index.js';
import { cardErrors, pinStateFromFlags } from '../../../src/card/index.js';
import {
  FORBIDDEN_SENDER_ERROR,
  INVALID_ARGUMENTS_ERROR,
} from '../../../src/main/ipc/bridgeErrors.js';
import {
  PinDialog,
  pinWindowOptions,
  type DialogWindowLike,
} from '../../../src/main/pin/PinDialog.js';
import {
  PIN_CHANNELS,
  PIN_PAGE_URL,
  type CardUnlocker,
  type PinBridge as MainPinBridge,
} from '../../../src/main/pin/pinContract.js';
import {
  NO_CARD_WAITING,
  pinFailureOf,
  pinPromptOf,
  triesWarning,
} from '../../../src/main/pin/pinPrompt.js';
import { registerPinHandlers } from '../../../src/main/pin/registerPinHandlers.js';
import { APP_START_URL } from '../../../src/main/security/appScheme.js';
import {
  SECURE_WEB_PREFERENCES,
  secureWindowOptions,
} from '../../../src/main/security/secureWindow.js';
import type { PinBridge as PagePinBridge } from '../../../src/renderer/pin/pinBridge.js';
import { promptView, submitView, triesText } from '../../../src/renderer/pin/pinView.js';
import { REPO_ROOT } from '../../support/paths.js';
import { FakeIpcMain, recordingLog } from './fixtures.js';

const request = (flags = 0, label = 'DR MARTIN'): PinRequest => ({
  label,
  pin: pinStateFromFlags(flags),
});
// PKCS#11 token flags: CKF_USER_PIN_COUNT_LOW 0x10000, CKF_USER_PIN_FINAL_TRY 0x20000.
const COUNT_LOW = 0x10000;
const FINAL_TRY = 0x20000;

describe('PIN prompt decisions', () => {
  it('tells the page the card and the tries left, when the card says so', () => {
    expect(pinPromptOf(request())).toEqual({
      cardLabel: 'DR MARTIN',
      triesLeft: null,
      warning: null,
    });
    expect(pinPromptOf(request(FINAL_TRY))).toEqual({
      cardLabel: 'DR MARTIN',
      triesLeft: 1,
      warning: 'Attention : dernier essai. Un code erroné bloquera la carte.',
    });
    expect(pinPromptOf(request(COUNT_LOW)).warning).toBe(
      'Attention : des codes erronés ont déjà été saisis sur cette carte.',
    );
    expect(triesWarning(3, false)).toBe('Il reste 3 essais avant le blocage de la carte.');
  });

  it('lets the user try again after a wrong PIN, and closes on anything else', () => {
    expect(pinFailureOf(cardErrors.pinIncorrect(2, true))).toEqual({
      status: 'retry',
      message: cardErrors.pinIncorrect(2, true).message,
      triesLeft: 2,
    });
    expect(pinFailureOf(cardErrors.pinInvalid(4, 8))).toMatchObject({
      status: 'retry',
      triesLeft: null,
    });
    expect(pinFailureOf(cardErrors.pinLocked())).toEqual({
      status: 'closed',
      message: cardErrors.pinLocked().message,
    });
    const unexpected = pinFailureOf(new Error('/secret/path'));
    expect(unexpected.status).toBe('closed');
    expect(JSON.stringify(unexpected)).not.toContain('/secret/path');
  });
});

describe('PIN handlers', () => {
  const pinFrame = { url: PIN_PAGE_URL, parent: null };
  const PIN = '1234';

  function setup(unlocker: CardUnlocker | undefined) {
    const ipc = new FakeIpcMain();
    const log = recordingLog();
    const events: string[] = [];
    const unregister = registerPinHandlers(
      ipc,
      {
        unlocker: () => unlocker,
        onAccepted: () => events.push('accepted'),
        onClose: () => events.push('close'),
      },
      log,
    );
    return { ipc, log, events, unregister };
  }

  /** A card that takes `good` and counts down otherwise; records what reached login. */
  function fakeCard(good: string, tries = 3) {
    const logins: string[] = [];
    let left = tries;
    let loggedIn = false;
    const unlocker: CardUnlocker = {
      pinRequest: () =>
        Promise.resolve(loggedIn ? undefined : request(left === 1 ? FINAL_TRY : COUNT_LOW)),
      login: (pin) => {
        logins.push(pin);
        if (left === 0) return Promise.reject(cardErrors.pinLocked());
        if (pin !== good) {
          left -= 1;
          return Promise.reject(
            left === 0 ? cardErrors.pinLocked() : cardErrors.pinIncorrect(left, true),
          );
        }
        loggedIn = true;
        return Promise.resolve();
      },
    };
    return { unlocker, logins };
  }

  it('passes the PIN to the card login, and answers only the outcome', async () => {
    const card = fakeCard(PIN);
    const { ipc, log, events } = setup(card.unlocker);
    expect(await ipc.invoke(pinFrame, PIN_CHANNELS.prompt)).toEqual({
      ok: true,
      value: { cardLabel: 'DR MARTIN', triesLeft: null, warning: expect.any(String) as string },
    });
    const wrong = await ipc.invoke(pinFrame, PIN_CHANNELS.submit, '0000');
    expect(wrong).toEqual({
      ok: true,
      value: { status: 'retry', message: cardErrors.pinIncorrect(2, true).message, triesLeft: 2 },
    });
    expect(await ipc.invoke(pinFrame, PIN_CHANNELS.submit, PIN)).toEqual({
      ok: true,
      value: { status: 'accepted' },
    });
    expect(card.logins).toEqual(['0000', PIN]);
    expect(events).toEqual(['accepted']);
    // Nothing the handlers logged or answered holds a PIN.
    const seen = JSON.stringify([log.entries, wrong]);
    expect(seen).not.toContain(PIN);
    expect(seen).not.toContain('0000');
    // Logged in: nothing waits any more.
    expect(await ipc.invoke(pinFrame, PIN_CHANNELS.submit, PIN)).toEqual({
      ok: true,
      value: NO_CARD_WAITING,
    });
    expect(card.logins).toHaveLength(2);
  });

  it('closes the dialog when the card locks', async () => {
    const card = fakeCard(PIN, 1);
    const { ipc, events } = setup(card.unlocker);
    expect(await ipc.invoke(pinFrame, PIN_CHANNELS.submit, '9999')).toEqual({
      ok: true,
      value: { status: 'closed', message: cardErrors.pinLocked().message },
    });
    expect(events).toEqual(['close']);
  });

  it('answers the PIN page only', async () => {
    const card = fakeCard(PIN);
    const { ipc, log } = setup(card.unlocker);
    for (const frame of [
      { url: APP_START_URL, parent: null },
      { url: 'app://navette/pin/other.html', parent: null },
      { url: 'https://evil.example/pin/index.html', parent: null },
      { url: PIN_PAGE_URL, parent: { url: PIN_PAGE_URL, parent: null } },
    ]) {
      expect(await ipc.invoke(frame, PIN_CHANNELS.submit, PIN)).toEqual({
        ok: false,
        error: FORBIDDEN_SENDER_ERROR,
      });
    }
    expect(card.logins).toEqual([]);
    expect(log.entries.map((e) => e.fields['reason'])).toEqual([
      'foreign-page',
      'foreign-page',
      'foreign-origin',
      'sub-frame',
    ]);
  });

  it('refuses what is not a PIN before it reaches the card, without logging it', async () => {
    const card = fakeCard(PIN);
    const { ipc, log } = setup(card.unlocker);
    for (const args of [[''], ['1'.repeat(65)], ['12\n34'], [1234], [PIN, PIN], []]) {
      expect(await ipc.invoke(pinFrame, PIN_CHANNELS.submit, ...args)).toEqual({
        ok: false,
        error: INVALID_ARGUMENTS_ERROR,
      });
    }
    expect(card.logins).toEqual([]);
    expect(JSON.stringify(log.entries)).not.toContain(PIN);
  });

  it('says so when no card waits, and cancels on request', async () => {
    const { ipc, events, unregister } = setup(undefined);
    expect(await ipc.invoke(pinFrame, PIN_CHANNELS.prompt)).toMatchObject({
      ok: false,
      error: { code: 'PIN_NOT_NEEDED' },
    });
    expect(await ipc.invoke(pinFrame, PIN_CHANNELS.submit, PIN)).toEqual({
      ok: true,
      value: NO_CARD_WAITING,
    });
    expect(await ipc.invoke(pinFrame, PIN_CHANNELS.cancel)).toEqual({ ok: true, value: null });
    expect(events).toEqual(['close', 'close']);
    unregister();
    expect(ipc.handlers.size).toBe(0);
  });
});

describe('PinDialog', () => {
  function fakeWindows() {
    const created: { options: unknown; calls: string[]; emit(e: string): void }[] = [];
    const createWindow = (options: unknown) => {
      const calls: string[] = [];
      const listeners = new Map<string, () => void>();
      let destroyed = false;
      const window: DialogWindowLike = {
        isDestroyed: () => destroyed,
        show: () => calls.push('show'),
        focus: () => calls.push('focus'),
        close: () => {
          calls.push('close');
          destroyed = true;
          listeners.get('closed')?.();
        },
        once: (event, listener) => listeners.set(event, listener),
        on: (event, listener) => listeners.set(event, listener),
      };
      created.push({ options, calls, emit: (e) => listeners.get(e)?.() });
      return { window, loaded: Promise.resolve() };
    };
    return { created, createWindow };
  }

  it('opens one small secure window on the PIN page, brings it back, and closes it', () => {
    const { created, createWindow } = fakeWindows();
    const dialog = new PinDialog({
      createWindow,
      preload: '/app/dist/preload/pin.js',
      devTools: false,
      onLoadError: () => undefined,
    });
    dialog.open();
    created[0]?.emit('ready-to-show');
    dialog.open();
    expect(created).toHaveLength(1);
    expect(created[0]?.calls).toEqual(['show', 'focus', 'show', 'focus']);
    expect(dialog.isOpen).toBe(true);
    dialog.close();
    expect(dialog.isOpen).toBe(false);
    dialog.open();
    expect(created).toHaveLength(2);
    expect(created[1]?.options).toEqual(pinWindowOptions('/app/dist/preload/pin.js', false));
  });

  it('uses the secure preferences, a fixed size, and the PIN page', () => {
    const options = secureWindowOptions(pinWindowOptions('/p/pin.js', false));
    expect(options).toMatchObject({
      resizable: false,
      maximizable: false,
      alwaysOnTop: true,
      show: false,
      webPreferences: { ...SECURE_WEB_PREFERENCES, preload: '/p/pin.js', devTools: false },
    });
    expect(pinWindowOptions('/p/pin.js', false).url).toBe('app://navette/pin/index.html');
  });
});

describe('PIN page', () => {
  const html = readFileSync(path.join(REPO_ROOT, 'src', 'renderer', 'pin', 'index.html'), 'utf8');

  it('is French and accessible: a label, the tries and the error read out', () => {
    expect(html).toContain('<html lang="fr">');
    expect(html).toMatch(/<label for="pin-code">Code PIN/);
    expect(html).toMatch(/id="pin-code"[\s\S]*type="password"[\s\S]*autocomplete="off"/);
    expect(html).toMatch(/aria-describedby="pin-essais pin-erreur"/);
    expect(html).toMatch(/id="pin-essais" aria-live="polite"/);
    expect(html).toMatch(/id="pin-erreur" class="erreur" role="alert" aria-live="assertive"/);
  });

  it('has nothing inline that the CSP would block', () => {
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)/);
    expect(html).not.toMatch(/\sstyle=|<style|\son[a-z]+=/i);
    expect(html).toContain('<script type="module" src="./pin.js"></script>');
  });

  it('shows the card, the tries left, and each outcome', () => {
    const prompt = promptView({
      ok: true,
      value: { cardLabel: 'DR MARTIN', triesLeft: 3, warning: null },
    });
    expect(prompt).toEqual({
      card: 'Carte : DR MARTIN',
      tries: '3 essais restants avant le blocage de la carte.',
      error: null,
      canSubmit: true,
      done: false,
    });
    const retry = submitView(prompt, {
      ok: true,
      value: { status: 'retry', message: 'Code porteur incorrect.', triesLeft: 1 },
    });
    expect(retry).toMatchObject({
      tries: 'Dernier essai avant le blocage de la carte.',
      error: 'Code porteur incorrect.',
      canSubmit: true,
      done: false,
    });
    expect(submitView(retry, { ok: true, value: { status: 'accepted' } })).toMatchObject({
      error: null,
      done: true,
    });
    expect(
      submitView(retry, { ok: true, value: { status: 'closed', message: 'Carte bloquée.' } }),
    ).toMatchObject({ error: 'Carte bloquée.', canSubmit: false, done: true });
    expect(
      submitView(retry, { ok: false, error: { code: 'X', message: 'Erreur.' } }),
    ).toMatchObject({ error: 'Erreur.', canSubmit: true });
    expect(triesText(0)).toBe('Aucun essai restant : la carte est bloquée.');
    expect(triesText(null)).toBeNull();
  });
});

describe('PIN contract', () => {
  it('is the same for main and the page', () => {
    type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
    const same: Same<MainPinBridge, PagePinBridge> = true;
    expect(same).toBe(true);
  });
});
