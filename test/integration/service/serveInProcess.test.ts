// `navette serve` run in-process with a scripted terminal: signals and fatal errors.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CliIo, TerminationSignal } from '../../../src/cli/io.js';
import { run } from '../../../src/cli/main.js';
import { waitForText } from '../../support/cli.js';
import { makeTempDir, removeTempDirs } from '../../support/tempDir.js';

afterEach(removeTempDirs);

function scriptedIo(): CliIo & {
  out: (line: string) => void;
  text: () => string;
  errText: () => string;
  signal: (s: TerminationSignal) => void;
  fatal: (e: unknown) => void;
  hup: () => void;
} {
  const stdout: string[] = [];
  const stderr: string[] = [];
  let onSignal: (s: TerminationSignal) => void = () => undefined;
  let onFatal: (e: unknown) => void = () => undefined;
  let onReload: () => void = () => undefined;
  return {
    out: (line) => stdout.push(line),
    err: (line) => stderr.push(line),
    env: { NAVETTE_HOME: makeTempDir() },
    onSignal: (h) => ((onSignal = h), () => (onSignal = () => undefined)),
    onFatal: (h) => ((onFatal = h), () => (onFatal = () => undefined)),
    onReload: (h) => ((onReload = h), () => (onReload = () => undefined)),
    hup: () => onReload(),
    text: () => stdout.join('\n'),
    errText: () => stderr.join('\n'),
    signal: (s) => onSignal(s),
    fatal: (e) => onFatal(e),
  };
}

describe('serve (in-process)', () => {
  it('drains and returns 0 on SIGTERM, saying so on both streams', async () => {
    const io = scriptedIo();
    const exit = run(['serve', '--port', '0', '--data', makeTempDir(), '--demo'], io);
    await waitForText(io.text, '"event":"ready"');
    expect(io.errText()).toContain('— DÉMO — DMP de test. Ctrl+C pour arrêter.');
    io.signal('SIGTERM');
    io.signal('SIGINT'); // a second signal while draining is only acknowledged
    expect(await exit).toBe(0);
    expect(io.text()).toContain('{"event":"stopped","reason":"SIGTERM"}');
    expect(io.errText()).toContain('Arrêt de Navette en cours, patientez…');
    expect(io.errText()).toContain('Navette est arrêté.');
  });

  it('stops and returns 1 on an uncaught error', async () => {
    const io = scriptedIo();
    const exit = run(['serve', '--port', '0', '--data', makeTempDir()], io);
    await waitForText(io.text, '"event":"ready"');
    io.fatal(new Error('boom'));
    expect(await exit).toBe(1);
    expect(io.errText()).toContain('navette : Erreur inattendue (boom).');
    expect(io.text()).toContain('{"event":"stopped","reason":"fatal"}');
  });

  it('re-reads its configuration on SIGHUP, keeping the last good values of a bad field', async () => {
    const io = scriptedIo();
    const config = path.join(makeTempDir(), 'settings.json');
    writeFileSync(config, JSON.stringify({ configVersion: 2, logging: { level: 'debug' } }));
    const exit = run(['serve', '--port', '0', '--data', makeTempDir(), '--config', config], io);
    await waitForText(io.text, '"event":"ready"');
    writeFileSync(config, JSON.stringify({ configVersion: 2, logging: { level: 'bavard' } }));
    io.hup();
    expect(io.errText()).toContain('Configuration relue : 1 réglage(s) incorrect(s)');
    expect(io.errText()).toContain('logging.level');
    writeFileSync(config, JSON.stringify({ configVersion: 2, logging: { level: 'warn' } }));
    io.hup();
    expect(io.errText()).toContain('Configuration relue.');
    io.signal('SIGTERM');
    expect(await exit).toBe(0);
  });
});
