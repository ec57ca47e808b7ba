// The DMP test server's own SQLite schema (not Navette's: the sandbox has its own database under
// its folder). Numbered steps run by src/store's migration runner, as for Navette's database.
import type { Migration } from '../../store/index.js';

const patients: Migration = {
  version: 10,
  name: 'patients-and-authorisations',
  up(db) {
    db.exec(`
      CREATE TABLE patients (
        ins                   TEXT NOT NULL PRIMARY KEY,
        oid                   TEXT NOT NULL,
        family                TEXT NOT NULL,
        given                 TEXT NOT NULL,
        sex                   TEXT NOT NULL CHECK (sex IN ('M', 'F')),
        birth_date            TEXT NOT NULL,
        scenario              TEXT NOT NULL,
        dmp_status            TEXT NOT NULL CHECK (dmp_status IN ('ACTIF', 'FERME', 'INEXISTANT')),
        linked_to_mes         INTEGER NOT NULL,
        opposes_emergency     INTEGER NOT NULL,
        minor_secret          INTEGER NOT NULL,
        allows_masked_in_emergency INTEGER NOT NULL
      ) STRICT;
      -- One row per (patient, professional): VALIDE, INTERDIT (blocked by the patient) or EXPIRE.
      CREATE TABLE authorisations (
        ins           TEXT NOT NULL REFERENCES patients (ins),
        ps_id         TEXT NOT NULL,
        status        TEXT NOT NULL CHECK (status IN ('VALIDE', 'INTERDIT', 'EXPIRE')),
        is_mt         INTEGER NOT NULL DEFAULT 0,
        structure_id  TEXT,
        updated_at    TEXT NOT NULL,
        PRIMARY KEY (ins, ps_id)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};

const registry: Migration = {
  version: 20,
  name: 'registry',
  up(db) {
    db.exec(`
      -- XDS objects as received: the parsed metadata is kept whole (JSON) so queries answer with
      -- every field the client sent; the columns are what the server filters and decides on.
      CREATE TABLE document_entries (
        entry_uuid        TEXT NOT NULL PRIMARY KEY,
        logical_id        TEXT NOT NULL,
        version           INTEGER NOT NULL,
        unique_id         TEXT NOT NULL,
        ins               TEXT NOT NULL REFERENCES patients (ins),
        status            TEXT NOT NULL,
        submission_set    TEXT NOT NULL,
        author_ids        TEXT NOT NULL CHECK (json_valid(author_ids)),
        author_structure  TEXT,
        class_code        TEXT,
        type_code         TEXT,
        creation_time     TEXT,
        confidentiality   TEXT NOT NULL CHECK (json_valid(confidentiality)),
        metadata          TEXT NOT NULL CHECK (json_valid(metadata)),
        created_at        TEXT NOT NULL
      ) STRICT;
      CREATE INDEX document_entries_patient ON document_entries (ins, status);
      CREATE INDEX document_entries_unique ON document_entries (unique_id);
      CREATE INDEX document_entries_lid ON document_entries (logical_id, version);
      CREATE TABLE submission_sets (
        entry_uuid        TEXT NOT NULL PRIMARY KEY,
        unique_id         TEXT NOT NULL UNIQUE,
        ins               TEXT NOT NULL REFERENCES patients (ins),
        submission_time   TEXT NOT NULL,
        metadata          TEXT NOT NULL CHECK (json_valid(metadata)),
        created_at        TEXT NOT NULL
      ) STRICT;
      CREATE INDEX submission_sets_patient ON submission_sets (ins, submission_time);
      CREATE TABLE associations (
        entry_uuid  TEXT NOT NULL PRIMARY KEY,
        type        TEXT NOT NULL,
        source      TEXT NOT NULL,
        target      TEXT NOT NULL,
        metadata    TEXT NOT NULL CHECK (json_valid(metadata)),
        created_at  TEXT NOT NULL
      ) STRICT;
      CREATE INDEX associations_source ON associations (source);
      CREATE INDEX associations_target ON associations (target);
      -- Document bytes by uniqueId (the repository). Deleted documents keep their bytes: the
      -- matrix lets some actors read deleted documents.
      CREATE TABLE contents (
        unique_id   TEXT NOT NULL PRIMARY KEY,
        mime_type   TEXT NOT NULL,
        bytes       BLOB NOT NULL
      ) STRICT, WITHOUT ROWID;
    `);
  },
};

const traces: Migration = {
  version: 30,
  name: 'access-traces',
  up(db) {
    db.exec(`
      -- Who did what on which DMP, as the real DMP keeps it for the patient (Web PS history).
      CREATE TABLE access_traces (
        id            INTEGER PRIMARY KEY,
        at            TEXT NOT NULL,
        transaction_  TEXT NOT NULL,
        ps_id         TEXT,
        structure_id  TEXT,
        auth_mode     TEXT,
        access_mode   TEXT,
        reason        TEXT,
        ins           TEXT,
        outcome       TEXT NOT NULL,
        detail        TEXT
      ) STRICT;
      CREATE INDEX access_traces_patient ON access_traces (ins, at);
    `);
  },
};

const repositoryFiles: Migration = {
  version: 40,
  name: 'repository-files',
  up(db) {
    db.exec(`
      -- Document bytes live in files of the repository folder (state/DocumentFolder.ts); this
      -- maps a uniqueId to its file. Documents stored before keep their row in contents (read
      -- as before, never moved). Deleted documents keep their file, as they kept their bytes.
      -- The CHECK repeats the folder's rule: a file name is a UUID, nothing that names a path.
      CREATE TABLE content_files (
        unique_id   TEXT NOT NULL PRIMARY KEY,
        mime_type   TEXT NOT NULL,
        file_name   TEXT NOT NULL UNIQUE
                    CHECK (length(file_name) = 36 AND file_name NOT GLOB '*[^0-9a-f-]*')
      ) STRICT, WITHOUT ROWID;
    `);
  },
};

export const SANDBOX_MIGRATIONS: readonly Migration[] = [
  patients,
  registry,
  traces,
  repositoryFiles,
];
