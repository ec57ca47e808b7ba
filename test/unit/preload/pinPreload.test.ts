// The PIN dialog's preload as Electron runs it (sandboxed, one script): it exposes exactly
// window.navettePin, whose three verbs call main on the PIN channels main listens on.
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { PIN_CHANNELS, type PinBridge } from '../../../src/main/pin/pinContract.js';
import { compileSourcePreload, runSandboxedPreload } from './sandboxedPreload.js';

const root = path.resolve(import.meta.dirname, '../../..');
const run = () => runSandboxedPreload(compileSourcePreload(root, 'pin.ts'));

describe('PIN preload (sandboxed)', () => {
  it('compiles to a plain script that requires only electron', () => {
    expect(compileSourcePreload(root, 'pin.ts')).not.toMatch(/^\s*(import|export)\s/m);
    expect(run().required).toEqual(['electron']);
  });

  it('exposes exactly window.navettePin with the three verbs', () => {
    const { exposed } = run();
    expect([...exposed.keys()]).toEqual(['navettePin']);
    expect(Object.keys(exposed.get('navettePin') as object).sort()).toEqual([
      'cancel',
      'prompt',
      'submit',
    ]);
  });

  it('calls main on the PIN channels, passing the PIN as the one argument', async () => {
    const { exposed, invoked } = run();
    const bridge = exposed.get('navettePin') as PinBridge;
    await bridge.prompt();
    await bridge.submit('1234');
    await bridge.cancel();
    expect(invoked).toEqual([
      { channel: PIN_CHANNELS.prompt, args: [] },
      { channel: PIN_CHANNELS.submit, args: ['1234'] },
      { channel: PIN_CHANNELS.cancel, args: [] },
    ]);
  });
});
