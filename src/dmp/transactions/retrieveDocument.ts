// TD3.2: one document's content (IHE ITI-43 Retrieve Document Set to the repository service;
// DMP-INTERFACE §6). The answer is MTOM, faults included (DmpCall reads both); the bytes come
// from the MTOM part the xop:Include names, or inline base64 from a non-MTOM sender. The
// repositoryUniqueId comes from the TD3.1 metadata, never from a constant (§7.2). When the
// metadata gave a hash or a size, the bytes are checked against them: a document that does not
// match what the registry says is not shown.
import { createHash } from 'node:crypto';
import { isNavetteError } from '../../domain/errors/NavetteError.js';
import type { Ins } from '../../domain/ins/ins.js';
import type { TransportAbortSignal } from '../../domain/ports/HttpsTransport.js';
import {
  RegistryResponseError,
  buildRetrieveDocumentSetRequest,
  parseRetrieveDocumentSetResponse,
  type RetrieveDocumentSetResponse,
} from '../../protocol/xds/index.js';
import type { DmpCall, DmpReply } from '../call/DmpCall.js';
import { DmpError, DmpResponseError } from '../errors/DmpError.js';
import type { DmpAccess } from '../vihf/VihfContext.js';

/** What TD3.2 needs of a TD3.1 document (a DmpDocument fits). */
export interface DocumentToRetrieve {
  readonly uniqueId: string;
  readonly repositoryUniqueId: string | undefined;
  /** SHA-1 hex from the metadata: checked when given. */
  readonly hash?: string | undefined;
  readonly size?: number | undefined;
}

export interface RetrievedContent {
  readonly uniqueId: string;
  readonly repositoryUniqueId: string;
  readonly mimeType: string;
  readonly bytes: Uint8Array;
}

export interface RetrieveDocumentInput {
  readonly ins: Ins;
  readonly document: DocumentToRetrieve;
  readonly access: DmpAccess;
  readonly timeoutMs?: number;
  readonly signal?: TransportAbortSignal;
}

const TD = { transaction: 'TD3.2' };

function parsed(bodyXml: string): RetrieveDocumentSetResponse {
  try {
    return parseRetrieveDocumentSetResponse(bodyXml);
  } catch (error: unknown) {
    throw new DmpResponseError(
      'DMP_RESPONSE_INVALID',
      `La réponse du DMP à la consultation du document est illisible (${isNavetteError(error) ? error.code : 'contenu inattendu'}). Réessayez plus tard.`,
      { retryable: true, details: TD, cause: error },
    );
  }
}

function refusal(answer: RetrieveDocumentSetResponse, uniqueId: string): Error {
  const errors = answer.errors.filter((e) => e.location === undefined || e.location === uniqueId);
  const first = errors[0] ?? answer.errors[0];
  const said =
    first === undefined ? '' : ` Réponse du DMP : « ${first.codeContext.slice(0, 300)} ».`;
  if (first !== undefined && /AccessDenied/i.test(first.errorCode)) {
    return new DmpError(
      'DMP_DOCUMENT_UNAVAILABLE',
      `Le DMP refuse de vous transmettre ce document (droits d'accès : document masqué, mode d'accès ou profil).${said}`,
      { retryable: false, details: { ...TD, errorCode: first.errorCode, access: 'denied' } },
    );
  }
  if (first === undefined || first.errorCode === 'XDSDocumentUniqueIdError') {
    return new DmpError(
      'DMP_DOCUMENT_UNAVAILABLE',
      `Le DMP ne trouve pas ce document : il a peut-être été supprimé ou remplacé. Relancez la recherche.${said}`,
      { retryable: false, details: { ...TD, errorCode: first?.errorCode } },
    );
  }
  return new RegistryResponseError(answer);
}

function bytesOf(reply: DmpReply, doc: RetrieveDocumentSetResponse['documents'][number]) {
  if (doc.inline !== undefined) return doc.inline;
  const strip = (id: string | undefined) => id?.replace(/^<|>$/g, '');
  const part = reply.attachments.find((a) => strip(a.contentId) === strip(doc.contentId));
  if (part === undefined) {
    throw new DmpResponseError(
      'DMP_RESPONSE_INVALID',
      'La réponse du DMP annonce le document mais ne contient pas son contenu. Réessayez.',
      { retryable: true, details: { ...TD, contentId: doc.contentId } },
    );
  }
  return part.data;
}

function check(bytes: Uint8Array, expected: DocumentToRetrieve): void {
  const sizeWrong = expected.size !== undefined && expected.size !== bytes.byteLength;
  const hashWrong =
    expected.hash !== undefined &&
    createHash('sha1').update(bytes).digest('hex') !== expected.hash.toLowerCase();
  if (sizeWrong || hashWrong) {
    throw new DmpResponseError(
      'DMP_RESPONSE_INVALID',
      "Le contenu reçu du DMP ne correspond pas à l'empreinte enregistrée pour ce document : il n'est pas affiché. Réessayez ; contactez l'assistance si le problème persiste.",
      { retryable: true, details: { ...TD, size: bytes.byteLength, sizeWrong, hashWrong } },
    );
  }
}

export async function retrieveDocument(
  call: DmpCall,
  input: RetrieveDocumentInput,
): Promise<RetrievedContent> {
  const { document } = input;
  const repositoryUniqueId = document.repositoryUniqueId;
  if (repositoryUniqueId === undefined || repositoryUniqueId === '') {
    throw new DmpError(
      'DMP_DOCUMENT_UNAVAILABLE',
      "Le DMP n'a pas indiqué où lire ce document (entrepôt inconnu) : relancez la recherche.",
      { retryable: false, details: TD },
    );
  }
  const reply = await call.invoke({
    operation: 'retrieveDocumentSet',
    bodyXml: buildRetrieveDocumentSetRequest([
      { repositoryUniqueId, documentUniqueId: document.uniqueId },
    ]),
    patient: input.ins,
    access: input.access,
    ...(input.timeoutMs === undefined ? {} : { timeoutMs: input.timeoutMs }),
    ...(input.signal === undefined ? {} : { signal: input.signal }),
  });
  const answer = parsed(reply.envelope.bodyXml);
  const doc = answer.documents.find((d) => d.documentUniqueId === document.uniqueId);
  if (answer.status === 'Failure' || doc === undefined) throw refusal(answer, document.uniqueId);
  const bytes = bytesOf(reply, doc);
  check(bytes, document);
  return {
    uniqueId: doc.documentUniqueId,
    repositoryUniqueId: doc.repositoryUniqueId,
    mimeType: doc.mimeType,
    bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
  };
}
