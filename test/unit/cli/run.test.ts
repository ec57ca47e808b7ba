// The command table and parsing, run in-process with captured output.
import { describe, expect, it } from 'vitest';
import type { CommandDefinition } from '../../../src/cli/command.js';
import type { CliIo, TerminationSignal } from '../../../src/cli/io.js';
import { run } from '../../../src/cli/main.js';

function captureIo(): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    out: (line) => stdout.push(line),
    err: (line) => stderr.push(line),
    env: {},
    onSignal: (_handler: (s: TerminationSignal) => void) => () => undefined,
    onFatal: (_handler: (e: unknown) => void) => () => undefined,
  };
}

describe('navette command line', () => {
  it('prints French help with every command when run without a command', async () => {
    const io = captureIo();
    expect(await run([], io)).toBe(0);
    const text = io.stdout.join('\n');
    expect(text).toContain('Navette — connecteur DMP');
    expect(text).toContain('Utilisation : navette <commande> [options]');
    expect(text).toMatch(/serve\s+Démarre le service Navette/);
    expect(text).toContain('--json');
  });

  it('prints the help of one command, also for `serve --help` and `--help serve`', async () => {
    for (const argv of [['help', 'serve'], ['serve', '--help'], ['--help', 'serve']]) {
      const io = captureIo();
      expect(await run(argv, io), argv.join(' ')).toBe(0);
      const text = io.stdout.join('\n');
      expect(text).toContain('Utilisation : navette serve [--port N]');
      expect(text).toMatch(/--port N\s+Port local/);
      expect(text).toContain('--watch DOSSIER');
    }
  });

  it('prints the version, as JSON with --json', async () => {
    const io = captureIo();
    expect(await run(['--version'], io)).toBe(0);
    expect(io.stdout[0]).toMatch(/^navette \d+\.\d+\.\d+/);
    const json = captureIo();
    expect(await run(['version', '--json'], json)).toBe(0);
    expect(JSON.parse(json.stdout[0] ?? '')).toMatchObject({ name: 'navette' });
  });

  it('refuses an unknown command with exit code 2 and a French message', async () => {
    const io = captureIo();
    expect(await run(['frobnicate'], io)).toBe(2);
    expect(io.stderr).toEqual([
      'navette : Commande inconnue : « frobnicate ». Tapez « navette help » pour la liste des commandes.',
    ]);
    expect(io.stdout).toEqual([]);
  });

  it('gives errors as JSON on stdout with --json', async () => {
    const io = captureIo();
    expect(await run(['--json', 'frobnicate'], io)).toBe(2);
    expect(JSON.parse(io.stdout[0] ?? '')).toEqual({
      error: {
        code: 'CLI_USAGE',
        message: 'Commande inconnue : « frobnicate ». Tapez « navette help » pour la liste des commandes.',
      },
    });
  });

  it('translates option mistakes into French', async () => {
    const cases: [string[], string][] = [
      [['serve', '--bogus'], 'Option inconnue : --bogus. Tapez « navette help serve » pour ses options.'],
      [['serve', '--port'], "L'option --port attend une valeur."],
      [['serve', '--port', 'abc'], 'Port incorrect : « abc ».'],
      [['serve', '--port', '70000'], 'Port incorrect : « 70000 ».'],
      [['serve', 'extra'], 'Argument inattendu : « extra ».'],
      [['--bogus'], 'Option inconnue : --bogus. Tapez « navette help » pour la liste des commandes.'],
    ];
    for (const [argv, message] of cases) {
      const io = captureIo();
      expect(await run(argv, io), argv.join(' ')).toBe(2);
      expect(io.stderr.join('\n')).toContain(message);
    }
  });

  it('runs a command added to the table, with its options parsed', async () => {
    const seen: unknown[] = [];
    const extra: CommandDefinition = {
      name: 'essai',
      summary: 'Commande de test',
      usage: 'navette essai [--nom X]',
      options: { nom: { type: 'string', description: 'Un nom' } },
      run(ctx) {
        seen.push(ctx.values['nom'], ctx.json);
        return Promise.resolve(7);
      },
    };
    const io = captureIo();
    expect(await run(['essai', '--nom', 'x', '--json'], io, [extra])).toBe(7);
    expect(seen).toEqual(['x', true]);
  });
});
