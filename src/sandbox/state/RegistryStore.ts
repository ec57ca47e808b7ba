// The XDS registry and repository of the DMP test server, on the sandbox's SQLite file. Metadata
// objects are stored whole (JSON of the protocol's typed objects) with the columns the server
// filters on; versions follow XDS: an entry has an entryUUID per metadata version and a logical
// id across versions; a replaced (RPLC) or re-versioned entry becomes Deprecated. Document bytes
// are files of the repository folder (DocumentFolder), mapped by uniqueId in content_files.
import {
  DOCUMENT_STATUSES,
  type DocumentEntry,
  type SubmissionSet,
  type XdsAssociation,
} from '../../protocol/xds/index.js';
import type { SandboxStore } from './SandboxStore.js';

/** The availability statuses, as the protocol layer defines them (DMP's Archived and Deleted included). */
export const STATUS = DOCUMENT_STATUSES;

/** A stored entry: the metadata plus what the server decides on. */
export interface StoredEntry {
  readonly entry: DocumentEntry;
  readonly ins: string;
  readonly status: string;
  readonly logicalId: string;
  readonly version: number;
  readonly submissionSet: string;
  readonly authorIds: readonly string[];
  readonly authorStructure: string | undefined;
  readonly createdAt: string;
}

export interface StoredSubmissionSet {
  readonly set: SubmissionSet;
  readonly ins: string;
  readonly createdAt: string;
}

export interface NewSubmission {
  readonly ins: string;
  readonly set: SubmissionSet;
  readonly entries: readonly {
    readonly entry: DocumentEntry;
    readonly authorIds: readonly string[];
    readonly authorStructure: string | undefined;
    readonly content: { readonly mimeType: string; readonly bytes: Uint8Array } | undefined;
  }[];
  readonly associations: readonly XdsAssociation[];
}

interface EntryRow {
  entry_uuid: string;
  logical_id: string;
  version: number;
  unique_id: string;
  ins: string;
  status: string;
  submission_set: string;
  author_ids: string;
  author_structure: string | null;
  metadata: string;
  created_at: string;
}

function toStored(r: EntryRow): StoredEntry {
  const entry = JSON.parse(r.metadata) as DocumentEntry;
  return {
    // The row's status, lid and version are the truth: the JSON is what was submitted.
    entry: {
      ...entry,
      entryUuid: r.entry_uuid,
      logicalId: r.logical_id,
      version: String(r.version),
      status: r.status,
    },
    ins: r.ins,
    status: r.status,
    logicalId: r.logical_id,
    version: r.version,
    submissionSet: r.submission_set,
    authorIds: JSON.parse(r.author_ids) as string[],
    authorStructure: r.author_structure ?? undefined,
    createdAt: r.created_at,
  };
}

export class RegistryStore {
  constructor(private readonly state: SandboxStore) {}

  private get db() {
    return this.state.db;
  }

  /**
   * Stores a whole submission (one transaction: all or nothing). The documents' files are written
   * first, so a committed row always has its file; if the transaction fails, the files are
   * removed (one left behind, e.g. when an enclosing transaction rolls back, is an orphan no row
   * points to: harmless).
   */
  addSubmission(s: NewSubmission): void {
    const files: { uniqueId: string; mimeType: string; name: string }[] = [];
    try {
      for (const e of s.entries) {
        if (!e.content) continue;
        const name = this.state.documents.write(e.content.bytes);
        files.push({ uniqueId: e.entry.uniqueId, mimeType: e.content.mimeType, name });
      }
      this.record(s, files);
    } catch (error) {
      for (const f of files) this.state.documents.remove(f.name);
      throw error;
    }
  }

  private record(
    s: NewSubmission,
    files: readonly { uniqueId: string; mimeType: string; name: string }[],
  ): void {
    const now = this.state.timestamp();
    const insertEntry = this.db.prepare(
      `INSERT INTO document_entries (entry_uuid, logical_id, version, unique_id, ins, status,
         submission_set, author_ids, author_structure, class_code, type_code, creation_time,
         confidentiality, metadata, created_at)
       VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertContent = this.db.prepare(
      'INSERT INTO content_files (unique_id, mime_type, file_name) VALUES (?, ?, ?)',
    );
    const insertAssoc = this.db.prepare(
      `INSERT INTO associations (entry_uuid, type, source, target, metadata, created_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    this.state.write(() => {
      this.db
        .prepare(
          `INSERT INTO submission_sets (entry_uuid, unique_id, ins, submission_time, metadata,
             created_at) VALUES (?, ?, ?, ?, ?, ?)`,
        )
        .run(
          s.set.entryUuid,
          s.set.uniqueId,
          s.ins,
          s.set.submissionTime,
          JSON.stringify(s.set),
          now,
        );
      for (const e of s.entries) {
        insertEntry.run(
          e.entry.entryUuid,
          e.entry.entryUuid,
          e.entry.uniqueId,
          s.ins,
          STATUS.Approved,
          s.set.entryUuid,
          JSON.stringify(e.authorIds),
          e.authorStructure ?? null,
          e.entry.classCode.code,
          e.entry.typeCode.code,
          e.entry.creationTime ?? null,
          JSON.stringify(e.entry.confidentialityCodes.map((c) => c.code)),
          JSON.stringify(e.entry),
          now,
        );
      }
      for (const f of files) insertContent.run(f.uniqueId, f.mimeType, f.name);
      for (const a of s.associations) {
        insertAssoc.run(
          a.id,
          a.associationType,
          a.sourceObject,
          a.targetObject,
          JSON.stringify(a),
          now,
        );
      }
    });
  }

  entry(entryUuid: string): StoredEntry | undefined {
    const row = this.db
      .prepare('SELECT * FROM document_entries WHERE entry_uuid = ?')
      .get(entryUuid) as EntryRow | undefined;
    return row && toStored(row);
  }

  /** Every version of the entries with this uniqueId, newest first. */
  entriesByUniqueId(uniqueId: string): StoredEntry[] {
    const rows = this.db
      .prepare('SELECT * FROM document_entries WHERE unique_id = ? ORDER BY version DESC')
      .all(uniqueId) as EntryRow[];
    return rows.map(toStored);
  }

  uniqueIdExists(uniqueId: string): boolean {
    const row = this.db
      .prepare(
        `SELECT 1 FROM document_entries WHERE unique_id = ?
         UNION ALL SELECT 1 FROM submission_sets WHERE unique_id = ? LIMIT 1`,
      )
      .get(uniqueId, uniqueId);
    return row !== undefined;
  }

  /** Entries of a patient with one of the statuses, oldest first. */
  entriesOfPatient(ins: string, statuses: readonly string[]): StoredEntry[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM document_entries WHERE ins = ? AND status IN (SELECT value FROM json_each(?))
         ORDER BY created_at, rowid`,
      )
      .all(ins, JSON.stringify(statuses)) as EntryRow[];
    return rows.map(toStored);
  }

  submissionSet(entryUuid: string): StoredSubmissionSet | undefined {
    const row = this.db
      .prepare('SELECT * FROM submission_sets WHERE entry_uuid = ?')
      .get(entryUuid) as { metadata: string; ins: string; created_at: string } | undefined;
    return (
      row && {
        set: JSON.parse(row.metadata) as SubmissionSet,
        ins: row.ins,
        createdAt: row.created_at,
      }
    );
  }

  submissionSetsOfPatient(ins: string): StoredSubmissionSet[] {
    const rows = this.db
      .prepare('SELECT * FROM submission_sets WHERE ins = ? ORDER BY submission_time, rowid')
      .all(ins) as { metadata: string; ins: string; created_at: string }[];
    return rows.map((r) => ({
      set: JSON.parse(r.metadata) as SubmissionSet,
      ins: r.ins,
      createdAt: r.created_at,
    }));
  }

  /** Associations whose source or target is one of the ids. */
  associationsOf(ids: readonly string[]): XdsAssociation[] {
    const rows = this.db
      .prepare(
        `SELECT metadata FROM associations
         WHERE source IN (SELECT value FROM json_each(?)) OR target IN (SELECT value FROM json_each(?))
         ORDER BY rowid`,
      )
      .all(JSON.stringify(ids), JSON.stringify(ids)) as { metadata: string }[];
    return rows.map((r) => JSON.parse(r.metadata) as XdsAssociation);
  }

  addAssociation(a: XdsAssociation): void {
    this.db
      .prepare(
        `INSERT INTO associations (entry_uuid, type, source, target, metadata, created_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(
        a.id,
        a.associationType,
        a.sourceObject,
        a.targetObject,
        JSON.stringify(a),
        this.state.timestamp(),
      );
  }

  setStatus(entryUuid: string, status: string): void {
    this.db
      .prepare('UPDATE document_entries SET status = ? WHERE entry_uuid = ?')
      .run(status, entryUuid);
  }

  /**
   * A new metadata version of an entry (ITI-57): same logical id and uniqueId, version + 1, the
   * given metadata; the previous version becomes Deprecated.
   */
  addVersion(previous: StoredEntry, entry: DocumentEntry): StoredEntry {
    const now = this.state.timestamp();
    this.db
      .prepare(
        `INSERT INTO document_entries (entry_uuid, logical_id, version, unique_id, ins, status,
           submission_set, author_ids, author_structure, class_code, type_code, creation_time,
           confidentiality, metadata, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        entry.entryUuid,
        previous.logicalId,
        previous.version + 1,
        previous.entry.uniqueId,
        previous.ins,
        previous.status,
        previous.submissionSet,
        JSON.stringify(previous.authorIds),
        previous.authorStructure ?? null,
        entry.classCode.code,
        entry.typeCode.code,
        entry.creationTime ?? null,
        JSON.stringify(entry.confidentialityCodes.map((c) => c.code)),
        JSON.stringify(entry),
        now,
      );
    this.setStatus(previous.entry.entryUuid, STATUS.Deprecated);
    const stored = this.entry(entry.entryUuid);
    if (!stored) throw new Error('registry: version just written is missing');
    return stored;
  }

  /** The document's bytes: its file, or the BLOB of a sandbox older than content_files. */
  content(uniqueId: string): { mimeType: string; bytes: Buffer } | undefined {
    const row = this.db
      .prepare(
        `SELECT mime_type, file_name, NULL AS bytes FROM content_files WHERE unique_id = ?
         UNION ALL SELECT mime_type, NULL, bytes FROM contents WHERE unique_id = ? LIMIT 1`,
      )
      .get(uniqueId, uniqueId) as
      { mime_type: string; file_name: string | null; bytes: Buffer | null } | undefined;
    if (!row) return undefined;
    const bytes = row.file_name === null ? row.bytes : this.state.documents.read(row.file_name);
    return bytes === null ? undefined : { mimeType: row.mime_type, bytes };
  }

  /** Date of the patient's latest document (TD0.4 LASTDOC), ISO. */
  lastDocumentAt(ins: string): string | undefined {
    const row = this.db
      .prepare('SELECT max(created_at) AS last FROM document_entries WHERE ins = ?')
      .get(ins) as { last: string | null };
    return row.last ?? undefined;
  }
}
