import type { Migration } from './Migration.js';

/**
 * Bearer tokens of the local HTTP API (issue 6), one row per client program. The token itself is
 * never stored: only its SHA-256 (`token_hash`, hex), so a copy of the database does not open the
 * API. `prefix` is the token's first characters, shown in `navette api token list` so a user can
 * tell which token a program holds without the database knowing the rest.
 *
 * - Rows are never deleted: `revoked_at` ends a token and keeps its history.
 * - The partial UNIQUE index on `name` over live rows: a name designates one live token at a
 *   time (revoke, then create again under the same name to rotate).
 * - Times are ISO 8601 UTC text, as elsewhere.
 */
export const apiTokensMigration: Migration = {
  version: 40,
  name: 'api-tokens',
  up(db) {
    db.exec(`
      CREATE TABLE api_tokens (
        id           INTEGER PRIMARY KEY,
        name         TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 64),
        prefix       TEXT NOT NULL CHECK (length(prefix) BETWEEN 4 AND 32),
        token_hash   TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
        created_at   TEXT NOT NULL,
        last_used_at TEXT,
        revoked_at   TEXT
      ) STRICT;
      CREATE UNIQUE INDEX api_tokens_live_name ON api_tokens (name) WHERE revoked_at IS NULL;
    `);
  },
};
