// The PIN prompt of the command line over a pseudo terminal (a stream flagged as a TTY): nothing
// echoed, erase and cancel keys, raw mode restored; NAVETTE_PIN first when set.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../../src/cli/io.js';
import { cliPinSource, readSecret, type PinTerminal } from '../../../src/cli/pinPrompt.js';
import { pinStateFromFlags } from '../../../src/card/index.js';

function terminal(): PinTerminal & { shown: string[]; raw: boolean[]; keys: PassThrough } {
  const keys = new PassThrough();
  const shown: string[] = [];
  const raw: boolean[] = [];
  const input = Object.assign(keys, {
    isTTY: true,
    setRawMode: (on: boolean) => raw.push(on),
  });
  return { input, output: { write: (t: string) => shown.push(t) }, shown, raw, keys };
}

function io(env: NodeJS.ProcessEnv = {}): CliIo & { errors: string[] } {
  const errors: string[] = [];
  return {
    errors,
    out: () => undefined,
    err: (l) => errors.push(l),
    env,
    onSignal: () => () => undefined,
    onFatal: () => () => undefined,
  };
}

const FRESH = { label: 'CPS MARTIN CLAIRE (TEST)', pin: pinStateFromFlags(0x400 | 0x08) };

describe('PIN prompt', () => {
  it('reads the PIN without echo, with backspace, and restores the terminal', async () => {
    const t = terminal();
    const typed = readSecret(t, 'Code : ');
    t.keys.write('12');
    t.keys.write('x\u007f34\r');
    await expect(typed).resolves.toBe('1234');
    expect(t.shown).toEqual(['Code : ', '\n']);
    expect(t.raw).toEqual([true, false]);
  });

  it('Ctrl+C cancels with a French error', async () => {
    const t = terminal();
    const typed = readSecret(t, 'Code : ');
    t.keys.write('12\u0003');
    await expect(typed).rejects.toMatchObject({
      code: 'CLI_PIN_CANCELLED',
      message: 'Saisie du code porteur annulée.',
    });
    expect(t.raw).toEqual([true, false]);
  });

  it('asks on the terminal naming the card, warns when tries were wasted', async () => {
    const t = terminal();
    const console = io();
    const source = cliPinSource(console, t);
    const asked = source({ ...FRESH, pin: { ...FRESH.pin, countLow: true } });
    t.keys.write('4321\n');
    await expect(asked).resolves.toBe('4321');
    expect(t.shown[0]).toBe('Code porteur de la carte « CPS MARTIN CLAIRE (TEST) » : ');
    expect(console.errors[0]).toContain('des codes erronés ont déjà été saisis');
  });

  it('takes NAVETTE_PIN without prompting; without it and without a terminal, explains', async () => {
    const t = terminal();
    await expect(cliPinSource(io({ NAVETTE_PIN: '1234' }), t)(FRESH)).resolves.toBe('1234');
    expect(t.shown).toEqual([]);
    const notTty: PinTerminal = { input: new PassThrough(), output: { write: () => true } };
    await expect(cliPinSource(io(), notTty)(FRESH)).rejects.toMatchObject({
      code: 'CLI_PIN_UNAVAILABLE',
      message: expect.stringContaining('NAVETTE_PIN'),
    });
  });
});
