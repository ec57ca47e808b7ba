// The document list's filters. What the DMP can filter (date, statuses, « depuis ma dernière
// visite ») goes into the request; the class/type choice is applied on the list already fetched,
// so that changing it does not ask the DMP again.
import type { DocumentSearchRequest, DocumentSummary, PatientRequest } from '../../api/consult.js';
import { documentTypeLabel, hl7Day } from './format.js';

export interface DocumentFilterState {
  /** YYYY-MM-DD or '' (no lower bound: the service's default first look). */
  readonly since: string;
  /** YYYY-MM-DD or '': documents created up to that day included. */
  readonly until: string;
  readonly sinceLastVisit: boolean;
  readonly allStatuses: boolean;
  /** `class:<code>` or `type:<code>`, or '' for every document. */
  readonly kind: string;
}

export const EMPTY_FILTERS: DocumentFilterState = {
  since: '',
  until: '',
  sinceLastVisit: false,
  allStatuses: false,
  kind: '',
};

/** The DMP search (TD3.1) for this patient with these filters. */
export function searchRequestOf(
  base: PatientRequest,
  filters: DocumentFilterState,
): DocumentSearchRequest {
  const since = filters.sinceLastVisit
    ? ('last-visit' as const)
    : filters.since === ''
      ? undefined
      : filters.since;
  return {
    patient: base.patient,
    access: base.access,
    allStatuses: filters.allStatuses,
    ...(since === undefined ? {} : { since }),
  };
}

/** The documents that pass the filters applied on the screen (kind and upper date). */
export function filterDocuments(
  documents: readonly DocumentSummary[],
  filters: DocumentFilterState,
): DocumentSummary[] {
  return documents.filter((doc) => {
    if (filters.kind.startsWith('class:') && doc.classCode.code !== filters.kind.slice(6))
      return false;
    if (filters.kind.startsWith('type:') && doc.typeCode.code !== filters.kind.slice(5))
      return false;
    if (filters.until !== '') {
      const day = hl7Day(doc.creationTime);
      if (day !== null && day > filters.until) return false;
    }
    return true;
  });
}

export interface KindOption {
  readonly value: string;
  readonly label: string;
}

/** The class and type choices offered by the list itself (no empty choice), sorted by label. */
export function kindOptions(documents: readonly DocumentSummary[]): KindOption[] {
  const classes = new Map<string, string>();
  const types = new Map<string, string>();
  for (const doc of documents) {
    classes.set(doc.classCode.code, doc.classCode.displayName ?? doc.classCode.code);
    types.set(doc.typeCode.code, documentTypeLabel(doc));
  }
  const sorted = (m: Map<string, string>, prefix: string, word: string): KindOption[] =>
    [...m]
      .map(([code, label]) => ({ value: `${prefix}:${code}`, label: `${word} : ${label}` }))
      .sort((a, b) => a.label.localeCompare(b.label, 'fr'));
  return [...sorted(classes, 'class', 'Classe'), ...sorted(types, 'type', 'Type')];
}

export interface LotGroup {
  /** The lot (submission set) id, or null for documents sent alone. */
  readonly lot: string | null;
  readonly documents: readonly DocumentSummary[];
}

/**
 * Documents grouped by the lot they were sent in, newest group first; a document alone in its lot
 * forms a group of one. Order inside a group: newest first.
 */
export function groupByLot(documents: readonly DocumentSummary[]): LotGroup[] {
  const newestFirst = [...documents].sort((a, b) =>
    (b.creationTime ?? '').localeCompare(a.creationTime ?? ''),
  );
  const groups = new Map<string, DocumentSummary[]>();
  const order: string[] = [];
  newestFirst.forEach((doc, n) => {
    const key = doc.lot ?? `\u0000seul-${n}`;
    const group = groups.get(key);
    if (group === undefined) {
      groups.set(key, [doc]);
      order.push(key);
    } else group.push(doc);
  });
  return order.map((key) => ({
    lot: key.startsWith('\u0000') ? null : key,
    documents: groups.get(key) ?? [],
  }));
}
