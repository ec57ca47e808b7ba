// TD3.1 "since my last visit" (EX_3.1-1020, DMP-INTERFACE §10): the lots submitted since a
// cursor (ITI-18 FindSubmissionSets with $XDSSubmissionSetSubmissionTimeFrom), their members
// (GetAssociations on the lots, HasMember), then those documents with their associations
// (GetDocumentsAndAssociations), all id lists in batches of 20. This is the sequence the DMP's
// consultation guidance names; GetSubmissionSetAndContents is not used because no DMP source
// says the DMP offers it. A member whose metadata changed since it was sent is Deprecated under
// its original entryUUID: its current version is read by uniqueId (GetDocuments).
import type { Ins } from '../../domain/ins/ins.js';
import { formatInsCx } from '../../domain/ins/insCx.js';
import type { TransportAbortSignal } from '../../domain/ports/HttpsTransport.js';
import {
  ASSOCIATION_TYPES,
  DOCUMENT_STATUSES,
  type DocumentEntry,
  type SubmissionSet,
} from '../../protocol/xds/index.js';
import type { DmpCall } from '../call/DmpCall.js';
import type { DmpDocument, DocumentStatusFilter } from '../documents/DmpDocument.js';
import { dtmOf, withRelations } from '../documents/documentRelations.js';
import type { DmpAccess } from '../vihf/VihfContext.js';
import { withStatuses } from './findDocuments.js';
import { inBatches, registryQuery } from './registryQuery.js';

export interface DocumentsSinceInput {
  readonly ins: Ins;
  /** The cursor: the previous result's `cursor`, or the last visit's time (HL7 DTM or Date, UTC). */
  readonly since: Date | string;
  /** Default ['approved']. */
  readonly statuses?: readonly DocumentStatusFilter[];
  readonly access: DmpAccess;
  readonly timeoutMs?: number;
  readonly signal?: TransportAbortSignal;
}

export interface DocumentsSince {
  /** The documents of the lots submitted since the cursor, newest lot first. */
  readonly documents: readonly DmpDocument[];
  /** The lots found (submission sets), oldest first. */
  readonly lots: readonly SubmissionSet[];
  /**
   * The next cursor: the latest submission time seen (the bound is inclusive, so the last lot
   * comes again next time: deduplicate on uniqueId), or `since` when nothing arrived.
   */
  readonly cursor: string;
}

export async function findDocumentsSince(
  ctx: { readonly call: DmpCall },
  input: DocumentsSinceInput,
): Promise<DocumentsSince> {
  const q = {
    ...ctx,
    ins: input.ins,
    access: input.access,
    transaction: 'TD3.1',
    ...(input.timeoutMs === undefined ? {} : { timeoutMs: input.timeoutMs }),
    ...(input.signal === undefined ? {} : { signal: input.signal }),
  };
  const since = dtmOf(input.since);
  const found = await registryQuery(q, {
    kind: 'FindSubmissionSets',
    patientId: formatInsCx(input.ins),
    statuses: ['Approved'],
    submissionTimeFrom: since,
  });
  const lots = [...found.submissionSets].sort((a, b) =>
    a.submissionTime.localeCompare(b.submissionTime),
  );
  const cursor = lots.reduce((max, s) => (s.submissionTime > max ? s.submissionTime : max), since);
  if (lots.length === 0) return { documents: [], lots, cursor };

  const memberships = (
    await inBatches(
      lots.map((s) => s.entryUuid),
      (batch) => registryQuery(q, { kind: 'GetAssociations', entryUuids: batch }),
    )
  ).flatMap((a) => a.associations);
  const lotIds = new Set(lots.map((s) => s.entryUuid));
  const members = [
    ...new Set(
      memberships
        .filter((a) => a.associationType === ASSOCIATION_TYPES.HasMember)
        .filter((a) => lotIds.has(a.sourceObject))
        .map((a) => a.targetObject),
    ),
  ];
  const read = await inBatches(members, (batch) =>
    registryQuery(q, { kind: 'GetDocumentsAndAssociations', entryUuids: batch }),
  );
  let entries: DocumentEntry[] = read.flatMap((a) => a.documentEntries);
  const associations = [...memberships, ...read.flatMap((a) => a.associations)];
  const changed = entries
    .filter((e) => e.status === DOCUMENT_STATUSES.Deprecated)
    .map((e) => e.uniqueId);
  if (changed.length > 0) {
    const current = await inBatches([...new Set(changed)], (batch) =>
      registryQuery(q, { kind: 'GetDocuments', uniqueIds: batch }),
    );
    entries = [...entries, ...current.flatMap((a) => a.documentEntries)];
  }
  const documents = await withRelations(q, { entries, associations, submissionSets: lots });
  const order = new Map(lots.map((s, i) => [s.entryUuid, i]));
  return {
    documents: withStatuses(documents, input.statuses ?? ['approved']).sort(
      (a, b) =>
        (order.get(b.lot?.entryUuid ?? '') ?? -1) - (order.get(a.lot?.entryUuid ?? '') ?? -1),
    ),
    lots,
    cursor,
  };
}
