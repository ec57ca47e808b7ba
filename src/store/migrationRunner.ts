// Applies numbered migrations. The schema version lives in `PRAGMA user_version` (the database
// header), so it commits or rolls back with the steps themselves.
import type { Database } from './Database.js';
import { DbMigrationError, DbVersionFromFutureError } from './errors.js';
import type { Migration } from './migrations/Migration.js';

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The schema version recorded in the database (0 for a new file). */
export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** The version the database has once every step of `migrations` ran (0 for an empty list). */
export function latestVersion(migrations: readonly Migration[]): number {
  return migrations.at(-1)?.version ?? 0;
}

/**
 * Throws `DbMigrationError` ('DB_MIGRATIONS_INVALID') unless versions are positive multiples of 10
 * in strictly increasing order and names are kebab-case. Runs at every open: a bad list is a
 * programming error we want to see in the first test, not on a user's machine.
 */
export function validateMigrations(migrations: readonly Migration[]): void {
  let previous = 0;
  for (const m of migrations) {
    const problem =
      !Number.isSafeInteger(m.version) || m.version <= 0 || m.version % 10 !== 0
        ? `version ${m.version} is not a positive multiple of 10`
        : m.version <= previous
          ? `version ${m.version} does not follow ${previous}`
          : !KEBAB.test(m.name)
            ? `name '${m.name}' is not kebab-case`
            : undefined;
    if (problem !== undefined) {
      throw new DbMigrationError(
        'DB_MIGRATIONS_INVALID',
        'Navette ne peut pas préparer sa base de données : la liste des migrations est invalide. ' +
          'Signalez ce problème au support de Navette.',
        { problem },
      );
    }
    previous = m.version;
  }
}

/**
 * Brings the database to the last version of `migrations`: every pending step, then
 * `user_version`, in ONE immediate transaction. If any step throws, nothing of the run stays and
 * the database keeps its previous version. Refuses a database newer than the list
 * (`DbVersionFromFutureError`). Safe against a second process migrating at the same time: the
 * version is read again once the write lock is held.
 */
export function runMigrations(
  db: Database,
  migrations: readonly Migration[],
): { from: number; to: number } {
  validateMigrations(migrations);
  const latest = latestVersion(migrations);

  // Fast path without the write lock: the usual open finds an up-to-date database.
  const seen = schemaVersion(db);
  if (seen > latest) throw new DbVersionFromFutureError(seen, latest);
  if (seen === latest) return { from: seen, to: seen };

  return db
    .transaction(() => {
      const from = schemaVersion(db);
      if (from > latest) throw new DbVersionFromFutureError(from, latest);
      for (const m of migrations) {
        if (m.version > from) applyStep(db, m);
      }
      const violations = db.pragma('foreign_key_check') as unknown[];
      if (violations.length > 0) {
        throw migrationFailed({
          version: latest,
          problem: 'foreign_key_check',
          count: violations.length,
        });
      }
      db.pragma(`user_version = ${latest}`);
      return { from, to: latest };
    })
    .immediate();
}

function applyStep(db: Database, m: Migration): void {
  let result: unknown;
  try {
    result = m.up(db) as unknown;
  } catch (cause) {
    throw migrationFailed({ version: m.version, name: m.name }, cause);
  }
  // An async `up` would run its awaited part after the commit, outside the transaction.
  if (typeof (result as { then?: unknown } | undefined)?.then === 'function') {
    throw migrationFailed({ version: m.version, name: m.name, problem: 'up() returned a promise' });
  }
}

function migrationFailed(details: Record<string, unknown>, cause?: unknown): DbMigrationError {
  return new DbMigrationError(
    'DB_MIGRATION_FAILED',
    'La mise à jour de la base de données de Navette a échoué ; la base est restée dans son état ' +
      "précédent et aucune donnée n'a été perdue. Redémarrez Navette ; si le problème persiste, " +
      'contactez le support de Navette.',
    details,
    cause === undefined ? undefined : { cause },
  );
}
