// SettingsRepository and the immediate() helper on a real file.
import { afterEach, describe, expect, it } from 'vitest';
import {
  SettingsRepository,
  immediate,
  openDatabase,
  type Database,
} from '../../../src/store/index.js';
import { tempDbFile } from './tempDb.js';

const open: Database[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

function setup(): { db: Database; file: string; settings: SettingsRepository } {
  const file = tempDbFile();
  const db = openDatabase(file);
  open.push(db);
  return {
    db,
    file,
    settings: new SettingsRepository(db, () => new Date('2025-06-01T08:30:00.000Z')),
  };
}

describe('SettingsRepository', () => {
  it('stores, replaces, reads and deletes JSON values by key', () => {
    const { db, settings } = setup();
    expect(settings.get('consult.lastVisit')).toBeUndefined();
    settings.set('consult.lastVisit', {
      at: '2025-05-31T17:00:00.000Z',
      count: 3,
      tags: ['a', null, true],
    });
    expect(settings.get('consult.lastVisit')).toEqual({
      at: '2025-05-31T17:00:00.000Z',
      count: 3,
      tags: ['a', null, true],
    });
    settings.set('consult.lastVisit', 'replaced');
    expect(settings.get('consult.lastVisit')).toBe('replaced');
    expect(db.prepare('SELECT key, value, updated_at FROM settings').all()).toEqual([
      { key: 'consult.lastVisit', value: '"replaced"', updated_at: '2025-06-01T08:30:00.000Z' },
    ]);
    settings.set('flag', false, new Date('2024-01-01T00:00:00.000Z'));
    expect(db.prepare(`SELECT updated_at FROM settings WHERE key = 'flag'`).get()).toEqual({
      updated_at: '2024-01-01T00:00:00.000Z',
    });
    expect(settings.delete('consult.lastVisit')).toBe(true);
    expect(settings.delete('consult.lastVisit')).toBe(false);
    expect(settings.get('consult.lastVisit')).toBeUndefined();
    expect(settings.get('flag')).toBe(false);
  });

  it('persists across connections', () => {
    const { file, settings } = setup();
    settings.set('intake.cursor', 42);
    const db2 = openDatabase(file);
    open.push(db2);
    expect(new SettingsRepository(db2).get('intake.cursor')).toBe(42);
  });

  it('validates with a parser on read', () => {
    const { settings } = setup();
    settings.set('n', 7);
    const positive = {
      parse(v: unknown): number {
        if (typeof v !== 'number' || v <= 0) throw new TypeError('not a positive number');
        return v;
      },
    };
    expect(settings.getParsed('n', positive)).toBe(7);
    expect(settings.getParsed('absent', positive)).toBeUndefined();
    settings.set('n', -1);
    expect(() => settings.getParsed('n', positive)).toThrow('not a positive number');
  });

  it('refuses values JSON would silently change', () => {
    const { settings } = setup();
    expect(() => settings.set('x', Number.NaN)).toThrow(TypeError);
    expect(() => settings.set('x', { a: Number.POSITIVE_INFINITY })).toThrow(TypeError);
    expect(() => settings.set('x', { a: undefined } as unknown as { a: null })).toThrow(TypeError);
    expect(settings.get('x')).toBeUndefined();
  });
});

describe('immediate()', () => {
  it('commits on return, rolls back on throw, and nests as a savepoint', () => {
    const { db, settings } = setup();
    expect(
      immediate(db, () => {
        settings.set('a', 1);
        return 'done';
      }),
    ).toBe('done');
    expect(() =>
      immediate(db, () => {
        settings.set('b', 2);
        throw new Error('abort');
      }),
    ).toThrow('abort');
    immediate(db, () => {
      settings.set('c', 3);
      try {
        immediate(db, () => {
          settings.set('d', 4);
          throw new Error('inner');
        });
      } catch {
        // the inner savepoint is rolled back, the outer transaction goes on
      }
    });
    expect(['a', 'b', 'c', 'd'].map((k) => settings.get(k))).toEqual([1, undefined, 3, undefined]);
  });

  it('refuses an async function', () => {
    const { db } = setup();
    expect(() => immediate(db, async () => Promise.resolve(1))).toThrow(/promise/i);
  });
});
