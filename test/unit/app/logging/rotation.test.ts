// Rotation by size and deletion by age, on real files in a temporary folder.
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger, RotatingFileSink } from '../../../../src/app/logging/index.js';
import { makeTempDir, removeTempDirs } from '../../../support/tempDir.js';

afterEach(removeTempDirs);

const DAY_MS = 24 * 60 * 60 * 1000;

function logFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => /^navette(\.\d+)?\.log$/.test(f))
    .sort();
}

function messages(file: string): number[] {
  return readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => Number((JSON.parse(l) as { msg: string }).msg));
}

function setAge(file: string, days: number, now = Date.now()): void {
  const t = new Date(now - days * DAY_MS);
  utimesSync(file, t, t);
}

describe('log rotation', () => {
  it('rotates by size, keeps at most maxFiles files, newest first, no line lost or split', () => {
    const dir = makeTempDir('navette-log-');
    const log = createLogger({ dir, maxFileBytes: 1000, maxFiles: 4 });
    const total = 200;
    for (let i = 0; i < total; i++) log.info(String(i), { padding: 'p'.repeat(40) });
    log.close();

    expect(logFiles(dir)).toEqual([
      'navette.1.log',
      'navette.2.log',
      'navette.3.log',
      'navette.log',
    ]);
    for (const f of logFiles(dir))
      expect(statSync(path.join(dir, f)).size).toBeLessThanOrEqual(1000);
    // Reading navette.3 → .2 → .1 → navette.log gives the last lines in order, without a gap.
    const order = ['navette.3.log', 'navette.2.log', 'navette.1.log', 'navette.log'];
    const seen = order.flatMap((f) => messages(path.join(dir, f)));
    expect(seen.length).toBeGreaterThan(20);
    expect(seen[seen.length - 1]).toBe(total - 1);
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBe((seen[i - 1] ?? 0) + 1);
  });

  it('counts the size of an existing file when it reopens it', () => {
    const dir = makeTempDir('navette-log-');
    writeFileSync(path.join(dir, 'navette.log'), `${'{"msg":"0"}'.padEnd(950, ' ')}\n`);
    const log = createLogger({ dir, maxFileBytes: 1000, maxFiles: 3 });
    log.info('1', { padding: 'p'.repeat(60) });
    log.close();
    expect(logFiles(dir)).toEqual(['navette.1.log', 'navette.log']);
    expect(messages(path.join(dir, 'navette.log'))).toEqual([1]);
  });

  it('with maxFiles 1, starts the file again instead of keeping an old one', () => {
    const dir = makeTempDir('navette-log-');
    const log = createLogger({ dir, maxFileBytes: 300, maxFiles: 1 });
    for (let i = 0; i < 20; i++) log.info(String(i), { padding: 'p'.repeat(60) });
    log.close();
    expect(logFiles(dir)).toEqual(['navette.log']);
    expect(messages(path.join(dir, 'navette.log')).at(-1)).toBe(19);
  });

  it('writes a line bigger than maxFileBytes whole, in a file of its own', () => {
    const dir = makeTempDir('navette-log-');
    const log = createLogger({ dir, maxFileBytes: 200, maxFiles: 3 });
    log.info('0');
    log.info('1', { big: 'b'.repeat(500) });
    log.info('2');
    log.close();
    expect(messages(path.join(dir, 'navette.2.log'))).toEqual([0]);
    expect(messages(path.join(dir, 'navette.1.log'))).toEqual([1]);
    expect(messages(path.join(dir, 'navette.log'))).toEqual([2]);
  });
});

describe('log retention', () => {
  it('deletes rotated files older than retentionDays at start, keeps the current file', () => {
    const dir = makeTempDir('navette-log-');
    for (const [name, age] of [
      ['navette.log', 90],
      ['navette.1.log', 2],
      ['navette.2.log', 31],
      ['navette.3.log', 45],
      ['other.log', 400],
    ] as const) {
      writeFileSync(path.join(dir, name), '{"msg":"old"}\n');
      setAge(path.join(dir, name), age);
    }
    createLogger({ dir, retentionDays: 30, maxFiles: 5 }).close();
    expect(readdirSync(dir).sort()).toEqual(['navette.1.log', 'navette.log', 'other.log']);
  });

  it('deletes rotated files beyond maxFiles (after maxFiles was lowered)', () => {
    const dir = makeTempDir('navette-log-');
    for (const name of ['navette.1.log', 'navette.2.log', 'navette.3.log', 'navette.9.log']) {
      writeFileSync(path.join(dir, name), '{"msg":"x"}\n');
    }
    createLogger({ dir, maxFiles: 3 }).close();
    expect(logFiles(dir)).toEqual(['navette.1.log', 'navette.2.log', 'navette.log']);
  });

  it('applies retention at rotation and, while writing, at most hourly', () => {
    const dir = makeTempDir('navette-log-');
    let now = Date.now();
    const sink = new RotatingFileSink({
      dir,
      maxFileBytes: 10_000,
      maxFiles: 5,
      retentionDays: 30,
      now: () => now,
    });
    const stale = path.join(dir, 'navette.4.log');
    writeFileSync(stale, 'x\n');
    setAge(stale, 10, now);
    sink.write('{"msg":"a"}');
    expect(existsSync(stale)).toBe(true);
    now += 25 * DAY_MS; // the file is now 35 days old
    sink.write('{"msg":"b"}');
    expect(existsSync(stale)).toBe(false);
    sink.close();
  });
});

describe('log sink failures', () => {
  it('drops lines it cannot write without throwing, reports them, and recovers', () => {
    const dir = makeTempDir('navette-log-');
    const errors: unknown[] = [];
    const sink = new RotatingFileSink({
      dir,
      maxFileBytes: 10_000,
      maxFiles: 2,
      retentionDays: 30,
      onError: (e) => errors.push(e),
    });
    sink.write('{"msg":"1"}');
    rmSync(dir, { recursive: true, force: true });
    // The open descriptor still points at the removed file: rotation forces a reopen.
    sink.write('x'.repeat(20_000));
    expect(errors.length).toBeGreaterThan(0);
    expect(() => sink.write('{"msg":"lost"}')).not.toThrow();
    mkdirSync(dir); // the folder is back (a network drive reconnected…)
    sink.write('{"msg":"2"}');
    sink.close();
    expect(messages(path.join(dir, 'navette.log'))).toEqual([2]);
  });
});
