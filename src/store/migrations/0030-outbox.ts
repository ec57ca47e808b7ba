import type { Migration } from './Migration.js';

/**
 * The durable outbox (issue 5): one row per document to send, with its state, its attempts and
 * where its files are; batches group rows for the secretary's report. See docs/sending.md.
 *
 * - `state` is one of the states of src/store/outbox/outboxStates.ts. Rows are never deleted: the
 *   table is the history the batch report and the dedup rely on.
 * - The partial UNIQUE index on `unique_id` over the live states (queued, sending, retry-wait,
 *   sent) is the last line of the exactly-once promise: whatever a caller does, two live rows can
 *   never carry the same document id. A refused or failed document may be dropped again (a new
 *   row); a duplicate row points at the live row it repeats (`duplicate_of`).
 * - Times are ISO 8601 UTC text (`toISOString()`), which sorts like the instants it names.
 * - `needs_reconcile` = 1: the last attempt may have reached the DMP; the next attempt asks the DMP
 *   for the uniqueId before any resend.
 * - Files: `claim_dir` is the claim folder of the intake (NULL when the document did not come from
 *   an export folder); `sent_dir` / `error_dir` are where its files go, fixed at claim time;
 *   `placed_name` is the name chosen in that folder (chosen once, so a crash while moving the
 *   files resumes with the same name); `placed_at` is set once every file is there.
 * - `outbox_payload` holds the bytes to send when they are not the dropped file (a CDA built
 *   around a PDF carries a uniqueId generated at build time: resending the same bytes is what
 *   makes a reconciliation by uniqueId meaningful). A separate table keeps the outbox rows small.
 */
export const outboxMigration: Migration = {
  version: 30,
  name: 'outbox',
  up(db) {
    db.exec(`
      CREATE TABLE outbox_batch (
        id         INTEGER PRIMARY KEY,
        label      TEXT NOT NULL CHECK (length(label) BETWEEN 1 AND 200),
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE outbox (
        id              INTEGER PRIMARY KEY,
        batch_id        INTEGER REFERENCES outbox_batch (id),
        state           TEXT NOT NULL CHECK (state IN
                          ('queued', 'sending', 'retry-wait', 'sent', 'refused', 'failed',
                           'duplicate')),
        unique_id       TEXT CHECK (unique_id IS NULL OR length(unique_id) BETWEEN 1 AND 255),
        content_hash    TEXT NOT NULL CHECK (
                          length(content_hash) = 64 AND content_hash NOT GLOB '*[^0-9a-f]*'),
        kind            TEXT,
        title           TEXT,
        set_id          TEXT,
        visibility      TEXT CHECK (visibility IS NULL OR json_valid(visibility)),
        file_name       TEXT NOT NULL CHECK (length(file_name) BETWEEN 1 AND 1024),
        sidecar_name    TEXT,
        claim_id        TEXT UNIQUE,
        claim_dir       TEXT,
        sent_dir        TEXT,
        error_dir       TEXT,
        attempts        INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        next_at         TEXT,
        needs_reconcile INTEGER NOT NULL DEFAULT 0 CHECK (needs_reconcile IN (0, 1)),
        error_code      TEXT,
        last_error      TEXT,
        problems        TEXT CHECK (problems IS NULL OR json_valid(problems)),
        duplicate_of    INTEGER REFERENCES outbox (id),
        receipt         TEXT CHECK (receipt IS NULL OR json_valid(receipt)),
        created_at      TEXT NOT NULL,
        updated_at      TEXT NOT NULL,
        finished_at     TEXT,
        placed_name     TEXT,
        placed_at       TEXT,
        CHECK ((state = 'duplicate') = (duplicate_of IS NOT NULL)),
        CHECK (state IN ('refused', 'failed', 'duplicate') OR unique_id IS NOT NULL),
        CHECK (state NOT IN ('queued', 'retry-wait') OR next_at IS NOT NULL),
        CHECK ((claim_id IS NULL) = (claim_dir IS NULL))
      ) STRICT;

      CREATE TABLE outbox_payload (
        item_id INTEGER PRIMARY KEY REFERENCES outbox (id),
        bytes   BLOB NOT NULL
      ) STRICT;

      CREATE UNIQUE INDEX outbox_live_unique_id ON outbox (unique_id)
        WHERE state IN ('queued', 'sending', 'retry-wait', 'sent');
      CREATE INDEX outbox_live_hash ON outbox (content_hash)
        WHERE state IN ('queued', 'sending', 'retry-wait', 'sent');
      CREATE INDEX outbox_due ON outbox (next_at, id)
        WHERE state IN ('queued', 'retry-wait');
      CREATE INDEX outbox_in_flight ON outbox (id) WHERE state = 'sending';
      CREATE INDEX outbox_unplaced ON outbox (id)
        WHERE placed_at IS NULL AND claim_id IS NOT NULL;
      CREATE INDEX outbox_batch_state ON outbox (batch_id, state) WHERE batch_id IS NOT NULL;
      CREATE INDEX outbox_duplicate_of ON outbox (duplicate_of) WHERE duplicate_of IS NOT NULL;
    `);
  },
};
