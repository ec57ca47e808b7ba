import type { Migration } from './Migration.js';

/**
 * Small persistent settings and cursors ("since last visit", the audit journal head), one JSON
 * value per key. WITHOUT ROWID: the key is the only lookup and the rows are few and small.
 */
export const settingsMigration: Migration = {
  version: 10,
  name: 'settings',
  up(db) {
    db.exec(`
      CREATE TABLE settings (
        key        TEXT NOT NULL PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 200),
        value      TEXT NOT NULL CHECK (json_valid(value)),
        updated_at TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
