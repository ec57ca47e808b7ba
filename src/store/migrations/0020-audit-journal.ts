import type { Migration } from './Migration.js';

/**
 * The audit journal: one row per action on a patient's DMP or on a document, hash-chained
 * (see AuditJournal.ts for the hash formula).
 *
 * - `patient_ref` is NOT the patient's INS: it is a keyed hash (HMAC-SHA-256, 64 lower-case hex
 *   digits) supplied by the caller. Health data at rest is kept to what the function needs: the
 *   journal must answer "what was done for this patient" when the INS is presented again, which a
 *   keyed hash does, without making the file a list of national identifiers. The CHECK makes it
 *   impossible to store a clear INS/NIR (13 or 15 characters) there by mistake.
 * - `txn` holds the transaction code (TD2.1, TD3.2…); the column is not called `transaction`
 *   because that is an SQL keyword and would need quoting in every query.
 * - The triggers make the table append-only for our own code (a bug cannot rewrite history); they
 *   are no defence against someone with the file, which is what the hash chain is for.
 */
export const auditJournalMigration: Migration = {
  version: 20,
  name: 'audit-journal',
  up(db) {
    db.exec(`
      CREATE TABLE audit_journal (
        id          INTEGER PRIMARY KEY,
        at          TEXT NOT NULL,
        actor       TEXT NOT NULL,
        structure   TEXT,
        patient_ref TEXT CHECK (
          patient_ref IS NULL OR (length(patient_ref) = 64 AND patient_ref NOT GLOB '*[^0-9a-f]*')
        ),
        txn         TEXT NOT NULL,
        access_mode TEXT,
        result      TEXT NOT NULL,
        details     TEXT NOT NULL CHECK (json_valid(details)),
        prev_hash   TEXT NOT NULL CHECK (length(prev_hash) = 64),
        hash        TEXT NOT NULL UNIQUE CHECK (length(hash) = 64)
      ) STRICT;

      CREATE INDEX audit_journal_at ON audit_journal (at);
      CREATE INDEX audit_journal_patient_at ON audit_journal (patient_ref, at)
        WHERE patient_ref IS NOT NULL;

      CREATE TRIGGER audit_journal_no_update BEFORE UPDATE ON audit_journal
      BEGIN SELECT RAISE(ABORT, 'audit_journal is append-only'); END;

      CREATE TRIGGER audit_journal_no_delete BEFORE DELETE ON audit_journal
      BEGIN SELECT RAISE(ABORT, 'audit_journal is append-only'); END;
    `);
  },
};
