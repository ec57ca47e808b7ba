// ITI-41 request, test-server side: the metadata of the lot, the relations between its objects
// (HasMember, signs, RPLC) and where each document's bytes are (an MTOM part named by a cid:
// href, or inline base64 for a non-MTOM sender). Quirk of the official sample: its
// `<Document id="documentME2">` does not match the ExtrinsicObject id `DocumentME2` (case);
// `documentFor` falls back to a case-insensitive match and says so.
import { Buffer } from 'node:buffer';
import { attr, child, children, isNode, text, type XmlNode } from '../hl7v3/xmlTree.js';
import { contentIdFromHref } from '../mtom/index.js';
import { payloadInvalid } from './XdsError.js';
import type { DocumentEntry, RegistryObjects, SubmissionSet, XdsAssociation } from './metadata.js';
import { readRegistryObjectList } from './registryObjectReader.js';
import { locateXdsPayload, type XdsInput } from './rimReader.js';
import { ASSOCIATION_TYPES } from './xdsConstants.js';

/** Where one document's bytes are. */
export interface ProvidedDocumentRef {
  /** Document/@id: the entryUUID (or symbolic id) of its ExtrinsicObject. */
  readonly id: string;
  /** Content-ID of the MTOM part (xop:Include), when the document is an MTOM part. */
  readonly contentId?: string;
  /** The bytes, when sent inline as base64 (no MTOM). */
  readonly inline?: Buffer;
}

export interface LotRelations {
  /** Entries the submission set lists (HasMember, SubmissionSetStatus Original). */
  readonly members: readonly string[];
  /** The entry that signs the submission set (`signs`), when present. */
  readonly signatureEntryId: string | undefined;
  /** New entry → entryUUID it replaces (RPLC). */
  readonly replacements: ReadonlyArray<{ readonly entryId: string; readonly replaces: string }>;
}

export interface ProvideAndRegisterRequest extends RegistryObjects {
  readonly submissionSet: SubmissionSet;
  readonly documents: readonly ProvidedDocumentRef[];
  readonly relations: LotRelations;
}

/** Reads the objects of a SubmitObjectsRequest element (ITI-41 metadata part, ITI-57). */
export function readSubmitObjectsRequest(node: XmlNode): RegistryObjects {
  const list = child(node, 'RegistryObjectList');
  if (list === undefined) payloadInvalid('SubmitObjectsRequest sans RegistryObjectList');
  return readRegistryObjectList(list);
}

function readDocumentRef(node: unknown): ProvidedDocumentRef {
  const id = attr(node, 'id');
  if (id === undefined || id === '') payloadInvalid('élément Document sans attribut id');
  const include = child(node, 'Include');
  if (include !== undefined) {
    const href = attr(include, 'href') ?? '';
    const contentId = contentIdFromHref(href);
    if (contentId === undefined)
      payloadInvalid('référence xop:Include invalide', { href: href.slice(0, 100) });
    return { id, contentId };
  }
  const base64 = text(node) ?? '';
  return { id, inline: Buffer.from(base64.replace(/\s+/g, ''), 'base64') };
}

/** The relations a lot declares through its associations. */
export function lotRelations(
  submissionSetId: string,
  associations: readonly XdsAssociation[],
): LotRelations {
  const of = (type: string): XdsAssociation[] =>
    associations.filter((a) => a.associationType === type);
  return {
    members: of(ASSOCIATION_TYPES.HasMember)
      .filter((a) => a.sourceObject === submissionSetId)
      .map((a) => a.targetObject),
    signatureEntryId: of(ASSOCIATION_TYPES.signs).find((a) => a.targetObject === submissionSetId)
      ?.sourceObject,
    replacements: of(ASSOCIATION_TYPES.RPLC).map((a) => ({
      entryId: a.sourceObject,
      replaces: a.targetObject,
    })),
  };
}

/** Test-server side: reads an ITI-41 ProvideAndRegisterDocumentSetRequest. */
export function parseProvideAndRegisterRequest(input: XdsInput): ProvideAndRegisterRequest {
  const root = locateXdsPayload(input, 'ProvideAndRegisterDocumentSetRequest');
  const submit = child(root, 'SubmitObjectsRequest');
  if (!isNode(submit))
    payloadInvalid('ProvideAndRegisterDocumentSetRequest sans SubmitObjectsRequest');
  const objects = readSubmitObjectsRequest(submit);
  if (objects.submissionSets.length !== 1) {
    payloadInvalid('un lot doit contenir exactement un SubmissionSet', {
      submissionSets: objects.submissionSets.length,
    });
  }
  const submissionSet = objects.submissionSets[0] as SubmissionSet;
  return {
    ...objects,
    submissionSet,
    documents: children(root, 'Document').map(readDocumentRef),
    relations: lotRelations(submissionSet.entryUuid, objects.associations),
  };
}

export interface DocumentMatch {
  readonly document: ProvidedDocumentRef;
  /** True when only a case-insensitive id match was found (the official sample's quirk). */
  readonly caseMismatch: boolean;
}

/** The Document element carrying the bytes of an entry. */
export function documentFor(
  request: Pick<ProvideAndRegisterRequest, 'documents'>,
  entry: Pick<DocumentEntry, 'entryUuid'>,
): DocumentMatch | undefined {
  const exact = request.documents.find((d) => d.id === entry.entryUuid);
  if (exact) return { document: exact, caseMismatch: false };
  const lower = entry.entryUuid.toLowerCase();
  const loose = request.documents.find((d) => d.id.toLowerCase() === lower);
  return loose ? { document: loose, caseMismatch: true } : undefined;
}
