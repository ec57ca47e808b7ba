// The preload as Electron runs it in a sandboxed renderer: compiled the way the build compiles
// it, then evaluated as one script with a `require` that knows only the sandbox's modules. A
// runtime import of another file, or any ESM syntax left in the output, fails here as it would
// in the app. (test/integration/start runs the same checks on the built dist/preload/index.js.)
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { NavetteBridge } from '../../../src/api/bridge.js';
import { CHANNELS } from '../../../src/main/ipc/channels.js';
import { compileSourcePreload, runSandboxedPreload } from './sandboxedPreload.js';

const root = path.resolve(import.meta.dirname, '../../..');
const run = () => runSandboxedPreload(compileSourcePreload(root));

describe('preload (sandboxed)', () => {
  it('compiles to a plain script that requires only electron', () => {
    expect(compileSourcePreload(root)).not.toMatch(/^\s*(import|export)\s/m);
    expect(run().required).toEqual(['electron']);
  });

  it('exposes exactly window.navette with the bridge verbs', () => {
    const { exposed } = run();
    expect([...exposed.keys()]).toEqual(['navette']);
    const bridge = exposed.get('navette') as NavetteBridge;
    expect(Object.keys(bridge).sort()).toEqual(['call', 'health', 'onDeepLink', 'onServiceEvent']);
  });

  it('calls the main process on the channel main listens on', async () => {
    const { exposed, invoked } = run();
    const bridge = exposed.get('navette') as NavetteBridge;
    expect(await bridge.health()).toEqual({ ok: true, value: `answer of ${CHANNELS.health}` });
    expect(invoked).toEqual([{ channel: CHANNELS.health, args: [] }]);
    await bridge.call?.('getStatus', {});
    // One argument, checked in main: the operation id and its input together.
    expect(invoked[1]).toEqual({
      channel: CHANNELS.call,
      args: [{ operationId: 'getStatus', input: {} }],
    });
  });

  it('delivers pushed events without the IPC event, and unsubscribes', () => {
    const { exposed, emit, listeners } = run();
    const bridge = exposed.get('navette') as NavetteBridge;
    const got: unknown[] = [];
    const off = bridge.onServiceEvent((event) => got.push(event));
    const offLink = bridge.onDeepLink((link) => got.push(link));
    const event = { type: 'component-changed', component: 'card', status: { state: 'ok' } };
    const link = { url: 'navette://patient', route: 'patient', params: {} };
    emit(CHANNELS.serviceEvent, event);
    emit(CHANNELS.deepLink, link);
    expect(got).toEqual([event, link]);
    off();
    offLink();
    expect(listeners.get(CHANNELS.serviceEvent)?.size).toBe(0);
    expect(listeners.get(CHANNELS.deepLink)?.size).toBe(0);
    emit(CHANNELS.serviceEvent, event);
    expect(got).toHaveLength(2);
  });

  it('fails as the sandbox would if the preload loads anything but electron', () => {
    const code = `${compileSourcePreload(root)}\nrequire('node:fs');`;
    expect(() => runSandboxedPreload(code)).toThrow(/module not found: node:fs/);
    expect(() => runSandboxedPreload('import x from "electron";')).toThrow(SyntaxError);
  });

  it('is compiled as CommonJS by the build (src/preload/package.json)', () => {
    const pkg = JSON.parse(
      readFileSync(path.join(root, 'src', 'preload', 'package.json'), 'utf8'),
    ) as { type?: string };
    expect(pkg.type).toBe('commonjs');
  });
});
