// ITI-41 Provide and Register Document Set-b (TD2.1 feed, TD2.2 feed on behalf, TD2.1
// replacement): the body of the request, modelled after the official sample
// td2.1-alimentation.request.xml. The lot is one SubmissionSet, one ExtrinsicObject per
// document, the XAdES lot signature entry (DMP-INTERFACE §8), HasMember associations with
// SubmissionSetStatus Original, a `signs` association from the signature to the submission set,
// and an RPLC association from a new version to the entryUUID it replaces. Documents travel as
// MTOM parts: the body holds `<Document id="…"><xop:Include href="cid:…"/></Document>` and the
// result lists the attachments to hand to the MTOM writer (src/protocol/mtom).
import { createHash } from 'node:crypto';
import {
  newContentId,
  xopIncludeXml,
  type MtomAttachmentInput,
  type MtomSource,
} from '../mtom/index.js';
import { escapeXml } from '../xml/parse.js';
import { metadataInvalid } from './XdsError.js';
import { documentEntryXml } from './documentEntryWriter.js';
import type {
  DocumentEntry,
  SubmissionSet,
  XdsAssociation,
  XdsAuthor,
  XdsCode,
} from './metadata.js';
import { IdAllocator, associationXml } from './rimWriter.js';
import { submissionSetXml } from './submissionSetWriter.js';
import { confidentialityCodesFor } from './visibilityCodes.js';
import { ASSOCIATION_TYPES, LCM_NS, LOT_SIGNATURE_CODES, RIM_NS, XDSB_NS } from './xdsConstants.js';

/** A DocumentEntry to submit: the registry sets lid, version, status and repositoryUniqueId. */
export type DocumentEntryInput = Omit<
  DocumentEntry,
  'entryUuid' | 'logicalId' | 'version' | 'status' | 'repositoryUniqueId' | 'homeCommunityId'
> & {
  /** Default: a fresh `urn:uuid:` (kept by the registry as the entryUUID). */
  readonly entryUuid?: string;
};

/** A SubmissionSet to submit. */
export type SubmissionSetInput = Omit<SubmissionSet, 'entryUuid' | 'status' | 'homeCommunityId'> & {
  readonly entryUuid?: string;
};

export interface ProvidedDocument {
  readonly entry: DocumentEntryInput;
  /** The document bytes (or a stream), passed through to the MTOM writer untouched. */
  readonly content: MtomSource;
  /** Content-ID of its MTOM part; default a fresh one. */
  readonly contentId?: string;
  /** Size of a streamed content, when known. */
  readonly contentSize?: number;
  /** entryUUID of the DMP document this one replaces (RPLC association). */
  readonly replaces?: string;
}

export interface ProvideAndRegisterInput {
  readonly submissionSet: SubmissionSetInput;
  readonly documents: readonly ProvidedDocument[];
  /** The XAdES lot signature document (entry from `lotSignatureEntry`). Always sent by Navette. */
  readonly signature?: ProvidedDocument;
}

export interface SubmittedEntry {
  readonly entryUuid: string;
  readonly uniqueId: string;
  readonly contentId: string;
  readonly isSignature: boolean;
}

export interface BuiltProvideAndRegister {
  /** The `xdsb:ProvideAndRegisterDocumentSetRequest` element (the SOAP Body content). */
  readonly xml: string;
  readonly submissionSetId: string;
  readonly entries: readonly SubmittedEntry[];
  /** One MTOM part per document, in the order of the Document elements. */
  readonly attachments: readonly MtomAttachmentInput[];
}

/** SHA-1 (lower-case hex) and size of document bytes, as the XDS hash and size slots want them. */
export function documentHashAndSize(bytes: Uint8Array): { hash: string; size: number } {
  return { hash: createHash('sha1').update(bytes).digest('hex'), size: bytes.byteLength };
}

export interface LotSignatureEntryInput {
  readonly uniqueId: string;
  readonly patientId: string;
  readonly authors: readonly XdsAuthor[];
  readonly legalAuthenticator?: string;
  /** HL7 DTM; the sample uses the submission time for creation and service times. */
  readonly time: string;
  readonly healthcareFacilityTypeCode: XdsCode;
  readonly practiceSettingCode: XdsCode;
  readonly hash?: string;
  readonly size?: number;
  readonly entryUuid?: string;
}

/**
 * The DocumentEntry of the XAdES lot signature, with the constants of the official sample:
 * classCode urn:oid:1.3.6.1.4.1.19376.1.2.1.1.1 (URN), typeCode E1762 (ASTM), formatCode
 * xmldsig# (URN), language `art`, event code "Source", title "Source", and the confidentiality
 * N + MASQUE_PS + INVISIBLE_PATIENT so nobody lists it as a document. sourcePatientId is the
 * INS itself, as in the sample.
 */
export function lotSignatureEntry(input: LotSignatureEntryInput): DocumentEntryInput {
  const c = LOT_SIGNATURE_CODES;
  const code = (v: { code: string; codingScheme: string; displayName: string }): XdsCode => ({
    ...v,
  });
  return {
    ...(input.entryUuid !== undefined ? { entryUuid: input.entryUuid } : {}),
    mimeType: c.mimeType,
    uniqueId: input.uniqueId,
    patientId: input.patientId,
    sourcePatientId: input.patientId,
    title: c.title,
    classCode: code(c.classCode),
    typeCode: code(c.typeCode),
    formatCode: code(c.formatCode),
    eventCodes: [code(c.eventCode)],
    healthcareFacilityTypeCode: input.healthcareFacilityTypeCode,
    practiceSettingCode: input.practiceSettingCode,
    // Hidden from professionals and from the patient: nobody lists it as a document.
    confidentialityCodes: confidentialityCodesFor({
      hiddenFromProfessionals: true,
      hiddenFromPatient: true,
      hiddenFromLegalRepresentatives: false,
    }),
    authors: input.authors,
    languageCode: c.languageCode,
    creationTime: input.time,
    serviceStartTime: input.time,
    serviceStopTime: input.time,
    ...(input.legalAuthenticator !== undefined
      ? { legalAuthenticator: input.legalAuthenticator }
      : {}),
    ...(input.hash !== undefined ? { hash: input.hash } : {}),
    ...(input.size !== undefined ? { size: input.size } : {}),
  };
}

function checkLot(input: ProvideAndRegisterInput): void {
  const all = [...input.documents, ...(input.signature ? [input.signature] : [])];
  if (input.documents.length === 0)
    metadataInvalid('documents', 'le lot ne contient aucun document');
  const uniqueIds = new Set<string>();
  for (const d of all) {
    // The DMP answers XDSPatientIdDoesNotMatch; refusing here gives the user a clear reason.
    if (d.entry.patientId !== input.submissionSet.patientId) {
      metadataInvalid('patientId', 'tous les documents du lot doivent concerner le patient du lot');
    }
    if (uniqueIds.has(d.entry.uniqueId)) {
      metadataInvalid('uniqueId', 'deux documents du lot ont le même identifiant unique');
    }
    uniqueIds.add(d.entry.uniqueId);
  }
}

// Registry-side fields never go into a submission, even when the caller hands over an entry
// read from the DMP (a replacement built from the old metadata, for instance).
function submittedEntry(input: DocumentEntryInput, entryUuid: string): DocumentEntry {
  type RegistryFields = Pick<
    DocumentEntry,
    'logicalId' | 'version' | 'status' | 'repositoryUniqueId' | 'homeCommunityId'
  >;
  const {
    logicalId: _lid,
    version: _version,
    status: _status,
    repositoryUniqueId: _repository,
    homeCommunityId: _home,
    ...rest
  } = input as DocumentEntryInput & Partial<RegistryFields>;
  return { ...rest, entryUuid };
}

/** Builds the ITI-41 request body and the list of its MTOM attachments. */
export function buildProvideAndRegisterRequest(
  input: ProvideAndRegisterInput,
): BuiltProvideAndRegister {
  checkLot(input);
  const ids = new IdAllocator();
  const submissionSetId = ids.entry(input.submissionSet.entryUuid);
  const ss: SubmissionSet = { ...input.submissionSet, entryUuid: submissionSetId };
  const provided = [
    ...input.documents.map((d) => ({ d, isSignature: false })),
    ...(input.signature ? [{ d: input.signature, isSignature: true }] : []),
  ];
  const entries = provided.map(({ d, isSignature }) => ({
    d,
    isSignature,
    entry: submittedEntry(d.entry, ids.entry(d.entry.entryUuid)),
    contentId: d.contentId ?? newContentId(),
  }));
  const hasMember = (target: string): XdsAssociation => ({
    id: ids.local('as'),
    associationType: ASSOCIATION_TYPES.HasMember,
    sourceObject: submissionSetId,
    targetObject: target,
    submissionSetStatus: 'Original',
  });
  const associations: XdsAssociation[] = entries.map((e) => hasMember(e.entry.entryUuid));
  for (const e of entries.filter((x) => x.isSignature)) {
    associations.push({
      id: ids.local('as'),
      associationType: ASSOCIATION_TYPES.signs,
      sourceObject: e.entry.entryUuid,
      targetObject: submissionSetId,
    });
  }
  for (const e of entries) {
    if (e.d.replaces === undefined) continue;
    associations.push({
      id: ids.local('as'),
      associationType: ASSOCIATION_TYPES.RPLC,
      sourceObject: e.entry.entryUuid,
      targetObject: e.d.replaces,
    });
  }
  const metadata =
    submissionSetXml(ss, ids) +
    entries.map((e) => documentEntryXml(e.entry, ids)).join('') +
    associations.map((a) => associationXml(a)).join('');
  const documents = entries
    .map(
      (e) =>
        `<xdsb:Document id="${escapeXml(e.entry.entryUuid)}">${xopIncludeXml(e.contentId)}</xdsb:Document>`,
    )
    .join('');
  const xml =
    `<xdsb:ProvideAndRegisterDocumentSetRequest xmlns="${RIM_NS}" xmlns:lcm="${LCM_NS}" xmlns:xdsb="${XDSB_NS}">` +
    `<lcm:SubmitObjectsRequest><RegistryObjectList>${metadata}</RegistryObjectList></lcm:SubmitObjectsRequest>` +
    documents +
    '</xdsb:ProvideAndRegisterDocumentSetRequest>';
  return {
    xml,
    submissionSetId,
    entries: entries.map((e) => ({
      entryUuid: e.entry.entryUuid,
      uniqueId: e.entry.uniqueId,
      contentId: e.contentId,
      isSignature: e.isSignature,
    })),
    attachments: entries.map((e) => ({
      contentId: e.contentId,
      content: e.d.content,
      ...(e.d.contentSize !== undefined ? { size: e.d.contentSize } : {}),
    })),
  };
}
