// Importing a patient's DMP documents into the practice's import folder (issue 6, docs/import.md):
// list (TD3.1), then for each document not imported yet: claim it in the ImportRegistry, fetch it
// (TD3.2), write it without ever replacing another file, write its metadata JSON, mark the claim
// done, journal it. One document's failure releases its claim and is reported; the others go on.
//
// Never the same uniqueId twice: the registry's claim is one row per uniqueId under SQLite's write
// lock, and within this process a set of documents being imported keeps two imports from writing
// the same one at once. A claim left pending by a crash is handed back with its file name, and
// the file writer recognises its own bytes already in place, so a rerun finishes the import
// instead of making a second file.
import type { ImportResult } from '../../api/consult.js';
import type { DmpAccess, DmpClient, DmpDocument } from '../../dmp/index.js';
import { importFileName } from '../../domain/imports/importFileName.js';
import type { Ins } from '../../domain/ins/ins.js';
import type { Logger } from '../../domain/ports/Logger.js';
import {
  AuditJournal,
  FollowedPatients,
  ImportRegistry,
  patientReference,
  type Database,
  type FollowedPatient,
} from '../../store/index.js';
import { documentNotFound, failureOf, importUnavailable, writeFailed } from './ImportError.js';
import { contentExtension, withExtension, writeImportFile } from './importFiles.js';
import { importMetadataBytes, importMetadataOf } from './importMetadata.js';
import type { ImportSettings } from './importSettings.js';

/** What the import needs of the DMP client (DmpClient fits). */
export type ImportDmpClient = Pick<
  DmpClient,
  'findDocuments' | 'findDocumentsSince' | 'retrieveDocument'
>;

/** The DMP session as the import sees it: the client and who acts (for the audit journal). */
export interface ImportConnection {
  readonly client: ImportDmpClient;
  /** idNat_PS of the card holder, or the structure's id. */
  readonly actor: string;
  readonly structure: string;
}

/**
 * Which documents: given uniqueIds; those created since a day (`YYYY-MM-DD`, local time); those
 * submitted since an instant (the automatic import's cursor); or, with none, every approved one.
 */
export type ImportSelection =
  | { readonly uniqueIds: readonly string[] }
  | { readonly since: string }
  | { readonly submittedSince: Date }
  | Record<string, never>;

export interface ImportServiceOptions {
  readonly db: Database;
  readonly settings: ImportSettings;
  /** The current DMP session; undefined while there is none (no card, no PIN…). */
  readonly connection: () => ImportConnection | undefined;
  /** The per-installation key of the journal's patient references. */
  readonly patientKey: Uint8Array;
  readonly log?: Logger;
  readonly now?: () => Date;
}

type DocumentOutcome =
  | { readonly kind: 'imported'; readonly fileName: string }
  | { readonly kind: 'skipped'; readonly reason: string }
  | { readonly kind: 'failed'; readonly code: string; readonly message: string };

/** Documents being imported by this process (all ImportService instances share it). */
const inFlight = new Set<string>();

const JOURNAL_ACCESS: Readonly<Record<DmpAccess['mode'], string>> = {
  normal: 'NORMAL',
  bris_de_glace: 'BRIS_DE_GLACE',
  centre_15: 'CENTRE_15',
};

function localMidnight(day: string): Date {
  return new Date(`${day}T00:00:00`);
}

export class ImportService {
  readonly registry: ImportRegistry;
  readonly followed: FollowedPatients;
  private readonly journal: AuditJournal;
  private readonly now: () => Date;

  constructor(private readonly opts: ImportServiceOptions) {
    this.now = opts.now ?? (() => new Date());
    this.registry = new ImportRegistry(opts.db, this.now);
    this.followed = new FollowedPatients(opts.db, this.now);
    this.journal = new AuditJournal(opts.db, this.now);
  }

  get settings(): ImportSettings {
    return this.opts.settings;
  }

  /** Whether a DMP session is there right now. */
  available(): boolean {
    return this.opts.connection() !== undefined;
  }

  /** Imports the selected documents not imported yet. Throws when the DMP cannot be listed. */
  async importDocuments(
    patient: Ins,
    selection: ImportSelection,
    access: DmpAccess = { mode: 'normal' },
  ): Promise<ImportResult> {
    const connection = this.opts.connection();
    if (connection === undefined) throw importUnavailable();
    const patientRef = patientReference(this.opts.patientKey, patient.matricule);
    let listed: DmpDocument[];
    try {
      listed = await this.list(connection.client, patient, selection, access);
    } catch (error) {
      this.record(connection, patientRef, access, failureOf(error).code, {}, 'TD3.1');
      throw error;
    }
    // Every DMP call is journaled: the listing (TD3.1), then each document (TD3.2 + file).
    this.record(connection, patientRef, access, 'success', { count: listed.length }, 'TD3.1');
    const result: ImportResult = { imported: [], skipped: [], failed: [] };
    if ('uniqueIds' in selection) {
      for (const uniqueId of new Set(selection.uniqueIds)) {
        if (listed.some((d) => d.uniqueId === uniqueId)) continue;
        const { code, message } = failureOf(documentNotFound(uniqueId));
        result.failed.push({ uniqueId, code, message });
      }
    }
    for (const document of listed) {
      const outcome = await this.importOne(connection, patient, patientRef, document, access);
      if (outcome.kind === 'imported') {
        result.imported.push({ uniqueId: document.uniqueId, fileName: outcome.fileName });
      } else if (outcome.kind === 'skipped') {
        result.skipped.push({ uniqueId: document.uniqueId, reason: outcome.reason });
      } else {
        result.failed.push({
          uniqueId: document.uniqueId,
          code: outcome.code,
          message: outcome.message,
        });
      }
    }
    return result;
  }

  /** Starts (true) or stops (false) importing the patient's new documents automatically. */
  follow(patient: Ins, follow: boolean): { followed: boolean } {
    if (follow) this.followed.follow(patient.oid, patient.matricule);
    else this.followed.unfollow(patient.oid, patient.matricule);
    return { followed: follow };
  }

  listFollowed(): FollowedPatient[] {
    return this.followed.list();
  }

  private async list(
    client: ImportDmpClient,
    patient: Ins,
    selection: ImportSelection,
    access: DmpAccess,
  ): Promise<DmpDocument[]> {
    let documents: readonly DmpDocument[];
    if ('submittedSince' in selection) {
      documents = (await client.findDocumentsSince(patient, selection.submittedSince, access))
        .documents;
    } else {
      documents = await client.findDocuments(patient, access, {
        // A document asked for by its uniqueId may have been archived meanwhile: still the
        // user's to import. Otherwise approved documents only (the current versions).
        statuses: 'uniqueIds' in selection ? ['approved', 'archived'] : ['approved'],
        followReplacements: false,
        ...('since' in selection ? { creationFrom: localMidnight(selection.since) } : {}),
      });
    }
    const wanted = 'uniqueIds' in selection ? new Set(selection.uniqueIds) : undefined;
    const seen = new Set<string>();
    return documents.filter((d) => {
      if (seen.has(d.uniqueId) || (wanted !== undefined && !wanted.has(d.uniqueId))) return false;
      seen.add(d.uniqueId);
      return true;
    });
  }

  private async importOne(
    connection: ImportConnection,
    patient: Ins,
    patientRef: string,
    document: DmpDocument,
    access: DmpAccess,
  ): Promise<DocumentOutcome> {
    const uniqueId = document.uniqueId;
    const done = this.registry.get(uniqueId);
    if (done?.state === 'done') return alreadyImported(done.fileName);
    if (inFlight.has(uniqueId)) return { kind: 'skipped', reason: 'Import déjà en cours.' };
    inFlight.add(uniqueId);
    let claimed = false;
    try {
      const { settings } = this.opts;
      const proposed = importFileName(
        settings.namePattern,
        {
          ins: patient.matricule,
          date: document.creationTime ?? '',
          type: document.typeCode.displayName ?? document.typeCode.code,
          title: document.title ?? '',
          uniqueId,
        },
        contentExtension(new Uint8Array(0), document.mimeType),
      );
      const claim = this.registry.claim(uniqueId, patientRef, proposed);
      if (claim.status === 'already-imported') return alreadyImported(claim.fileName);
      claimed = true;
      const content = await connection.client.retrieveDocument(patient, document, access);
      const extension = contentExtension(content.bytes, content.mimeType);
      let written;
      try {
        written = await writeImportFile(
          settings.folder,
          withExtension(claim.fileName, extension),
          content.bytes,
        );
        if (settings.writeMetadata) {
          const metadata = importMetadataOf(document, patient, {
            fileName: written.fileName,
            mimeType: content.mimeType,
            bytes: content.bytes,
            sha256: written.sha256,
          });
          await writeImportFile(
            settings.folder,
            withExtension(written.fileName, '.json'),
            importMetadataBytes(metadata),
          );
        }
      } catch (error) {
        throw writeFailed(settings.folder, error);
      }
      if (written.fileName !== claim.fileName) {
        // Another extension (the content's), or a numbered name: the registry keeps the real one.
        this.registry.release(uniqueId);
        const again = this.registry.claim(uniqueId, patientRef, written.fileName);
        if (again.status === 'already-imported') {
          claimed = false;
          return alreadyImported(again.fileName);
        }
      }
      const fileName = written.fileName;
      const completed = this.completeClaim(uniqueId, written.sha256);
      claimed = false;
      if (!completed) return alreadyImported(fileName);
      // Not the file name: a name pattern with {ins} would put the INS in the journal.
      this.record(connection, patientRef, access, 'success', { uniqueId });
      return { kind: 'imported', fileName };
    } catch (error) {
      if (claimed) this.registry.release(uniqueId);
      const { code, message } = failureOf(error);
      this.opts.log?.warn('document import failed', { code });
      this.record(connection, patientRef, access, code, { uniqueId });
      return { kind: 'failed', code, message };
    } finally {
      inFlight.delete(uniqueId);
    }
  }

  /** False when another process completed the same claim first (the file is its). */
  private completeClaim(uniqueId: string, sha256: string): boolean {
    try {
      this.registry.complete(uniqueId, sha256);
      return true;
    } catch (error) {
      if (this.registry.get(uniqueId)?.state === 'done') return false;
      throw error;
    }
  }

  private record(
    connection: ImportConnection,
    patientRef: string,
    access: DmpAccess,
    result: string,
    details: Readonly<Record<string, string | number>>,
    transaction = 'import',
  ): void {
    try {
      this.journal.append({
        actor: connection.actor,
        structure: connection.structure,
        transaction,
        accessMode: JOURNAL_ACCESS[access.mode],
        result,
        patientRef,
        details: { ...details },
      });
    } catch (error) {
      // The file and the registry already say what happened; a journal failure must not undo it.
      this.opts.log?.error('audit journal append failed', {
        transaction,
        error: String(error),
      });
    }
  }
}

function alreadyImported(fileName: string): DocumentOutcome {
  return { kind: 'skipped', reason: `Déjà importé (fichier « ${fileName} »).` };
}
