// TD3.3: managing a document already in the DMP (IHE ITI-57 Update Document Set; DMP-INTERFACE
// §6). Visibility changes (mask / unmask to other professionals, make visible to the patient)
// are a new metadata version with the changed confidentialityCode list; archive, unarchive and
// delete are an UpdateAvailabilityStatus association. The lot of the update names the
// document's patient and, as the official td3.3c/td3.3d samples do, the document's author as
// its author (UNCONFIRMED: what the DMP expects when the médecin traitant acts on another
// professional's document). Refusals come back in French: the DMP's rights (not the author,
// not in this access mode) and the document's state (already archived, changed meanwhile).
import { randomUUID } from 'node:crypto';
import { ACCESS_MODE_LABELS } from '../../domain/access/accessModes.js';
import { isNavetteError } from '../../domain/errors/NavetteError.js';
import type { Ins } from '../../domain/ins/ins.js';
import type { TransportAbortSignal } from '../../domain/ports/HttpsTransport.js';
import {
  availabilityChange,
  buildUpdateDocumentSetRequest,
  confidentialityCodesFor,
  documentStatusOf,
  parseRegistryResponse,
  toXdsDateTime,
  visibilityOfEntry,
  type AvailabilityAction,
  type DocumentEntry,
  type RegistryStatus,
  type UpdateDocumentSetInput,
} from '../../protocol/xds/index.js';
import type { DmpCall } from '../call/DmpCall.js';
import { statusOfEntry, type DmpDocumentStatus } from '../documents/DmpDocument.js';
import { DmpError, DmpResponseError, isDmpError } from '../errors/DmpError.js';
import type { DmpAccess } from '../vihf/VihfContext.js';
import { DEFAULT_SOURCE_ID, contentTypeCodeFor, freshOid } from './provideAndRegister.js';

export type DocumentAction =
  'mask' | 'unmask' | 'makeVisibleToPatient' | 'archive' | 'unarchive' | 'delete';

export const DOCUMENT_ACTIONS: readonly DocumentAction[] = [
  'mask',
  'unmask',
  'makeVisibleToPatient',
  'archive',
  'unarchive',
  'delete',
];

/** French infinitive of each action, for messages. */
const VERBS: Readonly<Record<DocumentAction, string>> = {
  mask: 'masquer ce document aux autres professionnels',
  unmask: 'démasquer ce document',
  makeVisibleToPatient: 'rendre ce document visible par le patient',
  archive: 'archiver ce document',
  unarchive: 'désarchiver ce document',
  delete: 'supprimer ce document',
};

/** Who may do what, in the user's words (PDT-INF-526 rows TD3.3a-d). */
const WHO: Readonly<Record<DocumentAction, string>> = {
  mask: 'un professionnel autorisé sur le DMP, en accès normal',
  unmask: "l'auteur du document ou le médecin traitant",
  makeVisibleToPatient: 'un professionnel autorisé sur le DMP, en accès normal',
  archive: "l'auteur du document ou le médecin traitant",
  unarchive: "l'auteur du document ou le médecin traitant",
  delete: "l'auteur du document (ou sa structure)",
};

export interface ManageDocumentInput {
  readonly ins: Ins;
  /** The document as TD3.1 returned it (its current version). */
  readonly entry: DocumentEntry;
  readonly action: DocumentAction;
  readonly access: DmpAccess;
  readonly now: Date;
  readonly sourceId?: string;
  readonly timeoutMs?: number;
  readonly signal?: TransportAbortSignal;
}

export interface DocumentActionResult {
  readonly action: DocumentAction;
  /** The document's entryUUID after the change (a visibility change makes a new version). */
  readonly entryUuid: string;
  readonly status: DmpDocumentStatus;
}

export class DmpDocumentActionError extends DmpError {
  override readonly name = 'DmpDocumentActionError';
}

function impossible(action: DocumentAction, why: string, details: Record<string, unknown> = {}) {
  return new DmpDocumentActionError(
    'DMP_DOCUMENT_ACTION_IMPOSSIBLE',
    `Impossible de ${VERBS[action]} : ${why}`,
    { retryable: false, details: { transaction: 'TD3.3', action, ...details } },
  );
}

/** The ITI-57 content of an action, or a French reason why it does not apply. */
function updateOf(
  input: ManageDocumentInput,
): Omit<UpdateDocumentSetInput, 'submissionSet'> & { newEntryUuid?: string } {
  const { entry, action } = input;
  if (action === 'archive' || action === 'unarchive' || action === 'delete') {
    const status = documentStatusOf(entry.status);
    if (status === undefined) throw impossible(action, 'le statut du document est inconnu.');
    try {
      return {
        statusUpdates: [availabilityChange(action as AvailabilityAction, entry.entryUuid, status)],
      };
    } catch (error: unknown) {
      throw impossible(action, `le document est au statut « ${statusOfEntry(entry)} ».`, {
        status,
        cause: isNavetteError(error) ? error.code : undefined,
      });
    }
  }
  const { visibility } = visibilityOfEntry(entry);
  const flag = action === 'makeVisibleToPatient' ? 'hiddenFromPatient' : 'hiddenFromProfessionals';
  const wanted = action === 'mask';
  if (visibility[flag] === wanted) {
    throw impossible(
      action,
      action === 'mask'
        ? 'il est déjà masqué.'
        : action === 'unmask'
          ? "il n'est pas masqué."
          : 'il est déjà visible par le patient.',
    );
  }
  if (statusOfEntry(entry) !== 'approved' && statusOfEntry(entry) !== 'archived') {
    throw impossible(action, `le document est au statut « ${statusOfEntry(entry)} ».`);
  }
  const newEntryUuid = `urn:uuid:${randomUUID()}`;
  return {
    metadataUpdates: [
      {
        entry,
        confidentialityCodes: confidentialityCodesFor({ ...visibility, [flag]: wanted }),
        newEntryUuid,
      },
    ],
    newEntryUuid,
  };
}

function refused(input: ManageDocumentInput, error: DmpError): DmpDocumentActionError {
  const { action, access } = input;
  const reason =
    access.mode === 'normal'
      ? `seul ${WHO[action]} peut le faire.`
      : `en ${ACCESS_MODE_LABELS[access.mode].toLowerCase()}, le DMP ne le permet pas (seul ${WHO[action]} peut le faire, en accès normal).`;
  return new DmpDocumentActionError(
    'DMP_DOCUMENT_ACTION_REFUSED',
    `Le DMP refuse de ${VERBS[action]} : ${reason}`,
    {
      retryable: false,
      details: { transaction: 'TD3.3', action, accessMode: access.mode, dmpCode: error.code },
      cause: error,
    },
  );
}

function rejected(input: ManageDocumentInput, answer: RegistryStatus): DmpDocumentActionError {
  const first = answer.errors[0];
  const said =
    first === undefined ? '' : ` Réponse du DMP : « ${first.codeContext.slice(0, 300)} ».`;
  if (first !== undefined && /AccessDenied/i.test(first.errorCode)) {
    return refused(
      input,
      new DmpError('DMP_ACCESS_DENIED', first.codeContext, { retryable: false }),
    );
  }
  return new DmpDocumentActionError(
    'DMP_DOCUMENT_ACTION_IMPOSSIBLE',
    `Le DMP n'a pas pu ${VERBS[input.action]} : le document a peut-être changé depuis votre recherche. Actualisez la liste puis recommencez.${said}`,
    {
      retryable: false,
      details: {
        transaction: 'TD3.3',
        action: input.action,
        errorCodes: answer.errors.map((e) => e.errorCode.slice(0, 80)),
      },
    },
  );
}

export async function manageDocument(
  call: DmpCall,
  input: ManageDocumentInput,
): Promise<DocumentActionResult> {
  const { entry } = input;
  const { newEntryUuid, ...update } = updateOf(input);
  const request = buildUpdateDocumentSetRequest({
    submissionSet: {
      uniqueId: freshOid(),
      sourceId: input.sourceId ?? DEFAULT_SOURCE_ID,
      patientId: entry.patientId,
      submissionTime: toXdsDateTime(input.now),
      contentTypeCode: contentTypeCodeFor(entry),
      authors: entry.authors.slice(0, 1),
      ...(entry.title === undefined ? {} : { title: entry.title }),
    },
    ...update,
  });
  let bodyXml: string;
  try {
    const reply = await call.invoke({
      operation: 'updateDocumentSet',
      bodyXml: request.xml,
      patient: input.ins,
      access: input.access,
      ...(input.timeoutMs === undefined ? {} : { timeoutMs: input.timeoutMs }),
      ...(input.signal === undefined ? {} : { signal: input.signal }),
    });
    bodyXml = reply.envelope.bodyXml;
  } catch (error: unknown) {
    if (isDmpError(error) && error.code === 'DMP_ACCESS_DENIED') throw refused(input, error);
    throw error;
  }
  let answer: RegistryStatus;
  try {
    answer = parseRegistryResponse(bodyXml);
  } catch (error: unknown) {
    throw new DmpResponseError(
      'DMP_RESPONSE_INVALID',
      "La réponse du DMP à la modification du document est illisible : vérifiez l'état du document (nouvelle recherche) avant de recommencer.",
      { retryable: false, details: { transaction: 'TD3.3', action: input.action }, cause: error },
    );
  }
  if (answer.status === 'Failure') throw rejected(input, answer);
  const status: DmpDocumentStatus =
    input.action === 'archive'
      ? 'archived'
      : input.action === 'unarchive'
        ? 'approved'
        : input.action === 'delete'
          ? 'deleted'
          : statusOfEntry(entry);
  return { action: input.action, entryUuid: newEntryUuid ?? entry.entryUuid, status };
}
