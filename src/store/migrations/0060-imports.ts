import type { Migration } from './Migration.js';

/**
 * What a specialist imported from the DMP, and whose DMP they follow.
 *
 * - `imported_documents`: one row per document uniqueId ever imported (PRIMARY KEY: never twice).
 *   `state` 'pending' while its file is being written, 'done' once it is in place: a crash in
 *   between leaves a pending row that the next import finishes instead of skipping.
 *   The patient is a keyed reference (patientReference), not an INS.
 * - `followed_patients`: the patients whose new documents are imported automatically (opt-in).
 *   The INS is kept here in clear because the automatic import must query the DMP with it: it is
 *   the one place it is stored, and only for patients the user chose to follow.
 */
export const importsMigration: Migration = {
  version: 60,
  name: 'imports',
  up(db) {
    db.exec(`
      CREATE TABLE imported_documents (
        unique_id    TEXT NOT NULL PRIMARY KEY CHECK (length(unique_id) BETWEEN 1 AND 256),
        patient_ref  TEXT NOT NULL CHECK (length(patient_ref) = 64),
        file_name    TEXT NOT NULL,
        state        TEXT NOT NULL CHECK (state IN ('pending', 'done')),
        sha256       TEXT,
        claimed_at   TEXT NOT NULL,
        imported_at  TEXT
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX imported_documents_patient ON imported_documents (patient_ref, imported_at);

      CREATE TABLE followed_patients (
        ins_oid        TEXT NOT NULL,
        ins_matricule  TEXT NOT NULL,
        followed_since TEXT NOT NULL,
        last_checked   TEXT,
        PRIMARY KEY (ins_oid, ins_matricule)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
