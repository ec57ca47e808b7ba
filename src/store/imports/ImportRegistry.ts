// Which DMP documents were imported into the practice's software: never the same uniqueId twice,
// even across crashes and two imports running at once (the claim is one INSERT under the write
// lock). See migration 0060-imports.
import type { Database } from '../Database.js';
import { immediate } from '../transaction.js';

export type ImportClaim =
  /** Yours to write (new, or left pending by an earlier run that stopped half-way). */
  | { readonly status: 'claimed'; readonly fileName: string }
  /** Already in the import folder: skip it. */
  | { readonly status: 'already-imported'; readonly fileName: string; readonly importedAt: string };

export interface ImportedDocument {
  readonly uniqueId: string;
  readonly patientRef: string;
  readonly fileName: string;
  readonly state: 'pending' | 'done';
  readonly sha256: string | null;
  readonly claimedAt: string;
  readonly importedAt: string | null;
}

interface Row {
  unique_id: string;
  patient_ref: string;
  file_name: string;
  state: 'pending' | 'done';
  sha256: string | null;
  claimed_at: string;
  imported_at: string | null;
}

function fromRow(row: Row): ImportedDocument {
  return {
    uniqueId: row.unique_id,
    patientRef: row.patient_ref,
    fileName: row.file_name,
    state: row.state,
    sha256: row.sha256,
    claimedAt: row.claimed_at,
    importedAt: row.imported_at,
  };
}

export class ImportRegistry {
  private readonly selectOne;
  private readonly insert;
  private readonly markDone;
  private readonly forget;
  private readonly listByPatient;

  constructor(
    private readonly db: Database,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.selectOne = db.prepare<[string], Row>(
      'SELECT * FROM imported_documents WHERE unique_id = ?',
    );
    this.insert = db.prepare<[string, string, string, string]>(
      `INSERT INTO imported_documents (unique_id, patient_ref, file_name, state, claimed_at)
       VALUES (?, ?, ?, 'pending', ?)`,
    );
    this.markDone = db.prepare<[string, string, string]>(
      `UPDATE imported_documents SET state = 'done', sha256 = ?, imported_at = ?
       WHERE unique_id = ? AND state = 'pending'`,
    );
    this.forget = db.prepare<[string]>(
      `DELETE FROM imported_documents WHERE unique_id = ? AND state = 'pending'`,
    );
    this.listByPatient = db.prepare<[string], Row>(
      `SELECT * FROM imported_documents WHERE patient_ref = ? ORDER BY claimed_at, unique_id`,
    );
  }

  /**
   * Claims `uniqueId` for writing as `fileName`. A pending claim of an earlier run is handed back
   * with the name it chose, so a retry rewrites the same file instead of making a second one.
   */
  claim(uniqueId: string, patientRef: string, fileName: string): ImportClaim {
    return immediate(this.db, () => {
      const existing = this.selectOne.get(uniqueId);
      if (existing === undefined) {
        this.insert.run(uniqueId, patientRef, fileName, this.now().toISOString());
        return { status: 'claimed', fileName };
      }
      if (existing.state === 'pending') return { status: 'claimed', fileName: existing.file_name };
      return {
        status: 'already-imported',
        fileName: existing.file_name,
        importedAt: existing.imported_at ?? existing.claimed_at,
      };
    });
  }

  /** The file is in place (renamed into the import folder): the import counts. */
  complete(uniqueId: string, sha256: string): void {
    immediate(this.db, () => {
      const changed = this.markDone.run(sha256, this.now().toISOString(), uniqueId).changes;
      if (changed !== 1) throw new Error(`no pending import claim for this document`);
    });
  }

  /** The file could not be written (folder full, removed…): the document may be imported later. */
  release(uniqueId: string): void {
    immediate(this.db, () => this.forget.run(uniqueId));
  }

  get(uniqueId: string): ImportedDocument | undefined {
    const row = this.selectOne.get(uniqueId);
    return row === undefined ? undefined : fromRow(row);
  }

  listForPatient(patientRef: string): ImportedDocument[] {
    return this.listByPatient.all(patientRef).map(fromRow);
  }
}
