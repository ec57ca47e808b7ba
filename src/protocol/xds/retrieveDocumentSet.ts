// ITI-43 Retrieve Document Set (TD3.2): request builder (client) and reader (test server),
// response builder (test server) and reader (client). Official samples:
// td3.2-consultation-d-un-document.{request,response}.xml. The document bytes never sit in the
// XML: each DocumentResponse holds an xop:Include whose cid: names an MTOM part (the MTOM layer
// carries the bytes; the DMP answers as MTOM even for errors). A non-MTOM sender's inline
// base64 is still read.
import { Buffer } from 'node:buffer';
import { attr, child, childText, children, text } from '../hl7v3/xmlTree.js';
import { contentIdFromHref, newContentId, xopIncludeXml } from '../mtom/index.js';
import { escapeXml } from '../xml/parse.js';
import { payloadInvalid } from './XdsError.js';
import { definedOnly } from './definedOnly.js';
import {
  readRegistryStatus,
  registryErrorListXml,
  registryStatusAttributes,
  type RegistryStatus,
  type RegistryStatusInput,
} from './registryResponse.js';
import { locateXdsPayload, type XdsInput } from './rimReader.js';
import { RS_NS, XDSB_NS } from './xdsConstants.js';

export interface DocumentReference {
  /** repositoryUniqueId from the TD3.1 metadata (never hard-coded: DMP-INTERFACE §7.2). */
  readonly repositoryUniqueId: string;
  /** The document's uniqueId (not its entryUUID). */
  readonly documentUniqueId: string;
  readonly homeCommunityId?: string;
}

function referenceXml(r: DocumentReference): string {
  if (r.repositoryUniqueId === '' || r.documentUniqueId === '') {
    payloadInvalid('référence de document incomplète (entrepôt ou identifiant unique vide)');
  }
  const home =
    r.homeCommunityId !== undefined
      ? `<xdsb:HomeCommunityId>${escapeXml(r.homeCommunityId)}</xdsb:HomeCommunityId>`
      : '';
  return (
    home +
    `<xdsb:RepositoryUniqueId>${escapeXml(r.repositoryUniqueId)}</xdsb:RepositoryUniqueId>` +
    `<xdsb:DocumentUniqueId>${escapeXml(r.documentUniqueId)}</xdsb:DocumentUniqueId>`
  );
}

function readReference(node: unknown): DocumentReference {
  const repositoryUniqueId = childText(node, 'RepositoryUniqueId');
  const documentUniqueId = childText(node, 'DocumentUniqueId');
  if (repositoryUniqueId === undefined || repositoryUniqueId === '')
    payloadInvalid('RepositoryUniqueId absent');
  if (documentUniqueId === undefined || documentUniqueId === '')
    payloadInvalid('DocumentUniqueId absent');
  return {
    repositoryUniqueId,
    documentUniqueId,
    ...definedOnly({ homeCommunityId: childText(node, 'HomeCommunityId') }),
  };
}

/** Builds the `xdsb:RetrieveDocumentSetRequest` element. */
export function buildRetrieveDocumentSetRequest(documents: readonly DocumentReference[]): string {
  if (documents.length === 0) payloadInvalid('aucun document demandé');
  const requests = documents
    .map((d) => `<xdsb:DocumentRequest>${referenceXml(d)}</xdsb:DocumentRequest>`)
    .join('');
  return `<xdsb:RetrieveDocumentSetRequest xmlns:xdsb="${XDSB_NS}">${requests}</xdsb:RetrieveDocumentSetRequest>`;
}

/** Test-server side: reads a RetrieveDocumentSetRequest. */
export function parseRetrieveDocumentSetRequest(input: XdsInput): DocumentReference[] {
  const root = locateXdsPayload(input, 'RetrieveDocumentSetRequest');
  const requests = children(root, 'DocumentRequest');
  if (requests.length === 0) payloadInvalid('RetrieveDocumentSetRequest sans DocumentRequest');
  return requests.map(readReference);
}

export interface RetrievedDocumentInput extends DocumentReference {
  readonly mimeType: string;
  /** Content-ID of the MTOM part that will carry the bytes; default a fresh one. */
  readonly contentId?: string;
}

export interface RetrieveDocumentSetResponseInput extends RegistryStatusInput {
  readonly documents?: readonly RetrievedDocumentInput[];
}

export interface BuiltRetrieveResponse {
  readonly xml: string;
  /** Content-ID per returned document, in order (attach the bytes under these ids). */
  readonly contentIds: readonly string[];
}

/** Builds the `xdsb:RetrieveDocumentSetResponse` element (test-server side). */
export function buildRetrieveDocumentSetResponse(
  input: RetrieveDocumentSetResponseInput,
): BuiltRetrieveResponse {
  const documents = (input.documents ?? []).map((d) => ({
    d,
    contentId: d.contentId ?? newContentId(),
  }));
  const list = registryErrorListXml(input.errors ?? []);
  const registryResponse =
    `<rs:RegistryResponse${registryStatusAttributes(input)}` +
    (list === '' ? '/>' : `>${list}</rs:RegistryResponse>`);
  const responses = documents
    .map(
      ({ d, contentId }) =>
        `<xdsb:DocumentResponse>${referenceXml(d)}<xdsb:mimeType>${escapeXml(d.mimeType)}</xdsb:mimeType>` +
        `<xdsb:Document>${xopIncludeXml(contentId)}</xdsb:Document></xdsb:DocumentResponse>`,
    )
    .join('');
  return {
    xml:
      `<xdsb:RetrieveDocumentSetResponse xmlns:xdsb="${XDSB_NS}" xmlns:rs="${RS_NS}">` +
      registryResponse +
      responses +
      '</xdsb:RetrieveDocumentSetResponse>',
    contentIds: documents.map((d) => d.contentId),
  };
}

export interface RetrievedDocument extends DocumentReference {
  readonly mimeType: string;
  /** The MTOM part holding the bytes (resolve it with the MTOM message's `attachment`). */
  readonly contentId?: string;
  /** The bytes, when the sender put them inline as base64. */
  readonly inline?: Buffer;
}

export interface RetrieveDocumentSetResponse extends RegistryStatus {
  readonly documents: readonly RetrievedDocument[];
}

function readRetrieved(node: unknown): RetrievedDocument {
  const reference = readReference(node);
  const mimeType = childText(node, 'mimeType');
  if (mimeType === undefined || mimeType === '')
    payloadInvalid('mimeType absent de DocumentResponse');
  const document = child(node, 'Document');
  if (document === undefined) payloadInvalid('DocumentResponse sans Document');
  const include = child(document, 'Include');
  if (include !== undefined) {
    const href = attr(include, 'href') ?? '';
    const contentId = contentIdFromHref(href);
    if (contentId === undefined)
      payloadInvalid('référence xop:Include invalide', { href: href.slice(0, 100) });
    return { ...reference, mimeType, contentId };
  }
  const base64 = text(document) ?? '';
  return { ...reference, mimeType, inline: Buffer.from(base64.replace(/\s+/g, ''), 'base64') };
}

/** Client side: reads a RetrieveDocumentSetResponse (bare, in a Body or in a whole envelope). */
export function parseRetrieveDocumentSetResponse(input: XdsInput): RetrieveDocumentSetResponse {
  const root = locateXdsPayload(input, 'RetrieveDocumentSetResponse');
  const registryResponse = child(root, 'RegistryResponse');
  if (registryResponse === undefined || typeof registryResponse !== 'object') {
    payloadInvalid('RetrieveDocumentSetResponse sans RegistryResponse');
  }
  return {
    ...readRegistryStatus(registryResponse as Record<string, unknown>),
    documents: children(root, 'DocumentResponse').map(readRetrieved),
  };
}
