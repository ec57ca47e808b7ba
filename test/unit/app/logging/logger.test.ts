// The logger as the service uses it, writing real files: JSON lines, levels, components, and the
// guarantee that a PIN and an INS given to the logger never reach the log file.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger, type RootLogger } from '../../../../src/app/logging/index.js';
import { makeTempDir, removeTempDirs } from '../../../support/tempDir.js';

const loggers: RootLogger[] = [];
afterEach(() => {
  for (const l of loggers.splice(0)) l.close();
  removeTempDirs();
});

/** A fixed clock, so nothing in a line (time included) contains the test secrets by chance. */
const FIXED_NOW = Date.parse('2026-05-06T07:08:09.000Z');

function logger(options: Partial<Parameters<typeof createLogger>[0]> = {}) {
  const dir = makeTempDir('navette-log-');
  const log = createLogger({ dir, now: () => FIXED_NOW, ...options });
  loggers.push(log);
  return { dir, log };
}

function allText(dir: string): string {
  return readdirSync(dir)
    .map((f) => readFileSync(path.join(dir, f), 'utf8'))
    .join('');
}

function lines(dir: string): Record<string, unknown>[] {
  return readFileSync(path.join(dir, 'navette.log'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('logger', () => {
  it('never writes a PIN or an INS to the file, wherever the caller puts them', () => {
    const { dir, log } = logger({ level: 'debug', baseFields: { pid: 4242 } });
    const PIN = '1234';
    const NIR = '279035121518989';
    const CX = `${NIR}^^^&1.2.250.1.213.1.4.8&ISO^NH`;
    const card = log.child('card');
    card.info(`login with pin=${PIN} for patient ${NIR}`, { pin: PIN, userPin: PIN });
    card.warn(`patient ${CX} refused`, {
      request: { patient: { id: CX, ins: NIR, family: 'DUPONT', given: 'Jeanne' }, pin: PIN },
      list: [NIR, { nested: { PIN } }, `spaced: 2 79 03 51 215 189 89`],
      error: new Error(`C_Login failed (pin ${PIN}) for ${CX}`),
    });
    card.error('error object', {
      error: Object.assign(new Error(`pin=${PIN}`), { code: 'CARD_PIN' }),
    });
    card.debug('query', { url: `https://dmp.example/?ins=${NIR}&pin=${PIN}` });
    log.close();

    const text = allText(dir);
    expect(text).not.toContain(PIN);
    expect(text).not.toContain(NIR);
    expect(text).not.toContain('2 79 03 51');
    expect(text).not.toContain('DUPONT');
    expect(text).not.toContain('Jeanne');
    // The lines are still there and useful.
    const written = lines(dir);
    expect(written.map((l) => l['msg'])).toEqual([
      'login with pin=[masqué] for patient [masqué]',
      'patient [masqué]^^^&1.2.250.1.213.1.4.8&ISO^NH refused',
      'error object',
      'query',
    ]);
    expect(written[2]?.['error']).toEqual({
      name: 'Error',
      code: 'CARD_PIN',
      message: 'pin=[masqué]',
    });
  });

  it('writes one JSON object per line: time, level, component, msg, then the fields', () => {
    const { dir, log } = logger({ baseFields: { pid: 99 } });
    log.child('service').info('ready', { port: 7411, demo: true });
    log.info('root line');
    log.child('outbox').child('soap').warn('retry', { attempt: 2 });
    expect(readFileSync(path.join(dir, 'navette.log'), 'utf8').split('\n')[0]).toBe(
      '{"time":"2026-05-06T07:08:09.000Z","level":"info","component":"service","msg":"ready",' +
        '"pid":99,"port":7411,"demo":true}',
    );
    expect(lines(dir).map((l) => l['component'])).toEqual(['service', 'navette', 'outbox.soap']);
    expect(log.file).toBe(path.join(dir, 'navette.log'));
  });

  it('keeps the reserved keys of a line from being overwritten by fields', () => {
    const { dir, log } = logger();
    log.info('real message', { msg: 'fake', level: 'error', time: 0, component: 'x' });
    expect(lines(dir)[0]).toMatchObject({
      msg: 'real message',
      level: 'info',
      component: 'navette',
      field_msg: 'fake',
      field_level: 'error',
    });
  });

  it('filters by level, and the level can change while running', () => {
    const { dir, log } = logger({ level: 'warn' });
    const c = log.child('c');
    c.debug('d');
    c.info('i');
    c.warn('w');
    c.error('e');
    expect(log.level).toBe('warn');
    log.setLevel('debug');
    c.debug('d2');
    expect(lines(dir).map((l) => l['msg'])).toEqual(['w', 'e', 'd2']);
  });

  it('defaults to info', () => {
    const { dir, log } = logger();
    log.debug('hidden');
    log.info('shown');
    expect(lines(dir).map((l) => l['msg'])).toEqual(['shown']);
  });

  it('appends to an existing file, and drops lines after close()', () => {
    const dir = makeTempDir('navette-log-');
    const first = createLogger({ dir, now: () => FIXED_NOW });
    first.info('one');
    first.close();
    first.close(); // idempotent
    first.info('after close');
    const second = createLogger({ dir, now: () => FIXED_NOW });
    loggers.push(second);
    second.info('two');
    expect(lines(dir).map((l) => l['msg'])).toEqual(['one', 'two']);
  });

  it('echoes a readable, redacted line to the console when asked', () => {
    const echoed: string[] = [];
    const { log } = logger({ console: (line) => echoed.push(line) });
    log.child('card').warn('pin refused', { pin: '1234', tries: 2 });
    expect(echoed).toEqual(['07:08:09 WARN  [card] pin refused {"pin":"[masqué]","tries":2}']);
  });

  it('keeps the message of a huge line and drops its fields', () => {
    const { dir, log } = logger();
    const many = Object.fromEntries(
      Array.from({ length: 90 }, (_, i) => [`f${i}`, 'y'.repeat(8000)]),
    );
    log.info('big', many);
    const line = lines(dir)[0];
    expect(line?.['msg']).toBe('big');
    expect(line?.['fieldsOmitted']).toMatch(/caractères$/);
  });

  it('fails at creation when the folder cannot be made', () => {
    const dir = makeTempDir('navette-log-');
    const file = path.join(dir, 'file');
    createLogger({ dir, fileName: 'file' }).close();
    expect(() => createLogger({ dir: path.join(file, 'logs') })).toThrow();
  });
});
