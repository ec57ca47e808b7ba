// Typed errors of the store. Codes are stable; messages are the French sentences users see.
import { NavetteError } from '../domain/errors/NavetteError.js';

/**
 * The database was written by a newer Navette (its `user_version` is above the last migration this
 * build knows). Opening it could corrupt data the newer schema relies on, so we refuse
 * (downgrade protection, as Signal's `DBVersionFromFutureError`).
 */
export class DbVersionFromFutureError extends NavetteError {
  override readonly name = 'DbVersionFromFutureError';
  readonly found: number;
  readonly known: number;

  constructor(found: number, known: number) {
    super(
      'DB_FROM_FUTURE',
      `La base de données de Navette a été écrite par une version plus récente de Navette ` +
        `(schéma ${found}, cette version ne connaît que le schéma ${known}). ` +
        `Mettez Navette à jour pour continuer ; la base n'a pas été modifiée.`,
      { found, known },
    );
    this.found = found;
    this.known = known;
  }
}

/** Every code a `DbOpenError` (or one of its subclasses) may carry. */
export type DbOpenErrorCode =
  | 'DB_OPEN_FAILED'
  | 'DB_BUSY'
  | 'DB_WAL_UNAVAILABLE'
  | 'DB_NOT_MIGRATED'
  | 'DB_BACKUP_FAILED'
  | 'DB_CORRUPT'
  | 'DB_MIGRATION_FAILED'
  | 'DB_MIGRATIONS_INVALID';

/** The database could not be opened and made ready. The connection is closed when this is thrown. */
export class DbOpenError extends NavetteError {
  override readonly name: string = 'DbOpenError';
  declare readonly code: DbOpenErrorCode;

  constructor(
    code: DbOpenErrorCode,
    message: string,
    details: Readonly<Record<string, unknown>> = {},
    options?: { cause?: unknown },
  ) {
    super(code, message, details, options);
  }
}

/**
 * The file is not a SQLite database, or `PRAGMA quick_check` found damage. A separate class because
 * the application offers a different way out (restore the last backup) than for other failures.
 */
export class DbCorruptError extends DbOpenError {
  override readonly name: string = 'DbCorruptError';

  constructor(details: Readonly<Record<string, unknown>> = {}, options?: { cause?: unknown }) {
    super(
      'DB_CORRUPT',
      'La base de données de Navette est endommagée et ne peut pas être utilisée. ' +
        'Fermez Navette, restaurez la dernière sauvegarde de la base (fichier « .bak » à côté de ' +
        'la base) ou contactez votre support informatique.',
      details,
      options,
    );
  }
}

/**
 * A migration step failed (the database stays at its previous version: all pending steps run in one
 * transaction), or the list of migrations itself is wrong (a programming error caught at start-up).
 */
export class DbMigrationError extends DbOpenError {
  override readonly name: string = 'DbMigrationError';
}

/** An audit journal entry was refused before anything was written. */
export class AuditEntryInvalidError extends NavetteError {
  override readonly name = 'AuditEntryInvalidError';

  constructor(reason: string) {
    super(
      'AUDIT_ENTRY_INVALID',
      "L'entrée du journal d'audit a été refusée car elle est incomplète ou mal formée. " +
        'Signalez ce problème au support de Navette.',
      { reason },
    );
  }
}
