// Reading DocumentEntries, SubmissionSets and Associations out of a RegistryObjectList (ITI-41
// and ITI-57 requests on the test server, ITI-18 answers on the client). Classifications may
// sit inside their object or, in some registries' LeafClass answers, next to it at the top of
// the list: both places are searched. A required field that is missing raises
// XDS_METADATA_MISSING naming the object, so the test server can answer
// XDSRegistryMetadataError and the client can say which entry was unreadable.
import { attr, child, children } from '../hl7v3/xmlTree.js';
import { metadataInvalid, metadataMissing } from './XdsError.js';
import { definedOnly } from './definedOnly.js';
import type {
  DocumentEntry,
  RegistryObjects,
  SubmissionSet,
  XdsAssociation,
  XdsCode,
} from './metadata.js';
import {
  classificationsOf,
  externalIdentifierValue,
  externalIdentifiersOf,
  localizedText,
  readAuthor,
  readCode,
  slotValue,
  slotValues,
  slotsOf,
  type ReadClassification,
} from './rimReader.js';
import {
  DOCUMENT_ENTRY_SCHEMES,
  FOLDER_NODE,
  SUBMISSION_SET_NODE,
  SUBMISSION_SET_SCHEMES,
} from './xdsConstants.js';

const ENTRY_SLOTS = new Set([
  'creationTime',
  'hash',
  'languageCode',
  'legalAuthenticator',
  'repositoryUniqueId',
  'serviceStartTime',
  'serviceStopTime',
  'size',
  'sourcePatientId',
  'sourcePatientInfo',
]);
const SUBMISSION_SET_SLOTS = new Set(['submissionTime', 'intendedRecipient']);
const ASSOCIATION_SLOTS = new Set([
  'SubmissionSetStatus',
  'PreviousVersion',
  'OriginalStatus',
  'NewStatus',
]);

function requiredCode(
  classifications: readonly ReadClassification[],
  scheme: string,
  field: string,
  objectId: string,
): XdsCode {
  const found = classifications.find((c) => c.scheme === scheme);
  if (!found || (found.nodeRepresentation ?? '') === '') return metadataMissing(field, objectId);
  return readCode(found);
}

function codes(classifications: readonly ReadClassification[], scheme: string): XdsCode[] {
  return classifications.filter((c) => c.scheme === scheme).map(readCode);
}

function otherSlots(
  node: unknown,
  known: ReadonlySet<string>,
): { otherSlots?: ReturnType<typeof slotsOf> } {
  const others = slotsOf(node).filter((s) => !known.has(s.name));
  return others.length > 0 ? { otherSlots: others } : {};
}

function readSize(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[0-9]{1,15}$/.test(value)) metadataInvalid('size', 'taille en octets illisible');
  return Number(value);
}

/** What every registry object carries: its id, classifications (its own and the list's top-level
 * ones that point at it), external identifiers and slots. */
function objectParts(node: unknown, outer: readonly ReadClassification[]) {
  const id = attr(node, 'id');
  if (id === undefined || id === '') return metadataMissing('id', undefined);
  return {
    id,
    classifications: [
      ...classificationsOf(node),
      ...outer.filter((c) => c.classifiedObject === id),
    ],
    identifiers: externalIdentifiersOf(node),
    slots: slotsOf(node),
  };
}

/** Reads one ExtrinsicObject. `outer` holds the top-level classifications of the list. */
export function readDocumentEntry(
  node: unknown,
  outer: readonly ReadClassification[] = [],
): DocumentEntry {
  const { id, classifications, identifiers, slots } = objectParts(node, outer);
  const s = DOCUMENT_ENTRY_SCHEMES;
  const uniqueId = externalIdentifierValue(identifiers, s.uniqueId);
  const patientId = externalIdentifierValue(identifiers, s.patientId);
  if (uniqueId === undefined || uniqueId === '') return metadataMissing('uniqueId', id);
  if (patientId === undefined || patientId === '') return metadataMissing('patientId', id);
  const sourcePatientInfo = slotValues(slots, 'sourcePatientInfo');
  const eventCodes = codes(classifications, s.eventCode);
  return {
    entryUuid: id,
    // The XSD default of ExtrinsicObject/@mimeType.
    mimeType: attr(node, 'mimeType') ?? 'application/octet-stream',
    uniqueId,
    patientId,
    classCode: requiredCode(classifications, s.classCode, 'classCode', id),
    typeCode: requiredCode(classifications, s.typeCode, 'typeCode', id),
    formatCode: requiredCode(classifications, s.formatCode, 'formatCode', id),
    practiceSettingCode: requiredCode(
      classifications,
      s.practiceSettingCode,
      'practiceSettingCode',
      id,
    ),
    healthcareFacilityTypeCode: requiredCode(
      classifications,
      s.healthcareFacilityTypeCode,
      'healthcareFacilityTypeCode',
      id,
    ),
    confidentialityCodes: codes(classifications, s.confidentialityCode),
    authors: classifications.filter((c) => c.scheme === s.author).map(readAuthor),
    ...(eventCodes.length > 0 ? { eventCodes } : {}),
    ...(sourcePatientInfo.length > 0 ? { sourcePatientInfo } : {}),
    ...definedOnly({
      logicalId: attr(node, 'lid'),
      version: attr(child(node, 'VersionInfo'), 'versionName'),
      status: attr(node, 'status'),
      objectType: attr(node, 'objectType'),
      homeCommunityId: attr(node, 'home'),
      title: localizedText(node, 'Name'),
      comments: localizedText(node, 'Description'),
      sourcePatientId: slotValue(slots, 'sourcePatientId'),
      legalAuthenticator: slotValue(slots, 'legalAuthenticator'),
      creationTime: slotValue(slots, 'creationTime'),
      serviceStartTime: slotValue(slots, 'serviceStartTime'),
      serviceStopTime: slotValue(slots, 'serviceStopTime'),
      languageCode: slotValue(slots, 'languageCode'),
      hash: slotValue(slots, 'hash'),
      size: readSize(slotValue(slots, 'size')),
      repositoryUniqueId: slotValue(slots, 'repositoryUniqueId'),
    }),
    ...otherSlots(node, ENTRY_SLOTS),
  };
}

/** Whether a RegistryPackage is a submission set (and not a folder). */
export function isSubmissionSet(node: unknown, outer: readonly ReadClassification[] = []): boolean {
  const id = attr(node, 'id');
  const nodes = [...classificationsOf(node), ...outer.filter((c) => c.classifiedObject === id)].map(
    (c) => c.node,
  );
  if (nodes.includes(SUBMISSION_SET_NODE)) return true;
  if (nodes.includes(FOLDER_NODE)) return false;
  // No node at all: trust the submission-set uniqueId identifier.
  return externalIdentifiersOf(node).some((e) => e.scheme === SUBMISSION_SET_SCHEMES.uniqueId);
}

/** Reads one RegistryPackage as a submission set. */
export function readSubmissionSet(
  node: unknown,
  outer: readonly ReadClassification[] = [],
): SubmissionSet {
  const { id, classifications, identifiers, slots } = objectParts(node, outer);
  const s = SUBMISSION_SET_SCHEMES;
  const required = (scheme: string, field: string): string => {
    const value = externalIdentifierValue(identifiers, scheme);
    return value === undefined || value === '' ? metadataMissing(field, id) : value;
  };
  const submissionTime = slotValue(slots, 'submissionTime');
  if (submissionTime === undefined) return metadataMissing('submissionTime', id);
  const recipients = slotValues(slots, 'intendedRecipient');
  return {
    entryUuid: id,
    uniqueId: required(s.uniqueId, 'uniqueId'),
    sourceId: required(s.sourceId, 'sourceId'),
    patientId: required(s.patientId, 'patientId'),
    submissionTime,
    contentTypeCode: requiredCode(classifications, s.contentTypeCode, 'contentTypeCode', id),
    authors: classifications.filter((c) => c.scheme === s.author).map(readAuthor),
    ...(recipients.length > 0 ? { intendedRecipients: recipients } : {}),
    ...definedOnly({
      status: attr(node, 'status'),
      homeCommunityId: attr(node, 'home'),
      title: localizedText(node, 'Name'),
      comments: localizedText(node, 'Description'),
    }),
    ...otherSlots(node, SUBMISSION_SET_SLOTS),
  };
}

export function readAssociation(node: unknown): XdsAssociation {
  const id = attr(node, 'id') ?? '';
  const need = (name: string): string => {
    const value = attr(node, name);
    return value === undefined || value === '' ? metadataMissing(name, id) : value;
  };
  const slots = slotsOf(node);
  return {
    id,
    associationType: need('associationType'),
    sourceObject: need('sourceObject'),
    targetObject: need('targetObject'),
    ...definedOnly({
      status: attr(node, 'status'),
      submissionSetStatus: slotValue(slots, 'SubmissionSetStatus'),
      previousVersion: slotValue(slots, 'PreviousVersion'),
      originalStatus: slotValue(slots, 'OriginalStatus'),
      newStatus: slotValue(slots, 'NewStatus'),
    }),
    ...otherSlots(node, ASSOCIATION_SLOTS),
  };
}

/** Reads every object of a RegistryObjectList element (or of an empty list). */
export function readRegistryObjectList(list: unknown): RegistryObjects {
  const outer = classificationsOf(list);
  return {
    submissionSets: children(list, 'RegistryPackage')
      .filter((p) => isSubmissionSet(p, outer))
      .map((p) => readSubmissionSet(p, outer)),
    documentEntries: children(list, 'ExtrinsicObject').map((e) => readDocumentEntry(e, outer)),
    associations: children(list, 'Association').map(readAssociation),
    objectRefs: children(list, 'ObjectRef')
      .map((r) => attr(r, 'id'))
      .filter((id): id is string => id !== undefined),
  };
}
