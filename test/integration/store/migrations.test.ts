// One test per schema step (migrate a new file to that version, check the schema and query plans),
// plus the upgrade path of an existing file and the file-name rules of the migrations folder.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import {
  MIGRATIONS,
  backupPathFor,
  latestVersion,
  openDatabase,
  type Database,
} from '../../../src/store/index.js';
import { queryPlan, tempDbFile } from './tempDb.js';

const MIGRATIONS_DIR = fileURLToPath(new URL('../../../src/store/migrations/', import.meta.url));

const open: Database[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

function migrateTo(version: number): { db: Database; file: string } {
  const file = tempDbFile();
  const db = openDatabase(file, { migrations: MIGRATIONS.filter((m) => m.version <= version) });
  open.push(db);
  return { db, file };
}

function columns(db: Database, table: string): string[] {
  return (
    db.pragma(`table_info(${table})`) as {
      name: string;
      type: string;
      notnull: number;
      pk: number;
    }[]
  ).map((c) => `${c.name} ${c.type}${c.notnull ? ' NOT NULL' : ''}${c.pk ? ' PK' : ''}`);
}

function tableFlags(db: Database, table: string): { strict: number; wr: number } {
  const rows = db.pragma(`table_list(${table})`) as { strict: number; wr: number }[];
  expect(rows).toHaveLength(1);
  return { strict: rows[0]!.strict, wr: rows[0]!.wr };
}

function schemaNames(db: Database, type: string): string[] {
  return (
    db
      .prepare(
        `SELECT name FROM sqlite_schema WHERE type = ? AND name NOT LIKE 'sqlite_%' ORDER BY name`,
      )
      .all(type) as { name: string }[]
  ).map((r) => r.name);
}

describe('migration 0010 settings', () => {
  it('creates a STRICT, WITHOUT ROWID key/value table looked up by primary key', () => {
    const { db } = migrateTo(10);
    expect(db.pragma('user_version', { simple: true })).toBe(10);
    expect(schemaNames(db, 'table')).toEqual(['settings']);
    expect(columns(db, 'settings')).toEqual([
      'key TEXT NOT NULL PK',
      'value TEXT NOT NULL',
      'updated_at TEXT NOT NULL',
    ]);
    expect(tableFlags(db, 'settings')).toEqual({ strict: 1, wr: 1 });
    expect(queryPlan(db, 'SELECT value FROM settings WHERE key = ?', 'k')).toEqual([
      'SEARCH settings USING PRIMARY KEY (key=?)',
    ]);
    const insert = db.prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)');
    expect(() => insert.run('a', 'not json', 'now')).toThrow(/CHECK constraint failed/);
    expect(() => insert.run('', '1', 'now')).toThrow(/CHECK constraint failed/);
    // STRICT: a BLOB cannot slip into a TEXT column (integers are converted losslessly).
    expect(() => insert.run('a', '1', Buffer.from('now'))).toThrow(
      /cannot store BLOB value in TEXT column/,
    );
  });
});

describe('migration 0020 audit-journal', () => {
  it('creates the hash-chained journal with its indexes and append-only triggers', () => {
    const { db } = migrateTo(20);
    expect(db.pragma('user_version', { simple: true })).toBe(20);
    expect(schemaNames(db, 'table')).toEqual(['audit_journal', 'settings']);
    expect(columns(db, 'audit_journal')).toEqual([
      'id INTEGER PK',
      'at TEXT NOT NULL',
      'actor TEXT NOT NULL',
      'structure TEXT',
      'patient_ref TEXT',
      'txn TEXT NOT NULL',
      'access_mode TEXT',
      'result TEXT NOT NULL',
      'details TEXT NOT NULL',
      'prev_hash TEXT NOT NULL',
      'hash TEXT NOT NULL',
    ]);
    expect(tableFlags(db, 'audit_journal')).toEqual({ strict: 1, wr: 0 });
    expect(schemaNames(db, 'index')).toEqual(['audit_journal_at', 'audit_journal_patient_at']);
    expect(schemaNames(db, 'trigger')).toEqual([
      'audit_journal_no_delete',
      'audit_journal_no_update',
    ]);

    // The queries AuditJournal.list and verify run use an index and need no sort step.
    const cols =
      'id, at, actor, structure, patient_ref, txn, access_mode, result, details, prev_hash, hash';
    expect(
      queryPlan(
        db,
        `SELECT ${cols} FROM audit_journal WHERE at >= ? AND at < ? ORDER BY at, id LIMIT ? OFFSET ?`,
        '',
        '~',
        10,
        0,
      ),
    ).toEqual(['SEARCH audit_journal USING INDEX audit_journal_at (at>? AND at<?)']);
    expect(
      queryPlan(
        db,
        `SELECT ${cols} FROM audit_journal WHERE patient_ref = ? AND at >= ? AND at < ? ORDER BY at, id LIMIT ? OFFSET ?`,
        'a'.repeat(64),
        '',
        '~',
        10,
        0,
      ),
    ).toEqual([
      'SEARCH audit_journal USING INDEX audit_journal_patient_at (patient_ref=? AND at>? AND at<?)',
    ]);
    expect(queryPlan(db, 'SELECT id FROM audit_journal WHERE hash = ?', 'a'.repeat(64))).toEqual([
      'SEARCH audit_journal USING COVERING INDEX sqlite_autoindex_audit_journal_1 (hash=?)',
    ]);
    expect(queryPlan(db, `SELECT ${cols} FROM audit_journal ORDER BY id`)).toEqual([
      'SCAN audit_journal',
    ]);
  });

  it('refuses a clear INS as patient_ref, and updates or deletes of entries', () => {
    const { db } = migrateTo(20);
    const insert = db.prepare(
      `INSERT INTO audit_journal (at, actor, patient_ref, txn, result, details, prev_hash, hash)
       VALUES ('2025-01-01T00:00:00.000Z', 'system', ?, 'TD3.1', 'success', '{}', ?, ?)`,
    );
    const h = (c: string): string => c.repeat(64);
    expect(() => insert.run('185057800608436', h('0'), h('1'))).toThrow(/CHECK constraint failed/);
    expect(() => insert.run('A'.repeat(64), h('0'), h('1'))).toThrow(/CHECK constraint failed/);
    expect(insert.run('ab'.repeat(32), h('0'), h('1')).changes).toBe(1);
    expect(() => insert.run(null, h('1'), h('1'))).toThrow(
      /UNIQUE constraint failed: audit_journal.hash/,
    );
    expect(() => db.exec(`UPDATE audit_journal SET result = 'failure'`)).toThrow(/append-only/);
    expect(() => db.exec('DELETE FROM audit_journal')).toThrow(/append-only/);
    expect(db.prepare('SELECT count(*) AS n FROM audit_journal').get()).toEqual({ n: 1 });
  });
});

describe('upgrading an existing database', () => {
  it('keeps the data, reaches the last version and leaves a backup at the old version', () => {
    const file = tempDbFile();
    const old = openDatabase(file, { migrations: MIGRATIONS.slice(0, 1) });
    old.prepare(`INSERT INTO settings VALUES ('consult.lastVisit', '"2025-01-01"', 'x')`).run();
    old.close();

    const db = openDatabase(file);
    open.push(db);
    expect(db.pragma('user_version', { simple: true })).toBe(latestVersion(MIGRATIONS));
    expect(db.prepare('SELECT value FROM settings').get()).toEqual({ value: '"2025-01-01"' });

    const backup = backupPathFor(file, 10);
    expect(backup).toBe(`${file}.v10.bak`);
    const copy = new BetterSqlite3(backup, { readonly: true });
    try {
      expect(copy.pragma('user_version', { simple: true })).toBe(10);
      expect(copy.prepare('SELECT key FROM settings').all()).toEqual([
        { key: 'consult.lastVisit' },
      ]);
    } finally {
      copy.close();
    }
  });

  it('makes no backup of a new file, nor when asked not to', () => {
    const fresh = tempDbFile();
    open.push(openDatabase(fresh));
    expect(existsSync(backupPathFor(fresh, 0))).toBe(false);

    const file = tempDbFile();
    openDatabase(file, { migrations: MIGRATIONS.slice(0, 1) }).close();
    open.push(openDatabase(file, { backupBeforeMigrate: false }));
    expect(existsSync(backupPathFor(file, 10))).toBe(false);
  });
});

describe('the migrations folder', () => {
  it('has one NNNN-kebab-name.ts file per listed migration, numbers and names agreeing', async () => {
    const files = readdirSync(MIGRATIONS_DIR)
      .filter((f) => /^\d{4}-/.test(f))
      .sort();
    expect(files.length).toBe(MIGRATIONS.length);
    for (const [i, file] of files.entries()) {
      const match = /^(\d{4})-([a-z0-9-]+)\.ts$/.exec(file);
      expect(match, file).not.toBeNull();
      const listed = MIGRATIONS[i]!;
      expect(listed.version).toBe(Number(match![1]));
      expect(listed.name).toBe(match![2]);
      const mod = (await import(pathToFileURL(path.join(MIGRATIONS_DIR, file)).href)) as Record<
        string,
        unknown
      >;
      expect(Object.values(mod)).toContain(listed);
    }
  });
});
