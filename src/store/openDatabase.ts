// Opening the database: connection settings, integrity check, backup, migrations. Every failure
// becomes a typed error with the connection closed.
import { chmodSync, existsSync, rmSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import type { Database } from './Database.js';
import { DbCorruptError, DbOpenError, DbVersionFromFutureError } from './errors.js';
import {
  latestVersion,
  runMigrations,
  schemaVersion,
  validateMigrations,
} from './migrationRunner.js';
import { MIGRATIONS, type Migration } from './migrations/index.js';
import { NavetteError } from '../domain/errors/NavetteError.js';

export interface OpenDatabaseOptions {
  /** Defaults to `MIGRATIONS`. Tests pass a prefix of it, or a deliberately broken list. */
  readonly migrations?: readonly Migration[];
  /** Open without writing: no migration, no journal-mode change (diagnostics, `navette journal`). */
  readonly readonly?: boolean;
  /** Copy an existing, non-empty database before migrating it (default true). */
  readonly backupBeforeMigrate?: boolean;
}

/** Milliseconds a connection waits for another's write lock before SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 5000;

/** Where the pre-migration copy of `file` at schema `version` goes. */
export function backupPathFor(file: string, version: number): string {
  return `${file}.v${version}.bak`;
}

/**
 * Opens (creating if needed) the SQLite database at `file` and makes it ready:
 * - pragmas: journal_mode=WAL, synchronous=FULL (an accepted document must survive power loss,
 *   TECH-NOTES §7), busy_timeout=5000, foreign_keys=ON, and fullfsync on macOS;
 * - `PRAGMA quick_check` (DbCorruptError if it reports anything);
 * - refuses a database from a newer Navette (DbVersionFromFutureError);
 * - backs up an existing database before migrating it (`backupPathFor`), then runs every pending
 *   migration in one transaction.
 * The file must be on a local disk: WAL needs shared memory, which network shares do not provide.
 */
export function openDatabase(file: string, opts: OpenDatabaseOptions = {}): Database {
  const migrations = opts.migrations ?? MIGRATIONS;
  const readonly = opts.readonly ?? false;
  validateMigrations(migrations);

  let db: Database;
  const created = !readonly && file !== ':memory:' && !existsSync(file);
  try {
    db = new BetterSqlite3(file, { readonly, fileMustExist: readonly, timeout: BUSY_TIMEOUT_MS });
  } catch (cause) {
    throw toOpenError(cause);
  }
  // Health data (journal, outbox, followed patients): readable by its owner only.
  if (created) chmodOwnerOnly(file);
  try {
    applyConnectionSettings(db, readonly);
    quickCheck(db);
    if (readonly) {
      requireCurrentVersion(db, latestVersion(migrations));
    } else {
      if (opts.backupBeforeMigrate ?? true) backupIfMigrationPending(db, file, migrations);
      runMigrations(db, migrations);
    }
    return db;
  } catch (cause) {
    db.close();
    throw toOpenError(cause);
  }
}

function applyConnectionSettings(db: Database, readonly: boolean): void {
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  db.pragma('foreign_keys = ON');
  if (readonly) return;
  const mode = db.pragma('journal_mode = WAL', { simple: true }) as string;
  // An in-memory database answers 'memory'; anything else on a file means WAL is unavailable.
  if (mode !== 'wal' && !(db.memory && mode === 'memory')) {
    throw new DbOpenError(
      'DB_WAL_UNAVAILABLE',
      'La base de données de Navette ne peut pas fonctionner à cet emplacement (journal WAL ' +
        'indisponible, par exemple sur un partage réseau). Placez les données de Navette sur un ' +
        'disque local.',
      { journalMode: mode },
    );
  }
  db.pragma('synchronous = FULL');
  if (process.platform === 'darwin') {
    // On macOS fsync does not reach the platter; F_FULLFSYNC does (SQLite docs, TECH-NOTES §7).
    db.pragma('fullfsync = ON');
    db.pragma('checkpoint_fullfsync = ON');
  }
}

function quickCheck(db: Database): void {
  const rows = db.pragma('quick_check') as { quick_check: string }[];
  const lines = rows.flatMap((r) => r.quick_check.split('\n')).filter((line) => line !== 'ok');
  // The lines name trees, pages and cells, never row contents: safe for logs. Keep a few.
  if (lines.length > 0) throw new DbCorruptError({ problems: lines.slice(0, 5) });
}

function requireCurrentVersion(db: Database, latest: number): void {
  const version = schemaVersion(db);
  if (version > latest) throw new DbVersionFromFutureError(version, latest);
  if (version < latest) {
    throw new DbOpenError(
      'DB_NOT_MIGRATED',
      "La base de données de Navette n'est pas encore à jour. Démarrez Navette une fois pour la " +
        'mettre à jour, puis recommencez.',
      { version, latest },
    );
  }
}

function backupIfMigrationPending(
  db: Database,
  file: string,
  migrations: readonly Migration[],
): void {
  if (db.memory) return;
  const version = schemaVersion(db);
  if (version >= latestVersion(migrations)) return; // nothing to do, or refused later
  const tables = db.prepare('SELECT count(*) AS n FROM sqlite_schema').get() as { n: number };
  if (version === 0 && tables.n === 0) return; // a new file: nothing to protect
  const target = backupPathFor(file, version);
  try {
    // A failed earlier attempt at the same version leaves the same content: replace it.
    rmSync(target, { force: true });
    // VACUUM INTO writes a consistent, compacted copy from a read snapshot, synchronously.
    db.prepare('VACUUM INTO ?').run(target);
  } catch (cause) {
    throw new DbOpenError(
      'DB_BACKUP_FAILED',
      "Navette n'a pas pu sauvegarder sa base de données avant de la mettre à jour ; rien n'a été " +
        "modifié. Vérifiez l'espace disque disponible puis redémarrez Navette.",
      { version },
      { cause },
    );
  }
}

/** Maps driver errors to typed ones; typed errors pass through. */
function toOpenError(cause: unknown): NavetteError {
  if (cause instanceof NavetteError) return cause;
  const code = cause instanceof BetterSqlite3.SqliteError ? cause.code : undefined;
  if (code === 'SQLITE_NOTADB' || code?.startsWith('SQLITE_CORRUPT') === true) {
    return new DbCorruptError({ sqliteCode: code }, { cause });
  }
  if (code?.startsWith('SQLITE_BUSY') === true) {
    return new DbOpenError(
      'DB_BUSY',
      'La base de données de Navette est occupée par un autre programme. Vérifiez que Navette ' +
        "n'est pas déjà ouvert, puis réessayez.",
      { sqliteCode: code },
      { cause },
    );
  }
  return new DbOpenError(
    'DB_OPEN_FAILED',
    "Navette n'a pas pu ouvrir sa base de données. Vérifiez que le dossier de données existe et " +
      "que vous avez le droit d'y écrire, puis redémarrez Navette.",
    code === undefined ? {} : { sqliteCode: code },
    { cause },
  );
}

function chmodOwnerOnly(file: string): void {
  try {
    chmodSync(file, 0o600);
  } catch {
    // A file system without Unix modes (Windows: the per-user folder's ACL protects it).
  }
}
