// ITI-57 Update Document Set (TD3.3a-d), builders (client) and reader (test server).
// - Metadata update (TD3.3a/b, visibility): a new version of the DocumentEntry with a new
//   entryUUID, the same logical id (lid) and the changed confidentialityCode list, listed by a
//   HasMember association carrying SubmissionSetStatus Original and PreviousVersion (the
//   version being replaced), as in the official kit's template_masquage.xml.
// - Availability status (TD3.3c delete, TD3.3d archive/unarchive): an UpdateAvailabilityStatus
//   association from the submission set to the entryUUID with OriginalStatus and NewStatus
//   slots, as in td3.3c-supprimer-un-document and td3.3d-archiver-un-document.
// The samples omit classifiedObject/registryObject on some parts; rim.xsd requires them, so they
// are always written.
import { metadataInvalid, metadataMissing, payloadInvalid } from './XdsError.js';
import { documentEntryXml } from './documentEntryWriter.js';
import type {
  DocumentEntry,
  RegistryObjects,
  SubmissionSet,
  XdsAssociation,
  XdsCode,
} from './metadata.js';
import type { SubmissionSetInput } from './provideAndRegister.js';
import { readSubmitObjectsRequest } from './provideAndRegisterReader.js';
import { IdAllocator, associationXml } from './rimWriter.js';
import { locateXdsPayload, type XdsInput } from './rimReader.js';
import { submissionSetXml } from './submissionSetWriter.js';
import {
  ASSOCIATION_TYPES,
  DOCUMENT_STATUSES,
  LCM_NS,
  RIM_NS,
  documentStatusOf,
  type DocumentStatus,
} from './xdsConstants.js';

export interface MetadataUpdate {
  /** The current version, as read from the DMP (entryUuid, version and lid matter). */
  readonly entry: DocumentEntry;
  /** The complete new confidentialityCode list (N plus the visibility codes). */
  readonly confidentialityCodes: readonly XdsCode[];
  /** entryUUID of the new version; default a fresh `urn:uuid:`. */
  readonly newEntryUuid?: string;
}

export interface AvailabilityStatusUpdate {
  readonly targetEntryUuid: string;
  readonly originalStatus: DocumentStatus;
  readonly newStatus: DocumentStatus;
}

export type AvailabilityAction = 'archive' | 'unarchive' | 'delete';

/**
 * The status change of an action: archive Approved → Archived, unarchive Archived → Approved,
 * delete (dépublication) Approved or Archived → Deleted.
 */
export function availabilityChange(
  action: AvailabilityAction,
  targetEntryUuid: string,
  currentStatus: DocumentStatus,
): AvailabilityStatusUpdate {
  const allowed: Readonly<Record<AvailabilityAction, readonly DocumentStatus[]>> = {
    archive: ['Approved'],
    unarchive: ['Archived'],
    delete: ['Approved', 'Archived'],
  };
  if (!allowed[action].includes(currentStatus)) {
    metadataInvalid('status', `action impossible sur un document au statut ${currentStatus}`, {
      action,
    });
  }
  const newStatus: DocumentStatus =
    action === 'archive' ? 'Archived' : action === 'unarchive' ? 'Approved' : 'Deleted';
  return { targetEntryUuid, originalStatus: currentStatus, newStatus };
}

export interface UpdateDocumentSetInput {
  readonly submissionSet: SubmissionSetInput;
  readonly metadataUpdates?: readonly MetadataUpdate[];
  readonly statusUpdates?: readonly AvailabilityStatusUpdate[];
}

export interface BuiltUpdateDocumentSet {
  /** The `lcm:SubmitObjectsRequest` element. */
  readonly xml: string;
  readonly submissionSetId: string;
  /** entryUUID of each new metadata version, in the order of `metadataUpdates`. */
  readonly newEntryUuids: readonly string[];
}

function newVersion(update: MetadataUpdate, entryUuid: string): DocumentEntry {
  const { entry } = update;
  if (entry.version === undefined || entry.version === '')
    return metadataMissing('version', entry.entryUuid);
  if (update.confidentialityCodes.length === 0)
    return metadataMissing('confidentialityCode', entry.entryUuid);
  const { version: _version, homeCommunityId: _home, ...rest } = entry;
  return {
    ...rest,
    entryUuid,
    // The first version's lid is its own entryUUID (td3.1 answer): keep it when not given.
    logicalId: entry.logicalId ?? entry.entryUuid,
    status: DOCUMENT_STATUSES.Approved,
    confidentialityCodes: update.confidentialityCodes,
  };
}

/** Builds an ITI-57 request: metadata updates and/or availability status changes. */
export function buildUpdateDocumentSetRequest(
  input: UpdateDocumentSetInput,
): BuiltUpdateDocumentSet {
  const metadataUpdates = input.metadataUpdates ?? [];
  const statusUpdates = input.statusUpdates ?? [];
  if (metadataUpdates.length + statusUpdates.length === 0) {
    metadataInvalid('updates', 'aucune modification demandée');
  }
  const ids = new IdAllocator();
  const submissionSetId = ids.entry(input.submissionSet.entryUuid);
  const ss: SubmissionSet = { ...input.submissionSet, entryUuid: submissionSetId };
  const versions = metadataUpdates.map((u) => ({
    u,
    entry: newVersion(u, ids.entry(u.newEntryUuid)),
  }));
  const associations: XdsAssociation[] = [
    ...versions.map(({ u, entry }) => ({
      id: ids.local('as'),
      associationType: ASSOCIATION_TYPES.HasMember,
      sourceObject: submissionSetId,
      targetObject: entry.entryUuid,
      submissionSetStatus: 'Original',
      previousVersion: u.entry.version ?? '',
    })),
    ...statusUpdates.map((s) => ({
      id: ids.local('as'),
      associationType: ASSOCIATION_TYPES.UpdateAvailabilityStatus,
      sourceObject: submissionSetId,
      targetObject: s.targetEntryUuid,
      originalStatus: DOCUMENT_STATUSES[s.originalStatus],
      newStatus: DOCUMENT_STATUSES[s.newStatus],
    })),
  ];
  const xml =
    `<lcm:SubmitObjectsRequest xmlns="${RIM_NS}" xmlns:lcm="${LCM_NS}"><RegistryObjectList>` +
    submissionSetXml(ss, ids) +
    versions.map(({ entry }) => documentEntryXml(entry, ids)).join('') +
    associations.map((a) => associationXml(a, true)).join('') +
    '</RegistryObjectList></lcm:SubmitObjectsRequest>';
  return { xml, submissionSetId, newEntryUuids: versions.map((v) => v.entry.entryUuid) };
}

export interface ReadMetadataUpdate {
  /** The new version as submitted (entryUuid is the new id, logicalId the document's lid). */
  readonly entry: DocumentEntry;
  readonly previousVersion: string;
  readonly associationId: string;
}

export interface ReadAvailabilityStatusUpdate extends AvailabilityStatusUpdate {
  readonly associationId: string;
}

export interface UpdateDocumentSetRequest extends RegistryObjects {
  readonly submissionSet: SubmissionSet;
  readonly metadataUpdates: readonly ReadMetadataUpdate[];
  readonly statusUpdates: readonly ReadAvailabilityStatusUpdate[];
}

function statusOf(urn: string | undefined, slot: string, associationId: string): DocumentStatus {
  if (urn === undefined) return metadataMissing(slot, associationId);
  return documentStatusOf(urn) ?? metadataInvalid(slot, `statut inconnu « ${urn.slice(0, 80)} »`);
}

/** Test-server side: reads an ITI-57 SubmitObjectsRequest. */
export function parseUpdateDocumentSetRequest(input: XdsInput): UpdateDocumentSetRequest {
  const root = locateXdsPayload(input, 'SubmitObjectsRequest');
  const objects = readSubmitObjectsRequest(root);
  if (objects.submissionSets.length !== 1) {
    payloadInvalid('une mise à jour doit contenir exactement un SubmissionSet', {
      submissionSets: objects.submissionSets.length,
    });
  }
  const submissionSet = objects.submissionSets[0] as SubmissionSet;
  const metadataUpdates = objects.associations
    .filter(
      (a) => a.associationType === ASSOCIATION_TYPES.HasMember && a.previousVersion !== undefined,
    )
    .map((a): ReadMetadataUpdate => {
      const entry = objects.documentEntries.find((e) => e.entryUuid === a.targetObject);
      if (!entry)
        return payloadInvalid('nouvelle version introuvable dans la demande', {
          target: a.targetObject,
        });
      return { entry, previousVersion: a.previousVersion ?? '', associationId: a.id };
    });
  const statusUpdates = objects.associations
    .filter((a) => a.associationType === ASSOCIATION_TYPES.UpdateAvailabilityStatus)
    .map((a) => ({
      targetEntryUuid: a.targetObject,
      originalStatus: statusOf(a.originalStatus, 'OriginalStatus', a.id),
      newStatus: statusOf(a.newStatus, 'NewStatus', a.id),
      associationId: a.id,
    }));
  return { ...objects, submissionSet, metadataUpdates, statusUpdates };
}
