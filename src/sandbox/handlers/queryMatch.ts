// Matching stored-query parameters against stored metadata (IHE ITI TF-2a 3.18.4.1.2.3): a list
// means OR, codes match on code and coding scheme, times compare as HL7 DTM with the From bound
// inclusive and the To bound exclusive, author patterns are SQL LIKE patterns.
import {
  DOCUMENT_STATUSES,
  type DocumentEntry,
  type FindDocumentsQuery,
  type FindSubmissionSetsQuery,
  type QueryCode,
  type SubmissionSet,
  type XdsCode,
} from '../../protocol/xds/index.js';

/** DTM padded to 14 digits, so that different precisions compare as instants. */
function dtm(value: string): string {
  return value.replace(/\D/g, '').slice(0, 14).padEnd(14, '0');
}

function inRange(value: string | undefined, from?: string, to?: string): boolean {
  if (from === undefined && to === undefined) return true;
  if (value === undefined) return false;
  const v = dtm(value);
  return (from === undefined || v >= dtm(from)) && (to === undefined || v < dtm(to));
}

function codeMatches(wanted: readonly QueryCode[] | undefined, have: readonly XdsCode[]): boolean {
  if (wanted === undefined || wanted.length === 0) return true;
  return wanted.some((w) =>
    have.some(
      (h) =>
        h.code === w.code && (w.codingScheme === undefined || w.codingScheme === h.codingScheme),
    ),
  );
}

/** SQL LIKE (% any run, _ one character), case-sensitive as XDS registries commonly are. */
function like(pattern: string, value: string): boolean {
  const re = pattern
    .split('')
    .map((ch) => (ch === '%' ? '.*' : ch === '_' ? '.' : ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${re}$`, 's').test(value);
}

export function statusUrns(statuses: readonly (keyof typeof DOCUMENT_STATUSES)[]): string[] {
  return statuses.map((s) => DOCUMENT_STATUSES[s]);
}

export function matchesFindDocuments(q: FindDocumentsQuery, e: DocumentEntry): boolean {
  return (
    codeMatches(q.classCodes, [e.classCode]) &&
    codeMatches(q.typeCodes, [e.typeCode]) &&
    codeMatches(q.practiceSettingCodes, [e.practiceSettingCode]) &&
    codeMatches(q.healthcareFacilityTypeCodes, [e.healthcareFacilityTypeCode]) &&
    codeMatches(q.formatCodes, [e.formatCode]) &&
    codeMatches(q.eventCodes, e.eventCodes ?? []) &&
    codeMatches(q.confidentialityCodes, e.confidentialityCodes) &&
    (q.authorPersons === undefined ||
      q.authorPersons.length === 0 ||
      q.authorPersons.some((p) =>
        e.authors.some((a) => a.person !== undefined && like(p, a.person)),
      )) &&
    inRange(e.creationTime, q.creationTimeFrom, q.creationTimeTo) &&
    inRange(e.serviceStartTime, q.serviceStartTimeFrom, q.serviceStartTimeTo) &&
    inRange(e.serviceStopTime, q.serviceStopTimeFrom, q.serviceStopTimeTo)
  );
}

export function matchesFindSubmissionSets(q: FindSubmissionSetsQuery, s: SubmissionSet): boolean {
  return (
    (q.sourceIds === undefined || q.sourceIds.length === 0 || q.sourceIds.includes(s.sourceId)) &&
    inRange(s.submissionTime, q.submissionTimeFrom, q.submissionTimeTo) &&
    (q.authorPerson === undefined ||
      s.authors.some((a) => a.person !== undefined && like(q.authorPerson ?? '', a.person))) &&
    codeMatches(q.contentTypeCodes, [s.contentTypeCode])
  );
}
