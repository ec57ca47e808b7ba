// TD3.1 for the consultation screen, on the critical path of "open the patient" (issue 6
// benchmark: at most two sequential round trips). The DMP client's findDocuments asks
// FindDocuments, THEN GetAssociations, THEN FindSubmissionSets for the lots' uniqueIds: three
// waits in a row. Here the lots are asked at the same time as the documents (a lot is submitted
// after its documents were written, so "lots submitted since the search's lower bound" holds
// every lot of the documents found), and the GetAssociations batches run side by side: two
// waits. The relations are then built by the client's own `withRelations`, which asks nothing
// more once it has the associations and the lots. Earlier versions (RPLC chains) are followed
// only when deprecated documents were asked for: an approved-only list links a replaced
// version by its entryUUID instead of fetching it.
import {
  QUERY_BATCH_SIZE,
  isLotSignature,
  registryQuery,
  withRelations,
  withStatuses,
  type DmpAccess,
  type DmpClient,
  type DmpDocument,
  type DocumentStatusFilter,
} from '../../dmp/index.js';
import type { Ins } from '../../domain/ins/ins.js';
import { formatInsCx } from '../../domain/ins/insCx.js';
import {
  toXdsDateTime,
  type DocumentStatus,
  type QueryCode,
  type XdsAssociation,
} from '../../protocol/xds/index.js';

export interface ScreenSearch {
  readonly statuses: readonly DocumentStatusFilter[];
  /** Lower bound on creation time (inclusive); undefined: no bound. */
  readonly createdFrom?: Date;
  readonly classCodes?: readonly QueryCode[];
  readonly typeCodes?: readonly QueryCode[];
}

const STATUS_NAMES: Readonly<Record<DocumentStatusFilter, DocumentStatus>> = {
  approved: 'Approved',
  archived: 'Archived',
  deprecated: 'Deprecated',
  deleted: 'Deleted',
};

function batches<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += QUERY_BATCH_SIZE) {
    out.push(items.slice(i, i + QUERY_BATCH_SIZE));
  }
  return out;
}

function newestFirst(a: DmpDocument, b: DmpDocument): number {
  return (b.creationTime ?? '').localeCompare(a.creationTime ?? '');
}

export async function searchDocuments(
  client: DmpClient,
  ins: Ins,
  access: DmpAccess,
  search: ScreenSearch,
): Promise<DmpDocument[]> {
  const q = { call: client.call, ins, access, transaction: 'TD3.1' };
  const patientId = formatInsCx(ins);
  const from = search.createdFrom === undefined ? undefined : toXdsDateTime(search.createdFrom);
  const codes = (field: string, value: readonly QueryCode[] | undefined) =>
    value === undefined || value.length === 0 ? {} : { [field]: value };
  // Wave 1: the documents and the lots, together.
  const [found, lots] = await Promise.all([
    registryQuery(q, {
      kind: 'FindDocuments',
      patientId,
      statuses: search.statuses.map((s) => STATUS_NAMES[s]),
      ...codes('classCodes', search.classCodes),
      ...codes('typeCodes', search.typeCodes),
      ...(from === undefined ? {} : { creationTimeFrom: from }),
    }),
    registryQuery(q, {
      kind: 'FindSubmissionSets',
      patientId,
      statuses: ['Approved'],
      ...(from === undefined ? {} : { submissionTimeFrom: from }),
    }),
  ]);
  if (found.documentEntries.length === 0) return [];
  // Wave 2: every document's associations (lot signatures left out: never shown) (lot membership, RPLC), batches side by side. A
  // document updated by ITI-57 (version > 1) is also asked by its first version's id (the lid):
  // its lot is that version's. A first version is its own lid, whatever id the registry shows.
  const ids = [
    ...new Set(
      found.documentEntries
        .filter((e) => !isLotSignature(e))
        .flatMap((e) =>
          e.logicalId === undefined || e.logicalId === e.entryUuid || (e.version ?? '1') === '1'
            ? [e.entryUuid]
            : [e.entryUuid, e.logicalId],
        ),
    ),
  ];
  const answers = await Promise.all(
    batches(ids).map((batch) => registryQuery(q, { kind: 'GetAssociations', entryUuids: batch })),
  );
  const associations: XdsAssociation[] = answers.flatMap((a) => a.associations);
  const documents = await withRelations(q, {
    entries: found.documentEntries,
    associations,
    submissionSets: lots.submissionSets,
    followReplacements: search.statuses.includes('deprecated'),
  });
  return withStatuses(documents, search.statuses).sort(newestFirst);
}
