// TD3.1b: one document's registry entry from its uniqueId (IHE ITI-18 GetDocuments by
// $XDSDocumentEntryUniqueId, LeafClass; DMP-INTERFACE §6). Feeding software uses it to find the
// entryUUID a replacement (RPLC) or a metadata update must target, and to learn whether a lot
// whose answer was lost did reach the registry. The query runs in the patient's context (the
// VIHF names the patient), and an entry about another patient is never returned.
import { isNavetteError } from '../../domain/errors/NavetteError.js';
import { sameIns, type Ins } from '../../domain/ins/ins.js';
import { insFromCx } from '../../domain/ins/insCx.js';
import type { TransportAbortSignal } from '../../domain/ports/HttpsTransport.js';
import {
  DOCUMENT_STATUSES,
  RegistryResponseError,
  buildAdhocQueryRequest,
  parseAdhocQueryResponse,
  type AdhocQueryResponse,
  type DocumentEntry,
} from '../../protocol/xds/index.js';
import type { DmpCall } from '../call/DmpCall.js';
import { DmpResponseError } from '../errors/DmpError.js';
import type { DmpAccess } from '../vihf/VihfContext.js';

export interface FindDocumentInput {
  readonly ins: Ins;
  /** `root` or `root^extension`, as the CDA id gives it. */
  readonly uniqueId: string;
  readonly access: DmpAccess;
  readonly timeoutMs?: number;
  readonly signal?: TransportAbortSignal;
}

function answerOf(bodyXml: string): AdhocQueryResponse {
  try {
    return parseAdhocQueryResponse(bodyXml);
  } catch (error: unknown) {
    throw new DmpResponseError(
      'DMP_RESPONSE_INVALID',
      `La réponse du DMP à la recherche du document est illisible (${isNavetteError(error) ? error.code : 'contenu inattendu'}). Réessayez plus tard.`,
      { retryable: true, details: { transaction: 'TD3.1b' }, cause: error },
    );
  }
}

function aboutPatient(entry: DocumentEntry, ins: Ins): boolean {
  try {
    return sameIns(insFromCx(entry.patientId), ins);
  } catch {
    return false;
  }
}

/**
 * The registry entry with this uniqueId in the patient's DMP, or undefined when the DMP has none
 * the caller may see. Several entries (metadata versions) give the Approved one first.
 */
export async function findDocumentByUniqueId(
  call: DmpCall,
  input: FindDocumentInput,
): Promise<DocumentEntry | undefined> {
  const reply = await call.invoke({
    operation: 'registryStoredQuery',
    bodyXml: buildAdhocQueryRequest({
      query: { kind: 'GetDocuments', uniqueIds: [input.uniqueId] },
    }),
    patient: input.ins,
    access: input.access,
    ...(input.timeoutMs === undefined ? {} : { timeoutMs: input.timeoutMs }),
    ...(input.signal === undefined ? {} : { signal: input.signal }),
  });
  const answer = answerOf(reply.envelope.bodyXml);
  if (answer.status === 'Failure') throw new RegistryResponseError(answer);
  const matching = answer.documentEntries.filter((e) => e.uniqueId === input.uniqueId);
  if (matching.some((e) => !aboutPatient(e, input.ins))) {
    // Identity vigilance: an answer about another patient is never shown or used.
    throw new DmpResponseError(
      'DMP_RESPONSE_MISMATCH',
      "La réponse du DMP concerne un autre patient que celui demandé : elle n'est pas utilisée. " +
        "Contactez l'assistance si le problème persiste.",
      { retryable: false, details: { transaction: 'TD3.1b' } },
    );
  }
  return matching.find((e) => e.status === DOCUMENT_STATUSES.Approved) ?? matching[0];
}
