// TD3.1: documents of the patient's DMP by metadata (IHE ITI-18 FindDocuments, LeafClass;
// DMP-INTERFACE §6), with their lots and replacement chains (documentRelations.ts). The first
// automatic search of a consultation is `firstLookSearch`: two years back, approved documents
// only (§10). Archived, deprecated (replaced) and deleted documents come only when asked for.
// Visibility filters are applied here, on the codes the DMP returned: a stored-query list of
// confidentiality codes means OR, and "not masked" cannot be asked of the registry at all.
import type { DocumentVisibility } from '../../domain/documents/visibility.js';
import type { Ins } from '../../domain/ins/ins.js';
import { formatInsCx } from '../../domain/ins/insCx.js';
import type { TransportAbortSignal } from '../../domain/ports/HttpsTransport.js';
import type { DocumentStatus, QueryCode } from '../../protocol/xds/index.js';
import type { DmpCall } from '../call/DmpCall.js';
import type { DmpDocument, DocumentStatusFilter } from '../documents/DmpDocument.js';
import { dtmOf, withRelations } from '../documents/documentRelations.js';
import type { DmpAccess } from '../vihf/VihfContext.js';
import { registryQuery } from './registryQuery.js';

export interface DocumentSearch {
  /** Default ['approved']. */
  readonly statuses?: readonly DocumentStatusFilter[];
  readonly classCodes?: readonly QueryCode[];
  readonly typeCodes?: readonly QueryCode[];
  readonly formatCodes?: readonly QueryCode[];
  readonly practiceSettingCodes?: readonly QueryCode[];
  readonly healthcareFacilityTypeCodes?: readonly QueryCode[];
  /** Bounds: From inclusive, To exclusive; a Date is sent in UTC, a string as HL7 DTM. */
  readonly creationFrom?: Date | string;
  readonly creationTo?: Date | string;
  readonly serviceStartFrom?: Date | string;
  readonly serviceStartTo?: Date | string;
  readonly serviceStopFrom?: Date | string;
  readonly serviceStopTo?: Date | string;
  /** Keep only documents whose flags equal the given ones. */
  readonly visibility?: Partial<DocumentVisibility>;
  /** Fetch earlier versions of replaced documents (default true). */
  readonly followReplacements?: boolean;
}

/** The first search of a consultation (§10): approved documents of the last two years. */
export function firstLookSearch(now: Date): DocumentSearch {
  const from = new Date(now.getTime());
  from.setUTCFullYear(from.getUTCFullYear() - 2);
  return { statuses: ['approved'], creationFrom: from };
}

const STATUS_NAMES: Readonly<Record<DocumentStatusFilter, DocumentStatus>> = {
  approved: 'Approved',
  archived: 'Archived',
  deprecated: 'Deprecated',
  deleted: 'Deleted',
};

export interface FindDocumentsInput {
  readonly ins: Ins;
  readonly search: DocumentSearch;
  readonly access: DmpAccess;
  readonly timeoutMs?: number;
  readonly signal?: TransportAbortSignal;
}

function visibilityMatches(d: DmpDocument, wanted: Partial<DocumentVisibility> | undefined) {
  if (wanted === undefined) return true;
  return (Object.keys(wanted) as (keyof DocumentVisibility)[]).every(
    (k) => wanted[k] === undefined || wanted[k] === d.visibility[k],
  );
}

function newestFirst(a: DmpDocument, b: DmpDocument): number {
  return (b.creationTime ?? '').localeCompare(a.creationTime ?? '');
}

/** Keeps only the documents whose status was asked for. */
export function withStatuses(
  documents: readonly DmpDocument[],
  statuses: readonly DocumentStatusFilter[],
): DmpDocument[] {
  return documents.filter((d) => (statuses as readonly string[]).includes(d.status));
}

export async function findDocuments(
  ctx: { readonly call: DmpCall },
  input: FindDocumentsInput,
): Promise<DmpDocument[]> {
  const s = input.search;
  const statuses = s.statuses ?? ['approved'];
  const q = {
    ...ctx,
    ins: input.ins,
    access: input.access,
    transaction: 'TD3.1',
    ...(input.timeoutMs === undefined ? {} : { timeoutMs: input.timeoutMs }),
    ...(input.signal === undefined ? {} : { signal: input.signal }),
  };
  const time = (field: string, value: Date | string | undefined) =>
    value === undefined ? {} : { [field]: dtmOf(value) };
  const codes = (field: string, value: readonly QueryCode[] | undefined) =>
    value === undefined || value.length === 0 ? {} : { [field]: value };
  const answer = await registryQuery(q, {
    kind: 'FindDocuments',
    patientId: formatInsCx(input.ins),
    statuses: statuses.map((st) => STATUS_NAMES[st]),
    ...codes('classCodes', s.classCodes),
    ...codes('typeCodes', s.typeCodes),
    ...codes('formatCodes', s.formatCodes),
    ...codes('practiceSettingCodes', s.practiceSettingCodes),
    ...codes('healthcareFacilityTypeCodes', s.healthcareFacilityTypeCodes),
    ...time('creationTimeFrom', s.creationFrom),
    ...time('creationTimeTo', s.creationTo),
    ...time('serviceStartTimeFrom', s.serviceStartFrom),
    ...time('serviceStartTimeTo', s.serviceStartTo),
    ...time('serviceStopTimeFrom', s.serviceStopFrom),
    ...time('serviceStopTimeTo', s.serviceStopTo),
  });
  const documents = await withRelations(q, {
    entries: answer.documentEntries,
    ...(s.followReplacements === undefined ? {} : { followReplacements: s.followReplacements }),
  });
  return withStatuses(documents, statuses)
    .filter((d) => visibilityMatches(d, s.visibility))
    .sort(newestFirst);
}
