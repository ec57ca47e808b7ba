// The DocumentSender port on the DMP client (docs/dmp-client.md, "Sending a document"). One
// attempt: the document's metadata (what the checks learnt about these bytes, or the CDA read
// again: its DocumentEntry, patient, replaced version); TD0.2 (closed or missing DMP, blocked professional: refused before anything is sent);
// the replaced version's entryUUID by TD3.1b; the lot signed by the session's signer (card
// SIGNATURE key, or ORG SIGN); TD2.1. A duplicate uniqueId is accepted when the registered
// document is ours (same patient, same SHA-1). Neither method throws: every error is an outcome,
// and mayHaveReachedServer is true only when the lot may have been registered.
import type { CheckedDocuments } from '../documents/CheckedDocuments.js';
import { CLOSED, REFUSE_FIX, outcomeOfError, refused, type Stage } from './sendOutcomes.js';
import {
  DmpResponseError,
  SUBMISSION_FIXES,
  signLot,
  submissionSetFor,
  type DmpClient,
} from '../../dmp/index.js';
import { isNavetteError } from '../../domain/errors/NavetteError.js';
import type { Ins } from '../../domain/ins/ins.js';
import { insFromCx } from '../../domain/ins/insCx.js';
import type {
  DocumentSender,
  LookupOutcome,
  OutgoingDocument,
  SendAbortSignal,
  SendOutcome,
  SendReceipt,
} from '../../domain/ports/DocumentSender.js';
import type { Logger } from '../../domain/ports/Logger.js';
import type { SignatureAlgorithm, XmlSigner } from '../../domain/ports/XmlSigner.js';
import { cdaToDocumentEntry, readCda } from '../../protocol/cda/index.js';
import { replacedUniqueId } from '../../protocol/cda/cdaHeaderValues.js';
import {
  DOCUMENT_STATUSES,
  RegistryResponseError,
  documentHashAndSize,
  documentStatusOf,
  type DocumentEntry,
  type DocumentEntryInput,
  type XdsCode,
} from '../../protocol/xds/index.js';

export interface DmpDocumentSenderOptions {
  readonly client: DmpClient;
  /** The lot signature key: the session's signer (card SIGNATURE key, or ORG SIGN). */
  readonly signer: XmlSigner;
  /** Lot signature algorithm (dmp.signatureAlgorithm; default rsa-sha256). */
  readonly signatureAlgorithm?: SignatureAlgorithm;
  /** XDSSubmissionSet.sourceId: Navette's OID (default DEFAULT_SOURCE_ID, UNCONFIRMED). */
  readonly sourceId?: string;
  /** Forces the submission set's contentTypeCode (default: contentTypeCodeFor the document). */
  readonly contentTypeCode?: XdsCode;
  /** TD0.2 before each TD2.1 (default true). */
  readonly checkDmpStatus?: boolean;
  /** Largest document read, in bytes (default readCda's 100 MB). */
  readonly maxDocumentBytes?: number;
  /** IANA zone of CDA times written without offset (default Europe/Paris). */
  readonly timeZone?: string;
  readonly now?: () => Date;
  readonly logger?: Logger;
  /** What the checks of this process learnt about the documents (skips reading them again). */
  readonly checked?: CheckedDocuments;
}

interface Prepared {
  readonly ins: Ins;
  readonly entry: DocumentEntryInput;
  readonly hash: string;
  readonly size: number;
  /** uniqueId of the version this document replaces (relatedDocument RPLC). */
  readonly parentUniqueId?: string;
}

export class DmpDocumentSender implements DocumentSender {
  private readonly client: DmpClient;
  private readonly options: DmpDocumentSenderOptions;
  private readonly now: () => Date;
  /**
   * What `prepare` read, by attempt (the document object the worker hands over): reading a CDA
   * costs ~15 ms per MB, and the journal asks for the patient of the same attempt afterwards.
   */
  private readonly prepared = new WeakMap<OutgoingDocument, Prepared>();

  constructor(options: DmpDocumentSenderOptions) {
    this.client = options.client;
    this.options = options;
    this.now = options.now ?? (() => new Date());
  }

  /** The document's metadata from its own bytes, or the refusal that says why it cannot go. */
  private prepare(document: OutgoingDocument): Prepared | SendOutcome {
    const known = this.prepared.get(document);
    if (known !== undefined) return known;
    const prepared = this.read(document);
    if (!('kind' in prepared)) this.prepared.set(document, prepared);
    return prepared;
  }

  /**
   * The patient of a document this sender was given, read once per attempt (undefined when the
   * document cannot be read): for the audit journal, which must not parse the CDA again.
   */
  patientOf(document: OutgoingDocument): Ins | undefined {
    const prepared = this.prepare(document);
    return 'kind' in prepared ? undefined : prepared.ins;
  }

  /**
   * The checks' facts about these very bytes (the outbox compared their content hash before this
   * attempt), when they apply to this attempt: same uniqueId, visibility and size.
   */
  private recall(document: OutgoingDocument): Prepared | undefined {
    // A PDF's CDA is the payload the outbox kept, not what a later check built (CheckedDocuments).
    if (document.kind === 'pdf') return undefined;
    const facts = this.options.checked?.recall(document.contentHash);
    if (facts === undefined) return undefined;
    const { entry } = facts;
    if (
      facts.uniqueId !== document.uniqueId ||
      entry.uniqueId !== document.uniqueId ||
      JSON.stringify(facts.visibility) !== JSON.stringify(document.visibility) ||
      entry.hash === undefined ||
      entry.size !== document.bytes.byteLength
    ) {
      return undefined;
    }
    try {
      return {
        ins: insFromCx(entry.patientId),
        entry,
        hash: entry.hash,
        size: entry.size,
        ...(facts.replacedUniqueId === undefined ? {} : { parentUniqueId: facts.replacedUniqueId }),
      };
    } catch {
      return undefined;
    }
  }

  private read(document: OutgoingDocument): Prepared | SendOutcome {
    const recalled = this.recall(document);
    if (recalled !== undefined) return recalled;
    const read = readCda(
      document.bytes,
      this.options.maxDocumentBytes === undefined
        ? {}
        : { maxBytes: this.options.maxDocumentBytes },
    );
    if (!read.ok) return refused(read.problem.message, read.problem.fix, read.problem.code);
    const mapped = cdaToDocumentEntry(read.document, {
      bytes: document.bytes,
      ...(document.visibility === undefined ? {} : { visibility: document.visibility }),
      ...(this.options.timeZone === undefined ? {} : { timeZone: this.options.timeZone }),
    });
    const entry = mapped.entry;
    if (entry === undefined) {
      const first = mapped.problems[0];
      return first !== undefined
        ? refused(first.message, first.fix, first.code)
        : refused(
            `Le document ne donne pas toutes les informations exigées par le DMP (${mapped.missing.join(', ')}).`,
            REFUSE_FIX,
            'SEND_METADATA_INCOMPLETE',
          );
    }
    if (entry.uniqueId !== document.uniqueId) {
      return refused(
        'L’identifiant du document ne correspond plus à celui enregistré lors de sa vérification.',
        'Déposez à nouveau le document.',
        'SEND_UNIQUE_ID_MISMATCH',
      );
    }
    const parentUniqueId = replacedUniqueId(read.document.root);
    // cdaToDocumentEntry hashed these very bytes already (SHA-1 of 20 MB: ~30 ms).
    const { hash, size } =
      entry.hash !== undefined && entry.size !== undefined
        ? { hash: entry.hash, size: entry.size }
        : documentHashAndSize(document.bytes);
    try {
      return {
        ins: insFromCx(entry.patientId),
        entry,
        hash,
        size,
        ...(parentUniqueId === undefined ? {} : { parentUniqueId }),
      };
    } catch (error: unknown) {
      return outcomeOfError(error, 'before-submit');
    }
  }

  /** Ours: the same patient (findDocument guarantees it) and the same bytes. */
  private isOurs(found: DocumentEntry, prepared: Prepared): boolean {
    if (found.hash !== undefined) return found.hash.toLowerCase() === prepared.hash;
    // Without a hash, the size is the only content fact; without either, nothing proves it.
    return found.size !== undefined && found.size === prepared.size;
  }

  /** TD3.1b in the document's patient context. */
  private lookup(prepared: Prepared, uniqueId: string, signal?: SendAbortSignal) {
    return this.client.findDocumentByUniqueId(prepared.ins, uniqueId, signal ? { signal } : {});
  }

  /** The receipt of a document found registered (reconciliation). */
  private receiptOf(found: DocumentEntry, dmpStatus?: string): SendReceipt {
    return {
      entryUuid: found.entryUuid,
      ...(dmpStatus === undefined ? {} : { dmpStatus }),
      details: { reconciled: true, status: documentStatusOf(found.status) ?? 'inconnu' },
    };
  }

  /** After XDSDuplicateUniqueIdInRegistry: ours → accepted, anything else → refused. */
  private async duplicate(
    prepared: Prepared,
    signal: SendAbortSignal | undefined,
    dmpStatus: string | undefined,
  ): Promise<SendOutcome> {
    let found: DocumentEntry | undefined;
    try {
      found = await this.lookup(prepared, prepared.entry.uniqueId, signal);
    } catch (error: unknown) {
      if (!(error instanceof DmpResponseError && error.code === 'DMP_RESPONSE_MISMATCH')) {
        // The lot was refused, so nothing was registered: the next attempt can safely resend.
        return outcomeOfError(error, 'before-submit');
      }
    }
    if (found !== undefined && this.isOurs(found, prepared))
      return { kind: 'accepted', receipt: this.receiptOf(found, dmpStatus) };
    return refused(
      `Un autre document portant le même identifiant (${prepared.entry.uniqueId}) existe déjà dans le DMP : ce document-ci n’a pas été déposé.`,
      'Si c’est une nouvelle version, donnez-lui un nouvel identifiant et le lien de remplacement (relatedDocument RPLC) vers l’ancienne ; sinon, vérifiez que le document ne concerne pas un autre patient.',
      'DMP_DUPLICATE_UNIQUE_ID',
    );
  }

  /** TD3.1b on the replaced version: its entryUUID, or the outcome that stops the attempt. */
  private async parentOf(
    prepared: Prepared,
    parentUniqueId: string,
    signal: SendAbortSignal | undefined,
    dmpStatus: string | undefined,
  ): Promise<string | SendOutcome> {
    const parent = await this.lookup(prepared, parentUniqueId, signal);
    if (parent?.status === DOCUMENT_STATUSES.Approved) return parent.entryUuid;
    // Already replaced: perhaps by this very document, in an attempt whose answer was lost.
    const own = parent && (await this.lookup(prepared, prepared.entry.uniqueId, signal));
    if (own !== undefined && this.isOurs(own, prepared))
      return { kind: 'accepted', receipt: this.receiptOf(own, dmpStatus) };
    return parent === undefined
      ? refused(
          `Ce document remplace une version (${parentUniqueId}) introuvable dans le DMP du patient.`,
          'Envoyez d’abord la version précédente, ou retirez le lien de remplacement (relatedDocument) pour en faire un nouveau document.',
          'SEND_REPLACED_NOT_FOUND',
        )
      : refused(
          `La version que ce document remplace (${parentUniqueId}) n’est plus active dans le DMP (${documentStatusOf(parent.status) ?? 'statut inconnu'}).`,
          SUBMISSION_FIXES.DMP_DOCUMENT_ALREADY_REPLACED ?? REFUSE_FIX,
          'DMP_DOCUMENT_ALREADY_REPLACED',
        );
  }

  /** TD0.2: the DMP's status, or the refusal when it cannot take documents. */
  private async checkDmp(prepared: Prepared): Promise<string | SendOutcome | undefined> {
    if (this.options.checkDmpStatus === false) return undefined;
    const dmp = await this.client.testExistence(prepared.ins);
    if (dmp.status === 'FERME') return CLOSED;
    if (dmp.status === 'INEXISTANT') {
      return refused(
        'Ce patient n’a pas de DMP : le document ne peut pas y être déposé.',
        'Vérifiez l’INS du patient. Le document pourra être déposé à nouveau quand le patient aura activé son profil Mon Espace Santé.',
        'DMP_NOT_FOUND',
      );
    }
    if (dmp.authorization === 'INTERDIT') {
      return refused(
        'Le patient a bloqué votre accès à son DMP : le document ne peut pas y être déposé.',
        'Informez le patient : lui seul peut lever ce blocage depuis Mon Espace Santé.',
        'DMP_ACCESS_BLOCKED',
      );
    }
    return dmp.status;
  }

  async send(document: OutgoingDocument, signal?: SendAbortSignal): Promise<SendOutcome> {
    const outcome = await this.attempt(document, signal);
    // Registered or refused: this document will not be prepared again by this process.
    if (outcome.kind !== 'failed') this.options.checked?.forget(document.contentHash);
    return outcome;
  }

  private async attempt(
    document: OutgoingDocument,
    signal?: SendAbortSignal,
  ): Promise<SendOutcome> {
    const prepared = this.prepare(document);
    if ('kind' in prepared) return prepared;
    let stage: Stage = 'before-submit';
    let dmpStatus: string | undefined;
    try {
      const checked = await this.checkDmp(prepared);
      if (typeof checked === 'object') return checked;
      dmpStatus = checked;
      let replaces: string | undefined;
      if (prepared.parentUniqueId !== undefined) {
        const parent = await this.parentOf(prepared, prepared.parentUniqueId, signal, dmpStatus);
        if (typeof parent === 'object') return parent;
        replaces = parent;
      }
      const time = this.now();
      const lot = await signLot({
        submissionSet: submissionSetFor(prepared.entry, {
          submissionTime: time,
          ...(this.options.sourceId === undefined ? {} : { sourceId: this.options.sourceId }),
          ...(this.options.contentTypeCode === undefined
            ? {}
            : { contentTypeCode: this.options.contentTypeCode }),
          ...(document.title === undefined ? {} : { title: document.title }),
        }),
        documents: [
          {
            entry: prepared.entry,
            content: document.bytes,
            ...(replaces === undefined ? {} : { replaces }),
          },
        ],
        signer: this.options.signer,
        signingTime: time,
        ...(this.options.signatureAlgorithm === undefined
          ? {}
          : { algorithm: this.options.signatureAlgorithm }),
      });
      stage = 'submit';
      const submitted = await this.client.submitDocuments(lot, signal ? { signal } : {});
      const entry = submitted.entries.find((e) => !e.isSignature);
      return {
        kind: 'accepted',
        receipt: {
          ...(entry === undefined ? {} : { entryUuid: entry.entryUuid }),
          ...(dmpStatus === undefined ? {} : { dmpStatus }),
          details: {
            submissionSetUniqueId: submitted.submissionSetUniqueId,
            ...(replaces === undefined ? {} : { replacedEntryUuid: replaces }),
            ...(submitted.warnings.length === 0 ? {} : { warnings: submitted.warnings.length }),
          },
        },
      };
    } catch (error: unknown) {
      if (error instanceof RegistryResponseError && error.code === 'DMP_DUPLICATE_UNIQUE_ID') {
        return this.duplicate(prepared, signal, dmpStatus);
      }
      this.log(document, stage, error);
      return outcomeOfError(error, stage);
    }
  }

  async findByUniqueId(
    uniqueId: string,
    document: OutgoingDocument,
    signal?: SendAbortSignal,
  ): Promise<LookupOutcome> {
    const prepared = this.prepare(document);
    // A document that cannot be read was never sent by this sender.
    if ('kind' in prepared) return { kind: 'absent' };
    try {
      const found = await this.lookup(prepared, uniqueId, signal);
      if (found === undefined || !this.isOurs(found, prepared)) return { kind: 'absent' };
      return { kind: 'found', receipt: this.receiptOf(found) };
    } catch (error: unknown) {
      this.log(document, 'before-submit', error);
      return isNavetteError(error)
        ? { kind: 'failed', reason: error.message, code: error.code }
        : {
            kind: 'failed',
            reason: 'Le DMP n’a pas pu être interrogé. Navette réessaiera.',
            code: 'SEND_UNEXPECTED',
          };
    }
  }

  private log(document: OutgoingDocument, stage: Stage, error: unknown): void {
    this.options.logger?.warn('dmp send failed', {
      item: document.itemId,
      attempt: document.attempt,
      stage,
      code: isNavetteError(error) ? error.code : 'unexpected',
    });
  }
}
