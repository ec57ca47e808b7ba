// What one `documents()` call asks the DMP, and how the list says it in French (`scope`): the
// first look (approved documents of the last two years), a date, or "since my last visit" (the
// user's cursor, or the first look when there is none yet); archived and deprecated documents
// only when asked; class and type filters.
import type { DocumentSearchRequest } from '../../api/consult.js';
import type { DmpAccess, DmpClient, DmpDocument } from '../../dmp/index.js';
import type { Ins } from '../../domain/ins/ins.js';
import type { LastVisit } from './lastVisit.js';
import { searchDocuments, type ScreenSearch } from './searchDocuments.js';

export const TWO_YEARS_MS = 2 * 365.25 * 24 * 3600 * 1000;

export interface DocumentQuery {
  /** French: what was searched. */
  readonly scope: string;
  /** Journal detail: 'first-look', a date, or 'last-visit'. */
  readonly since: string;
  run(client: DmpClient, ins: Ins, access: DmpAccess): Promise<readonly DmpDocument[]>;
}

/** ISO time → JJ/MM/AAAA. */
export function frenchDate(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d ?? '?'}/${m ?? '?'}/${y ?? '?'}`;
}

/** The filters the DMP query does not carry: codes, an upper creation date, visibility flags. */
export function keepCodes(
  documents: readonly DmpDocument[],
  request: DocumentSearchRequest,
): DmpDocument[] {
  const keep = (wanted: readonly string[] | undefined, code: string) =>
    wanted === undefined || wanted.length === 0 || wanted.includes(code);
  const until = request.until?.replaceAll('-', '');
  const flags = request.visibility ?? {};
  return documents.filter(
    (d) =>
      keep(request.classCodes, d.classCode.code) &&
      keep(request.typeCodes, d.typeCode.code) &&
      (until === undefined || (d.creationTime ?? '').slice(0, 8) < until) &&
      Object.entries(flags).every(
        ([flag, wanted]) =>
          wanted === undefined || d.visibility[flag as keyof DmpDocument['visibility']] === wanted,
      ),
  );
}

export function documentQueryOf(
  request: DocumentSearchRequest,
  lastVisit: LastVisit | undefined,
  now: Date,
): DocumentQuery {
  const statuses: ScreenSearch['statuses'] = request.allStatuses
    ? ['approved', 'archived', 'deprecated']
    : ['approved'];
  const since = request.since ?? 'first-look';
  if (lastVisit !== undefined) {
    return {
      scope: `documents déposés depuis votre dernière consultation (${frenchDate(lastVisit.at)})`,
      since,
      run: (client, ins, access) =>
        client
          .findDocumentsSince(ins, lastVisit.cursor, access, { statuses })
          .then((r) => keepCodes(r.documents, request)),
    };
  }
  const dated = request.since !== undefined && request.since !== 'last-visit';
  const from = dated
    ? new Date(`${request.since}T00:00:00Z`)
    : new Date(now.getTime() - TWO_YEARS_MS);
  const what = request.allStatuses
    ? 'documents (approuvés, archivés et remplacés)'
    : 'documents approuvés';
  const scope = dated
    ? `${what} créés depuis le ${frenchDate(from.toISOString())}`
    : `${what} des deux dernières années${request.since === 'last-visit' ? ' (première consultation de ce patient)' : ''}`;
  const codes = (list: readonly string[] | undefined) => (list ?? []).map((code) => ({ code }));
  return {
    scope,
    since,
    run: (client, ins, access) =>
      searchDocuments(client, ins, access, {
        statuses,
        createdFrom: from,
        ...(request.classCodes === undefined ? {} : { classCodes: codes(request.classCodes) }),
        ...(request.typeCodes === undefined ? {} : { typeCodes: codes(request.typeCodes) }),
      }).then((documents) => keepCodes(documents, request)),
  };
}
