// registerHandler with a fake ipcMain: the sender check, the argument validation and the
// envelopes, the three things that stand between a compromised renderer and the service.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { NavetteError } from '../../../src/domain/errors/NavetteError.js';
import {
  FORBIDDEN_SENDER_ERROR,
  INTERNAL_BRIDGE_ERROR,
  INVALID_ARGUMENTS_ERROR,
} from '../../../src/main/ipc/bridgeErrors.js';
import { CHANNELS } from '../../../src/main/ipc/channels.js';
import { registerNavetteHandlers } from '../../../src/main/ipc/navetteHandlers.js';
import { registerHandler } from '../../../src/main/ipc/registerHandler.js';
import { checkSenderFrame, type SenderFrameLike } from '../../../src/main/ipc/senderCheck.js';
import { FakeIpcMain, healthReport, recordingLog } from './fixtures.js';

const appFrame: SenderFrameLike = { url: 'app://navette/index.html', parent: null };

describe('checkSenderFrame', () => {
  it('trusts only the top frame of our origin', () => {
    expect(checkSenderFrame(appFrame)).toEqual({ trusted: true });
    expect(checkSenderFrame(null)).toEqual({ trusted: false, reason: 'no-frame' });
    expect(checkSenderFrame(undefined)).toEqual({ trusted: false, reason: 'no-frame' });
    expect(checkSenderFrame({ url: 'app://navette/x.html', parent: appFrame })).toEqual({
      trusted: false,
      reason: 'sub-frame',
    });
    for (const url of [
      'https://evil.example/',
      'file:///tmp/x.html',
      'app://evil/',
      'about:blank',
    ]) {
      expect(checkSenderFrame({ url, parent: null })).toEqual({
        trusted: false,
        reason: 'foreign-origin',
      });
    }
  });
});

describe('registerHandler', () => {
  it('answers a trusted call with an ok envelope', async () => {
    const ipc = new FakeIpcMain();
    registerHandler(ipc, CHANNELS.health, undefined, () => 42, recordingLog());
    expect(await ipc.invoke(appFrame, CHANNELS.health)).toEqual({ ok: true, value: 42 });
  });

  it('refuses callers that are not our top frame, without running the handler', async () => {
    const ipc = new FakeIpcMain();
    const log = recordingLog();
    let ran = 0;
    registerHandler(ipc, CHANNELS.health, undefined, () => ++ran, log);
    for (const frame of [
      null,
      { url: 'https://evil.example/', parent: null },
      { url: 'app://navette/index.html', parent: appFrame },
    ]) {
      expect(await ipc.invoke(frame, CHANNELS.health)).toEqual({
        ok: false,
        error: FORBIDDEN_SENDER_ERROR,
      });
    }
    expect(ran).toBe(0);
    expect(log.entries.map((e) => e.fields['reason'])).toEqual([
      'no-frame',
      'foreign-origin',
      'sub-frame',
    ]);
  });

  it('validates the argument with the schema and hands the handler the parsed value', async () => {
    const ipc = new FakeIpcMain();
    const log = recordingLog();
    const seen: unknown[] = [];
    const schema = z.object({ count: z.number().int().min(1) }).strict();
    registerHandler(
      ipc,
      CHANNELS.health,
      schema,
      (input) => {
        seen.push(input);
        return input.count * 2;
      },
      log,
    );
    expect(await ipc.invoke(appFrame, CHANNELS.health, { count: 2 })).toEqual({
      ok: true,
      value: 4,
    });
    for (const args of [
      [{ count: 0 }],
      [{ count: 1, extra: true }],
      ['x'],
      [],
      [{ count: 1 }, 2],
    ]) {
      expect(await ipc.invoke(appFrame, CHANNELS.health, ...args)).toEqual({
        ok: false,
        error: INVALID_ARGUMENTS_ERROR,
      });
    }
    expect(seen).toEqual([{ count: 2 }]);
    // The log names the failing field, never the value sent.
    expect(JSON.stringify(log.entries)).not.toContain('extra":true');
  });

  it('refuses arguments sent to a handler that takes none', async () => {
    const ipc = new FakeIpcMain();
    registerHandler(ipc, CHANNELS.health, undefined, () => 1, recordingLog());
    expect(await ipc.invoke(appFrame, CHANNELS.health, 'x')).toEqual({
      ok: false,
      error: INVALID_ARGUMENTS_ERROR,
    });
  });

  it("passes a NavetteError's code and French message, and hides any other error", async () => {
    const ipc = new FakeIpcMain();
    const log = recordingLog();
    let error: unknown = new NavetteError('CARD_ABSENT', 'Insérez votre carte CPS.', { slot: 1 });
    registerHandler(
      ipc,
      CHANNELS.health,
      undefined,
      async () => {
        await Promise.resolve();
        throw error;
      },
      log,
    );
    expect(await ipc.invoke(appFrame, CHANNELS.health)).toEqual({
      ok: false,
      error: { code: 'CARD_ABSENT', message: 'Insérez votre carte CPS.' },
    });
    error = new Error('ENOENT: /home/dr/secret/path');
    const hidden = await ipc.invoke(appFrame, CHANNELS.health);
    expect(hidden).toEqual({ ok: false, error: INTERNAL_BRIDGE_ERROR });
    expect(JSON.stringify(hidden)).not.toContain('secret');
    expect(log.entries.map((e) => e.fields['code'])).toEqual(['CARD_ABSENT', 'INTERNAL_ERROR']);
  });

  it('unregisters', () => {
    const ipc = new FakeIpcMain();
    const undo = registerHandler(ipc, CHANNELS.health, undefined, () => 1, recordingLog());
    undo();
    expect(ipc.handlers.size).toBe(0);
  });
});

describe('registerNavetteHandlers', () => {
  it('answers health from the running service, and "not ready" while there is none', async () => {
    const ipc = new FakeIpcMain();
    const report = healthReport({ demo: true });
    let service: { health(): typeof report; uiUrl: string } | undefined = undefined;
    const undo = registerNavetteHandlers(ipc, () => service, recordingLog());
    expect(await ipc.invoke(appFrame, CHANNELS.health)).toMatchObject({
      ok: false,
      error: { code: 'SERVICE_NOT_READY' },
    });
    service = { health: () => report, uiUrl: 'http://127.0.0.1:7411/#jeton=x' };
    expect(await ipc.invoke(appFrame, CHANNELS.health)).toEqual({ ok: true, value: report });
    undo();
    expect(ipc.handlers.size).toBe(0);
  });
});
