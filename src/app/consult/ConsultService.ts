// Consulting and managing one patient's DMP (issue 6): TD0.2 status, TD0.3 authorisation, TD0.4
// authorised patients, TD3.1 documents (first look, since a date, since the last visit), TD3.2
// display and TD3.3 management, for the local API, the desktop window and the CLI alike. Every
// DMP call is journaled (consultJournal.ts); the access mode is checked before any call
// (consultAccess.ts). Import and follow live in src/app/import.
import type {
  AuthorizationRequest,
  AuthorizedPatientsSchema,
  DocumentDisplay,
  DocumentList,
  DocumentRequest,
  DocumentSearchRequest,
  DocumentSummary,
  ManageRequest,
  PatientRequest,
  PatientStatus,
} from '../../api/consult.js';
import type { z } from 'zod';
import type { DmpAccess, DmpDocument, DocumentAction } from '../../dmp/index.js';
import { isNavetteError } from '../../domain/errors/NavetteError.js';
import { toDmpDocument } from '../../dmp/index.js';
import type { Ins } from '../../domain/ins/ins.js';
import type { Logger } from '../../domain/ports/Logger.js';
import type { XsltRenderer } from '../../domain/ports/XsltRenderer.js';
import { displayDataOf, type DisplayData } from '../../protocol/cda/displayData.js';
import {
  AuditJournal,
  ImportRegistry,
  patientReference,
  type Database,
} from '../../store/index.js';
import type { DmpExistence, DmpSession } from '../dmp/index.js';
import { checkReason, dmpAccessOf, type ConsultAccess } from './consultAccess.js';
import { ConsultError } from './ConsultError.js';
import { ConsultJournal, type ConsultTransaction, type JournalCall } from './consultJournal.js';
import { documentDisplayOf } from './documentDisplay.js';
import { documentQueryOf, TWO_YEARS_MS } from './documentQuery.js';
import { documentSummaryOf } from './documentSummary.js';
import { LastVisitCursors } from './lastVisit.js';
import { insOfRef, type PatientRef } from './patientRef.js';
import { patientStatusOf } from './patientStatus.js';

/** What the service needs of a DMP session. */
export type ConsultSession = Pick<DmpSession, 'client' | 'identity'>;

/** Gives the open session, or throws a ConsultError (CARD_ABSENT, PIN_REQUIRED…). */
export type ConsultSessionSource = () => Promise<ConsultSession>;

export interface ConsultServiceOptions {
  readonly session: ConsultSessionSource;
  readonly db: Database;
  /** The per-installation key of patient references (patientReferenceKey(dataDir)). */
  readonly patientKey: Uint8Array;
  readonly renderer: XsltRenderer;
  /** OID of a bare matricule without `oid` (NIR_TEST against the test DMP, NIR otherwise). */
  readonly defaultInsOid: string;
  readonly now?: () => Date;
  readonly log?: Logger;
}

/** A retrieved document: its metadata, its bytes, and what to show of it. */
export interface RetrievedDocument {
  readonly document: DocumentSummary;
  readonly bytes: Uint8Array;
  readonly mimeType: string;
  readonly display: DisplayData;
}

const API_TO_CLIENT_ACTION: Readonly<Record<ManageRequest['action'], DocumentAction>> = {
  mask: 'mask',
  unmask: 'unmask',
  'show-to-patient': 'makeVisibleToPatient',
  archive: 'archive',
  unarchive: 'unarchive',
  delete: 'delete',
};

const ACTION_DONE: Readonly<Record<ManageRequest['action'], string>> = {
  mask: 'Le document est désormais masqué aux autres professionnels de santé.',
  unmask: 'Le document est de nouveau visible par les professionnels de santé autorisés.',
  'show-to-patient': 'Le document est désormais visible par le patient.',
  archive: 'Le document est archivé.',
  unarchive: 'Le document est désarchivé.',
  delete: 'Le document est supprimé du DMP.',
};

export class ConsultService {
  private readonly journal: ConsultJournal;
  private readonly imports: ImportRegistry;
  private readonly cursors: LastVisitCursors;
  private readonly now: () => Date;

  constructor(private readonly opts: ConsultServiceOptions) {
    this.now = opts.now ?? (() => new Date());
    this.journal = new ConsultJournal(new AuditJournal(opts.db, this.now), opts.log);
    this.imports = new ImportRegistry(opts.db, this.now);
    this.cursors = new LastVisitCursors(opts.db, this.now);
  }

  /** TD0.2. */
  async patientStatus(request: PatientRequest): Promise<PatientStatus> {
    const call = await this.prepare(request.patient, request.access, 'TD0.2');
    return this.status(call);
  }

  /** TD0.2 with the DMP's full answer too (`navette status --json` shows every field). */
  async patientExistence(
    request: PatientRequest,
  ): Promise<{ ins: Ins; existence: DmpExistence; status: PatientStatus }> {
    const call = await this.prepare(request.patient, request.access, 'TD0.2');
    const existence = await this.existenceOf(call);
    return { ins: call.ins, existence, status: patientStatusOf(existence, call.apiMode) };
  }

  /** TD0.3 add (with the patient's consent, journaled) or remove, then TD0.2 for the new state. */
  async setAuthorization(
    request: AuthorizationRequest,
  ): Promise<{ action: 'add' | 'remove'; status: PatientStatus }> {
    const call = await this.prepare(request.patient, { mode: 'normal' }, 'TD0.3');
    const { session, ins } = call;
    if (request.action === 'add') {
      if ((request.patientConsented as unknown) !== true) {
        throw new ConsultError(
          'CONSULT_CONSENT_REQUIRED',
          "Pour vous autoriser sur ce DMP, confirmez d'abord que le patient y consent.",
        );
      }
      await this.journal.around(
        { ...call.entry, details: { action: 'add', patientConsented: true } },
        () => session.client.setAuthorization(ins, 'add', call.dmpAccess, true),
        (u) => ({ unchanged: u.unchanged }),
      );
    } else {
      const role = request.role === 'medecin-traitant' ? 'MEDECIN_TRAITANT' : undefined;
      await this.journal.around(
        { ...call.entry, details: { action: 'remove', ...(role === undefined ? {} : { role }) } },
        () =>
          session.client.setAuthorization(
            ins,
            'remove',
            call.dmpAccess,
            role === undefined ? {} : { role },
          ),
        (u) => ({ unchanged: u.unchanged }),
      );
    }
    return { action: request.action, status: await this.status({ ...call, transaction: 'TD0.2' }) };
  }

  /** TD0.4: patients the user is authorised on, with a document or an authorisation since `since`. */
  async authorizedPatients(query: {
    readonly since?: string | undefined;
  }): Promise<z.infer<typeof AuthorizedPatientsSchema>> {
    const session = await this.opts.session();
    const since =
      query.since === undefined
        ? new Date(this.now().getTime() - TWO_YEARS_MS)
        : `${query.since.replaceAll('-', '')}000000`;
    const entry = this.entryOf(session, 'TD0.4', null, { mode: 'normal' });
    const patients = await this.journal.around(
      entry,
      () => session.client.listAuthorizedPatients({ since }, 'normal'),
      (list) => ({ count: list.length }),
    );
    return {
      patients: patients.flatMap((p) =>
        p.ins === undefined
          ? []
          : [
              {
                ins: p.ins.matricule,
                oid: p.ins.oid,
                family: p.lastName ?? null,
                given: p.firstName ?? null,
                birthDate: p.birthDate ?? null,
                lastDocumentAt: p.lastDocumentDate ?? null,
                lastAuthorizationAt: p.lastAuthorizationDate ?? null,
              },
            ],
      ),
    };
  }

  /**
   * TD3.1 with TD0.2 at the same time: the list and the patient's status arrive together. The
   * status is informative: when TD0.2 fails, the list still comes (status null).
   */
  async documents(request: DocumentSearchRequest): Promise<DocumentList> {
    const call = await this.prepare(request.patient, request.access, 'TD3.1');
    const { session, ins } = call;
    const startedAt = this.now();
    const cursorKey = LastVisitCursors.keyOf(
      call.entry.actor,
      call.entry.structure,
      call.patientRef,
    );
    const lastVisit = request.since === 'last-visit' ? this.cursors.get(cursorKey) : undefined;
    const query = documentQueryOf(request, lastVisit, startedAt);
    // Both at once; both settled before answering, so a refused search never leaves TD0.2
    // running (and unjournaled) behind it.
    const [found, statusResult] = await Promise.allSettled([
      this.journal.around(
        call.entry,
        () => query.run(session.client, ins, call.dmpAccess),
        (d) => ({ count: d.length, since: query.since }),
      ),
      this.status({ ...call, transaction: 'TD0.2' }),
    ]);
    if (found.status === 'rejected') throw found.reason;
    const documents = found.value;
    // The status is informative: when TD0.2 fails, the list still comes (status null).
    const status = statusResult.status === 'fulfilled' ? statusResult.value : null;
    this.cursors.set(cursorKey, startedAt);
    return {
      documents: documents.map((d) => this.summaryOf(session, d)),
      scope: query.scope,
      status,
    };
  }

  /** TD3.1b to find the document, TD3.2 to fetch it, then what to display of it. */
  async retrieve(request: DocumentRequest): Promise<RetrievedDocument> {
    const call = await this.prepare(request.patient, request.access, 'TD3.2');
    const { session, ins } = call;
    const doc = await this.find(call, request.uniqueId);
    const content = await this.journal.around(
      { ...call.entry, details: { uniqueId: request.uniqueId } },
      () => session.client.retrieveDocument(ins, doc, call.dmpAccess),
      (c) => ({ mimeType: c.mimeType, bytes: c.bytes.byteLength }),
    );
    return {
      document: this.summaryOf(session, doc),
      bytes: content.bytes,
      mimeType: content.mimeType,
      display: displayDataOf(content.bytes, content.mimeType),
    };
  }

  /** TD3.2, shown: the PDF, or the CDA rendered to HTML by the ANS stylesheet. */
  async documentDisplay(request: DocumentRequest): Promise<DocumentDisplay> {
    const got = await this.retrieve(request);
    return documentDisplayOf(got, got.document.title, this.opts.renderer);
  }

  /** TD3.3 on one of the user's documents (found by uniqueId whatever its status). */
  async manage(request: ManageRequest): Promise<{
    action: ManageRequest['action'];
    document: DocumentSummary | null;
    message: string;
  }> {
    const call = await this.prepare(request.patient, { mode: 'normal' }, 'TD3.3');
    const { session, ins } = call;
    const doc = await this.find(call, request.uniqueId);
    const result = await this.journal.around(
      { ...call.entry, details: { uniqueId: request.uniqueId, action: request.action } },
      () =>
        session.client.manageDocument(
          ins,
          doc,
          API_TO_CLIENT_ACTION[request.action],
          call.dmpAccess,
        ),
      (r) => ({ status: r.status }),
    );
    const after = await session.client
      .findDocumentByUniqueId(ins, request.uniqueId, { access: call.dmpAccess })
      .catch(() => undefined);
    const summary =
      after === undefined
        ? { ...this.summaryOf(session, doc), status: result.status, entryUUID: result.entryUuid }
        : this.summaryOf(session, toDmpDocument(after));
    return { action: request.action, document: summary, message: ACTION_DONE[request.action] };
  }

  // ── internals ──────────────────────────────────────────────────────────────────────────────

  private async prepare(
    patient: PatientRef,
    access: ConsultAccess,
    transaction: ConsultTransaction,
  ): Promise<PreparedCall> {
    const ins = insOfRef(patient, this.opts.defaultInsOid);
    checkReason(access);
    const session = await this.opts.session();
    const patientRef = patientReference(this.opts.patientKey, ins.matricule);
    let dmpAccess: DmpAccess;
    try {
      dmpAccess = dmpAccessOf(access, session.identity.context);
    } catch (error) {
      // A refused emergency access is journaled too (who tried, for which patient, why).
      this.journal.append(
        this.entryOf(session, transaction, patientRef, {
          mode: 'bris_de_glace',
          ...(access.reason === undefined ? {} : { reason: access.reason.trim() }),
        }),
        isNavetteError(error) ? error.code : 'failure',
        {},
      );
      throw error;
    }
    return {
      session,
      ins,
      dmpAccess,
      apiMode: access.mode,
      patientRef,
      transaction,
      entry: this.entryOf(session, transaction, patientRef, dmpAccess),
    };
  }

  private entryOf(
    session: ConsultSession,
    transaction: ConsultTransaction,
    patientRef: string | null,
    access: JournalCall['access'],
  ): JournalCall {
    return {
      transaction,
      actor: session.identity.context.subjectId,
      structure: session.identity.context.structureId,
      patientRef,
      access,
    };
  }

  private status(call: PreparedCall): Promise<PatientStatus> {
    return this.existenceOf(call).then((s) => patientStatusOf(s, call.apiMode));
  }

  private existenceOf(call: PreparedCall): Promise<DmpExistence> {
    return this.journal.around(
      { ...call.entry, transaction: 'TD0.2' },
      () => call.session.client.testExistence(call.ins, call.dmpAccess),
      (s) => ({ dmp: s.status, authorization: s.authorization }),
    );
  }

  /** TD3.1b (journaled as TD3.1): the document by uniqueId, current version first. */
  private async find(call: PreparedCall, uniqueId: string): Promise<DmpDocument> {
    const entry = await this.journal.around(
      { ...call.entry, transaction: 'TD3.1', details: { uniqueId, query: 'GetDocuments' } },
      () =>
        call.session.client.findDocumentByUniqueId(call.ins, uniqueId, { access: call.dmpAccess }),
      (e) => ({ found: e !== undefined }),
    );
    if (entry === undefined) {
      throw new ConsultError(
        'CONSULT_DOCUMENT_NOT_FOUND',
        "Ce document n'est pas dans le DMP de ce patient, ou vous n'avez pas le droit de le voir.",
        { uniqueId },
      );
    }
    return toDmpDocument(entry);
  }

  private summaryOf(session: ConsultSession, doc: DmpDocument): DocumentSummary {
    return documentSummaryOf(doc, {
      callerId: session.identity.context.subjectId,
      isImported: (id) => this.imports.get(id) !== undefined,
    });
  }
}

interface PreparedCall {
  readonly session: ConsultSession;
  readonly ins: Ins;
  readonly dmpAccess: ReturnType<typeof dmpAccessOf>;
  readonly apiMode: ConsultAccess['mode'];
  readonly patientRef: string;
  readonly transaction: ConsultTransaction;
  readonly entry: JournalCall;
}
