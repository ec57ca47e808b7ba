// The runner: all-or-nothing, downgrade refusal, list validation, version bookkeeping.
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DbMigrationError,
  DbOpenError,
  DbVersionFromFutureError,
  MIGRATIONS as SHIPPED,
  openDatabase,
  runMigrations,
  type Database,
  type Migration,
} from '../../../src/store/index.js';
import { tempDbFile } from './tempDb.js';

// The runner's tests run on the first two shipped steps (10, 20): what they prove does not depend
// on how many steps Navette has since, and step numbers above 20 stay free for test steps.
const MIGRATIONS = SHIPPED.slice(0, 2);

const open: Database[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

function tables(file: string): string[] {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    return (
      db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name`).all() as {
        name: string;
      }[]
    ).map((r) => r.name);
  } finally {
    db.close();
  }
}

function userVersion(file: string): number {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    return db.pragma('user_version', { simple: true }) as number;
  } finally {
    db.close();
  }
}

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}

const createThings: Migration = {
  version: 30,
  name: 'things',
  up: (db) => db.exec('CREATE TABLE things (id INTEGER PRIMARY KEY) STRICT'),
};
const broken: Migration = {
  version: 40,
  name: 'broken-step',
  up: (db) => db.exec('CREATE TABLE settings (x TEXT)'), // already exists: SQLite error
};

describe('runMigrations', () => {
  it('applies every pending step and reports from/to; a second run does nothing', () => {
    const db = openDatabase(tempDbFile(), { migrations: [] });
    open.push(db);
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(runMigrations(db, MIGRATIONS)).toEqual({ from: 0, to: 20 });
    expect(runMigrations(db, MIGRATIONS)).toEqual({ from: 20, to: 20 });
    expect(runMigrations(db, [...MIGRATIONS, createThings])).toEqual({ from: 20, to: 30 });
    expect(db.pragma('user_version', { simple: true })).toBe(30);
  });

  it('is all or nothing: a failing step leaves the database at its previous version', () => {
    const file = tempDbFile();
    openDatabase(file, { migrations: MIGRATIONS }).close();
    expect(userVersion(file)).toBe(20);

    const error = thrown(() =>
      openDatabase(file, { migrations: [...MIGRATIONS, createThings, broken] }),
    );
    expect(error).toBeInstanceOf(DbMigrationError);
    expect(error).toBeInstanceOf(DbOpenError);
    expect((error as DbMigrationError).code).toBe('DB_MIGRATION_FAILED');
    expect((error as DbMigrationError).details).toEqual({ version: 40, name: 'broken-step' });
    expect(((error as Error).cause as Error).message).toMatch(/table settings already exists/);
    expect((error as Error).message).toMatch(/état précédent/);

    // Step 30 ran before step 40 failed, and was rolled back with it.
    expect(userVersion(file)).toBe(20);
    expect(tables(file)).toEqual(['audit_journal', 'settings']);
    // The connection was closed: the file opens again normally.
    const db = openDatabase(file, { migrations: MIGRATIONS });
    open.push(db);
    expect(db.pragma('user_version', { simple: true })).toBe(20);
  });

  it('rolls back a failing first migration of a new file to version 0 with no table', () => {
    const file = tempDbFile();
    const failing: Migration[] = [
      MIGRATIONS[0]!,
      {
        version: 20,
        name: 'explodes',
        up: () => {
          throw new Error('boom');
        },
      },
    ];
    expect(() => openDatabase(file, { migrations: failing })).toThrow(DbMigrationError);
    expect(userVersion(file)).toBe(0);
    expect(tables(file)).toEqual([]);
  });

  it('refuses an async up(), whose awaited part would escape the transaction', () => {
    const db = openDatabase(tempDbFile(), { migrations: [] });
    open.push(db);
    const asyncStep = {
      version: 10,
      name: 'async-step',
      up: async (d: Database) => {
        d.exec('CREATE TABLE t (x TEXT)');
        await Promise.resolve();
      },
    } as unknown as Migration;
    const error = thrown(() => runMigrations(db, [asyncStep]));
    expect((error as DbMigrationError).code).toBe('DB_MIGRATION_FAILED');
    expect((error as DbMigrationError).details).toEqual({
      version: 10,
      name: 'async-step',
      problem: 'up() returned a promise',
    });
    expect(db.pragma('user_version', { simple: true })).toBe(0);
  });

  it('refuses a step that leaves a foreign key violation', () => {
    const db = openDatabase(tempDbFile(), { migrations: [] });
    open.push(db);
    const step: Migration = {
      version: 10,
      name: 'dangling',
      up: (d) =>
        d.exec(`
        CREATE TABLE parent (id INTEGER PRIMARY KEY) STRICT;
        CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent (id)
          DEFERRABLE INITIALLY DEFERRED) STRICT;
        INSERT INTO child VALUES (1, 99);`),
    };
    const error = thrown(() => runMigrations(db, [step]));
    expect(error).toBeInstanceOf(DbMigrationError);
    expect((error as DbMigrationError).details).toEqual({
      version: 10,
      problem: 'foreign_key_check',
      count: 1,
    });
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(
      db.prepare(`SELECT count(*) AS n FROM sqlite_schema WHERE name = 'child'`).get(),
    ).toEqual({ n: 0 });
  });

  it.each([
    [
      'decreasing',
      [
        { ...createThings, version: 20 },
        { ...createThings, version: 10 },
      ],
      /does not follow 20/,
    ],
    ['repeated', [createThings, createThings], /does not follow 30/],
    ['not a multiple of 10', [{ ...createThings, version: 15 }], /not a positive multiple of 10/],
    ['zero', [{ ...createThings, version: 0 }], /not a positive multiple of 10/],
    ['not kebab-case', [{ ...createThings, name: 'Add_Things' }], /not kebab-case/],
  ])('rejects a %s migration list before touching the file', (_label, list, problem) => {
    const file = tempDbFile();
    const error = thrown(() => openDatabase(file, { migrations: list }));
    expect((error as DbMigrationError).code).toBe('DB_MIGRATIONS_INVALID');
    expect(String((error as DbMigrationError).details['problem'])).toMatch(problem);
  });
});

describe('a database written by a newer Navette', () => {
  it('is refused with DbVersionFromFutureError and left untouched', () => {
    const file = tempDbFile();
    openDatabase(file, { migrations: MIGRATIONS }).close();
    const raw = new BetterSqlite3(file);
    raw.pragma('user_version = 990');
    raw.close();

    for (const readonly of [false, true]) {
      const error = thrown(() => openDatabase(file, { readonly, migrations: MIGRATIONS }));
      expect(error).toBeInstanceOf(DbVersionFromFutureError);
      const e = error as DbVersionFromFutureError;
      expect(e.code).toBe('DB_FROM_FUTURE');
      expect(e.details).toEqual({ found: 990, known: 20 });
      expect(e.message).toContain('version plus récente de Navette');
      expect(e.message).toContain('Mettez Navette à jour');
    }
    expect(userVersion(file)).toBe(990);
    expect(tables(file)).toEqual(['audit_journal', 'settings']);
  });

  it('is refused by runMigrations too', () => {
    const db = openDatabase(tempDbFile(), { migrations: MIGRATIONS });
    open.push(db);
    expect(() => runMigrations(db, MIGRATIONS.slice(0, 1))).toThrow(DbVersionFromFutureError);
    expect(db.pragma('user_version', { simple: true })).toBe(20);
  });
});
