// The send path over an open DMP session (or none): the real document checks
// (CdaDocumentChecker), the DMP document sender and an audit journal entry for every DMP exchange,
// sharing what the checks learnt (CheckedDocuments). The service (startSending) and `navette send`
// build theirs here.
import type { Logger } from '../../domain/ports/Logger.js';
import { AuditJournal, type Database } from '../../store/index.js';
import type { NavetteConfig } from '../config/index.js';
import type { DmpSession } from '../dmp/index.js';
import {
  CdaDocumentChecker,
  cardHolderOf,
  sendingOrganizationOf,
} from '../documents/CdaDocumentChecker.js';
import { CheckedDocuments } from '../documents/CheckedDocuments.js';
import { documentCheckContext, loadCdaResources } from '../documents/cdaResources.js';
import { patientReferenceKey } from '../journal/patientKey.js';
import { DmpDocumentSender } from './DmpDocumentSender.js';
import { JournalledSender } from './JournalledSender.js';
import type { DocumentSender } from '../../domain/ports/DocumentSender.js';

export interface SendingPathOptions {
  readonly config: NavetteConfig;
  readonly db: Database;
  readonly dataDir: string;
  /** Undefined: no session (documents are checked, not sent). */
  readonly session?: DmpSession;
  readonly log?: Logger;
  readonly now?: () => Date;
  /** The checks' facts shared with an earlier path's checker (a session opened late). */
  readonly checked?: CheckedDocuments;
}

export interface SendingPath {
  readonly checker: CdaDocumentChecker;
  /** What the checker learnt, for the sender: give it to a later path that keeps this checker. */
  readonly checked: CheckedDocuments;
  /** Undefined without a session. */
  readonly sender?: DocumentSender;
  /** Frees the compiled schema. */
  dispose(): void;
}

/** The checker and the journalled DMP sender over an open session. */
export async function createSendingPath(opts: SendingPathOptions): Promise<SendingPath> {
  const { config, session } = opts;
  const resources = loadCdaResources();
  try {
    const holder = session === undefined ? undefined : await holderOfSession(session);
    const organization = sendingOrganizationOf(config.structure);
    const checked = opts.checked ?? new CheckedDocuments();
    const checker = new CdaDocumentChecker({
      checked,
      context: {
        ...documentCheckContext(resources, { maxSizeMb: config.documents.maxSizeMb }),
        ...(holder === undefined ? {} : { cardHolder: holder }),
        ...(organization === undefined ? {} : { organization }),
      },
      defaultVisibility: config.documents.defaultVisibility,
      ...(opts.now === undefined ? {} : { now: opts.now }),
    });
    const sender =
      session === undefined
        ? undefined
        : new JournalledSender(
            new DmpDocumentSender({
              client: session.client,
              signer: session.signer,
              signatureAlgorithm: config.dmp.signatureAlgorithm,
              maxDocumentBytes: config.documents.maxSizeMb * 1024 * 1024,
              checked,
              ...(opts.log === undefined ? {} : { logger: opts.log.child('sender') }),
            }),
            new AuditJournal(opts.db, opts.now ?? (() => new Date())),
            {
              actor: session.identity.context.subjectId,
              structure: session.identity.context.structureId,
            },
            patientReferenceKey(opts.dataDir),
            opts.log,
          );
    return {
      checker,
      checked,
      ...(sender === undefined ? {} : { sender }),
      dispose: () => resources.dispose(),
    };
  } catch (error) {
    resources.dispose();
    throw error;
  }
}

/** Never called while the worker is paused; answers "not now" should it be. */
/** The card holder of a session (the CDA author of PDFs), or the virtual card's. */
export async function holderOfSession(
  session: DmpSession,
): Promise<ReturnType<typeof cardHolderOf>> {
  const handle = session.card;
  return handle === undefined
    ? cardHolderOf(session.virtualHolder ?? null)
    : cardHolderOf((await handle.service.readCard(handle.handle)).holder);
}
