// Opening: pragmas really applied, integrity check, typed failures, a second connection waiting.
import { spawn } from 'node:child_process';
import {
  mkdirSync,
  openSync,
  writeSync,
  closeSync,
  writeFileSync,
  existsSync,
  rmSync,
  statSync,
} from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DbCorruptError,
  DbOpenError,
  MIGRATIONS,
  immediate,
  latestVersion,
  openDatabase,
  type Database,
} from '../../../src/store/index.js';
import { tempDbFile, tempDir } from './tempDb.js';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

const open: Database[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}

describe('openDatabase settings', () => {
  it('applies WAL, synchronous=FULL, busy_timeout=5000 and foreign_keys=ON', () => {
    const file = tempDbFile();
    const db = openDatabase(file);
    open.push(db);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(existsSync(`${file}-wal`)).toBe(true);

    // WAL is a property of the file: a plain second connection sees it too.
    const other = new BetterSqlite3(file, { readonly: true });
    expect(other.pragma('journal_mode', { simple: true })).toBe('wal');
    other.close();
  });

  it("opens an in-memory database, fully migrated (for other layers' tests)", () => {
    const db = openDatabase(':memory:');
    open.push(db);
    expect(db.memory).toBe(true);
    expect(db.pragma('journal_mode', { simple: true })).toBe('memory');
    expect(db.pragma('user_version', { simple: true })).toBe(latestVersion(MIGRATIONS));
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('enforces foreign keys on the connection it returns', () => {
    const db = openDatabase(tempDbFile(), {
      migrations: [
        {
          version: 10,
          name: 'parent-child',
          up: (d) =>
            d.exec(`CREATE TABLE parent (id INTEGER PRIMARY KEY) STRICT;
                    CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL REFERENCES parent (id)) STRICT;`),
        },
      ],
    });
    open.push(db);
    expect(() => db.prepare('INSERT INTO child VALUES (1, 42)').run()).toThrow(
      /FOREIGN KEY constraint failed/,
    );
  });

  it('opens read-only without migrating, and refuses a database not yet migrated', () => {
    const file = tempDbFile();
    openDatabase(file).close();
    const ro = openDatabase(file, { readonly: true });
    open.push(ro);
    expect(ro.readonly).toBe(true);
    expect(() => ro.prepare(`INSERT INTO settings VALUES ('k', '1', 'x')`).run()).toThrow(
      /readonly/,
    );

    const older = tempDbFile();
    openDatabase(older, { migrations: MIGRATIONS.slice(0, 1) }).close();
    const error = thrown(() => openDatabase(older, { readonly: true }));
    expect((error as DbOpenError).code).toBe('DB_NOT_MIGRATED');
    expect((error as DbOpenError).details).toEqual({
      version: 10,
      latest: latestVersion(MIGRATIONS),
    });
  });
});

describe('openDatabase failures', () => {
  it('reports a file that is not a database as DB_CORRUPT', () => {
    const file = tempDbFile();
    writeFileSync(file, 'ceci n’est pas une base SQLite, juste du texte '.repeat(200));
    const error = thrown(() => openDatabase(file));
    expect(error).toBeInstanceOf(DbCorruptError);
    expect((error as DbCorruptError).code).toBe('DB_CORRUPT');
    expect((error as DbCorruptError).details).toEqual({ sqliteCode: 'SQLITE_NOTADB' });
    expect((error as Error).message).toMatch(/endommagée/);
  });

  it('reports damaged pages found by quick_check as DB_CORRUPT', () => {
    const file = tempDbFile();
    const db = new BetterSqlite3(file);
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT); CREATE INDEX t_v ON t (v);');
    const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
    db.transaction(() => {
      for (let i = 0; i < 5000; i += 1) insert.run(`value-${i}`);
    })();
    db.close();
    // Scribble over the middle of a few b-tree pages, leaving the header (page 1) intact.
    const fd = openSync(file, 'r+');
    for (const page of [5, 20, 40])
      writeSync(fd, Buffer.alloc(200, 0x5a), 0, 200, page * 4096 + 100);
    closeSync(fd);

    const error = thrown(() => openDatabase(file, { migrations: [] }));
    expect(error).toBeInstanceOf(DbCorruptError);
    const problems = (error as DbCorruptError).details['problems'] as string[];
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.length).toBeLessThanOrEqual(5);
    expect(problems.join('\n')).toMatch(/page \d+/);
  });

  it('reports a missing directory, or a missing file in read-only mode, as DB_OPEN_FAILED', () => {
    const inMissingDir = path.join(tempDir(), 'absent', 'navette.db');
    const e1 = thrown(() => openDatabase(inMissingDir));
    expect(e1).toBeInstanceOf(DbOpenError);
    expect((e1 as DbOpenError).code).toBe('DB_OPEN_FAILED');
    expect((e1 as Error).message).toMatch(/^Navette n'a pas pu ouvrir sa base de données/);

    const missing = tempDbFile();
    expect((thrown(() => openDatabase(missing, { readonly: true })) as DbOpenError).code).toBe(
      'DB_OPEN_FAILED',
    );
    expect(existsSync(missing)).toBe(false);
  });

  it('reports a failed backup as DB_BACKUP_FAILED and leaves the version unchanged', () => {
    const file = tempDbFile();
    openDatabase(file, { migrations: MIGRATIONS.slice(0, 1) }).close();
    // A non-empty directory where the backup should go: it can be neither removed nor written.
    mkdirSync(path.join(`${file}.v10.bak`, 'occupied'), { recursive: true });
    const error = thrown(() => openDatabase(file));
    expect((error as DbOpenError).code).toBe('DB_BACKUP_FAILED');
    const raw = new BetterSqlite3(file, { readonly: true });
    expect(raw.pragma('user_version', { simple: true })).toBe(10);
    raw.close();
    rmSync(`${file}.v10.bak`, { recursive: true });
  });
});

/** Starts a process that takes the write lock on `file`, holds it `holdMs`, then commits. */
async function holdWriteLock(
  file: string,
  holdMs: number,
): Promise<{ done: Promise<number | null> }> {
  const script = `
    const Database = require('better-sqlite3');
    const db = new Database(process.argv[1]);
    db.exec('BEGIN IMMEDIATE');
    db.prepare("INSERT INTO settings VALUES ('lock.holder', '1', 'x')").run();
    process.stdout.write('locked\\n');
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Number(process.argv[2]));
    db.exec('COMMIT');
    db.close();`;
  const child = spawn(process.execPath, ['-e', script, file, String(holdMs)], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const done = new Promise<number | null>((resolve) => child.on('exit', resolve));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('locked')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`lock holder exited early (${code})`)));
  });
  return { done };
}

describe('a second connection', () => {
  it('waits on busy_timeout for the write lock instead of failing, and reads meanwhile', async () => {
    const file = tempDbFile();
    const db = openDatabase(file);
    open.push(db);
    const holder = await holdWriteLock(file, 700);

    // WAL: readers are not blocked by the writer, and do not see its uncommitted row.
    const readStart = performance.now();
    expect(db.prepare(`SELECT count(*) AS n FROM settings`).get()).toEqual({ n: 0 });
    expect(performance.now() - readStart).toBeLessThan(200);

    const writeStart = performance.now();
    immediate(db, () => db.prepare(`INSERT INTO settings VALUES ('mine', '2', 'y')`).run());
    const waited = performance.now() - writeStart;
    expect(waited).toBeGreaterThan(300);
    expect(waited).toBeLessThan(5000);
    expect(await holder.done).toBe(0);
    expect(db.prepare('SELECT key FROM settings ORDER BY key').all()).toEqual([
      { key: 'lock.holder' },
      { key: 'mine' },
    ]);
  });

  it('gets SQLITE_BUSY once the lock is held longer than its busy timeout', async () => {
    const file = tempDbFile();
    const db = openDatabase(file);
    open.push(db);
    db.pragma('busy_timeout = 100'); // shortened here only, to keep the test fast
    const holder = await holdWriteLock(file, 800);
    const start = performance.now();
    const error = thrown(() =>
      immediate(db, () => db.prepare(`INSERT INTO settings VALUES ('m', '2', 'y')`).run()),
    );
    expect((error as { code?: string }).code).toBe('SQLITE_BUSY');
    expect(performance.now() - start).toBeGreaterThanOrEqual(90);
    expect(await holder.done).toBe(0);
  });
});

describe('openDatabase: file mode', () => {
  it('creates the database readable by its owner only', () => {
    const file = tempDbFile();
    openDatabase(file).close();
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});
