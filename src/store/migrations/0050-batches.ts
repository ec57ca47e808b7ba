import type { Migration } from './Migration.js';

/**
 * Batches for secretaries (issue 5, docs/sending.md "Batches"): what the pre-flight found for each
 * document of a batch, kept so that a batch and its report survive a restart.
 *
 * - `batch.id` is the id of its `outbox_batch` row: the documents a batch sends are outbox rows of
 *   that batch, so the outbox stays the one truth of what was sent (one send path, exactly once).
 * - `batch_item` is one file of the batch, in the order given (`position`). `status` is what the
 *   pre-flight said (`ready`, `blocked`) and then the last known state of its outbox row
 *   (`outbox_item_id`, the latest send of this item: a document fixed and sent again points at
 *   its new row). `reasons` is a JSON array of French { code, message, fix? }.
 * - `file_path` is the absolute path the document was read from (a re-send reads it again).
 */
export const batchesMigration: Migration = {
  version: 50,
  name: 'batches',
  up(db) {
    db.exec(`
      CREATE TABLE batch (
        id         INTEGER PRIMARY KEY REFERENCES outbox_batch (id),
        source     TEXT NOT NULL,
        state      TEXT NOT NULL CHECK (state IN ('preflight', 'sending', 'done')),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE batch_item (
        id             INTEGER PRIMARY KEY,
        batch_id       INTEGER NOT NULL REFERENCES batch (id),
        position       INTEGER NOT NULL CHECK (position >= 1),
        file_path      TEXT NOT NULL,
        content_hash   TEXT,
        status         TEXT NOT NULL CHECK (status IN
                         ('ready', 'blocked', 'queued', 'sending', 'waiting', 'sent', 'refused',
                          'failed')),
        unique_id      TEXT,
        title          TEXT,
        dmp_status     TEXT,
        visibility     TEXT,
        reasons        TEXT NOT NULL DEFAULT '[]',
        outbox_item_id INTEGER REFERENCES outbox (id),
        entry_uuid     TEXT,
        updated_at     TEXT NOT NULL,
        UNIQUE (batch_id, position)
      ) STRICT;

      CREATE INDEX batch_item_outbox ON batch_item (outbox_item_id)
        WHERE outbox_item_id IS NOT NULL;
    `);
  },
};
