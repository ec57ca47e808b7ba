// From registry entries to consultation documents, the way the DMP's consultation guidance asks
// (DMP-INTERFACE §10): lot signatures left out, metadata versions collapsed (an ITI-57 update
// leaves the old version Deprecated with the same uniqueId), then the associations fetched with
// GetAssociations in batches of 20 — HasMember gives each document's lot, RPLC which document
// replaces which — and the replacement chains followed with GetDocumentsAndAssociations for the
// versions the search itself did not return. Lots whose uniqueId is still unknown are read with
// one FindSubmissionSets.
import {
  ASSOCIATION_TYPES,
  toXdsDateTime,
  type DocumentEntry,
  type SubmissionSet,
  type XdsAssociation,
} from '../../protocol/xds/index.js';
import {
  inBatches,
  registryQuery,
  type RegistryQueryContext,
} from '../transactions/registryQuery.js';
import {
  isLotSignature,
  linkOf,
  toDmpDocument,
  type DmpDocument,
  type DocumentLink,
  type DocumentLot,
} from './DmpDocument.js';

/** How far a replacement chain is followed (a guard against a cyclic registry). */
const MAX_CHAIN = 20;

export interface RelationInput {
  readonly entries: readonly DocumentEntry[];
  /** Associations already known (from GetDocumentsAndAssociations). */
  readonly associations?: readonly XdsAssociation[];
  /** Lots already known (from FindSubmissionSets). */
  readonly submissionSets?: readonly SubmissionSet[];
  /** Fetch earlier versions the search did not return (default true). */
  readonly followReplacements?: boolean;
}

function versionOf(e: DocumentEntry): number {
  const n = Number(e.version ?? '1');
  return Number.isFinite(n) ? n : 1;
}

/** One entry per uniqueId: the current metadata version (not Deprecated, then the latest). */
export function currentVersions(entries: readonly DocumentEntry[]): DocumentEntry[] {
  const byId = new Map<string, DocumentEntry>();
  for (const e of entries) {
    if (isLotSignature(e)) continue;
    const seen = byId.get(e.uniqueId);
    if (seen === undefined) {
      byId.set(e.uniqueId, e);
      continue;
    }
    const deprecated = (x: DocumentEntry) => x.status?.endsWith(':Deprecated') === true;
    const better =
      deprecated(seen) !== deprecated(e) ? deprecated(seen) : versionOf(e) > versionOf(seen);
    if (better) byId.set(e.uniqueId, e);
  }
  return [...byId.values()];
}

/** Both ids a document is known by in associations: this version's and the first one's. */
function idsOf(e: DocumentEntry): string[] {
  return e.logicalId === undefined || e.logicalId === e.entryUuid
    ? [e.entryUuid]
    : [e.entryUuid, e.logicalId];
}

async function associationsFor(
  ctx: RegistryQueryContext,
  ids: readonly string[],
): Promise<XdsAssociation[]> {
  const answers = await inBatches(ids, (batch) =>
    registryQuery(ctx, { kind: 'GetAssociations', entryUuids: batch }),
  );
  return answers.flatMap((a) => a.associations);
}

async function documentsAndAssociations(
  ctx: RegistryQueryContext,
  ids: readonly string[],
): Promise<{ entries: DocumentEntry[]; associations: XdsAssociation[] }> {
  const answers = await inBatches(ids, (batch) =>
    registryQuery(ctx, { kind: 'GetDocumentsAndAssociations', entryUuids: batch }),
  );
  return {
    entries: answers.flatMap((a) => a.documentEntries),
    associations: answers.flatMap((a) => a.associations),
  };
}

function dedupe(associations: readonly XdsAssociation[]): XdsAssociation[] {
  const byId = new Map<string, XdsAssociation>();
  for (const a of associations) byId.set(`${a.id}|${a.sourceObject}|${a.targetObject}`, a);
  return [...byId.values()];
}

/** Builds the documents with their lot, replacement links and history. */
export async function withRelations(
  ctx: RegistryQueryContext,
  input: RelationInput,
): Promise<DmpDocument[]> {
  const entries = currentVersions(input.entries);
  if (entries.length === 0) return [];
  const known = new Map<string, DocumentEntry>();
  const remember = (e: DocumentEntry) => {
    for (const id of idsOf(e)) if (!known.has(id)) known.set(id, e);
  };
  entries.forEach(remember);

  let associations = [...(input.associations ?? [])];
  const covered = new Set(associations.flatMap((a) => [a.sourceObject, a.targetObject]));
  const missing = [...new Set(entries.flatMap(idsOf))].filter((id) => !covered.has(id));
  associations = dedupe([...associations, ...(await associationsFor(ctx, missing))]);

  // Follow RPLC targets the search did not return (earlier versions), level by level.
  if (input.followReplacements ?? true) {
    const unreachable = new Set<string>();
    for (let depth = 0; depth < MAX_CHAIN; depth++) {
      const wanted = [
        ...new Set(
          associations
            .filter((a) => a.associationType === ASSOCIATION_TYPES.RPLC)
            .flatMap((a) => [a.targetObject, a.sourceObject])
            .filter((id) => !known.has(id) && !unreachable.has(id)),
        ),
      ];
      if (wanted.length === 0) break;
      const more = await documentsAndAssociations(ctx, wanted);
      more.entries.forEach(remember);
      associations = dedupe([...associations, ...more.associations]);
      // Ids the DMP would not return (not visible to the caller) stop the chain there.
      for (const id of wanted) if (!known.has(id)) unreachable.add(id);
    }
  }

  const rplc = associations.filter((a) => a.associationType === ASSOCIATION_TYPES.RPLC);
  const linkTo = (id: string): DocumentLink => {
    const e = known.get(id);
    return e === undefined ? { entryUuid: id } : linkOf(e);
  };
  const replacesOf = (e: DocumentEntry): string | undefined =>
    rplc.find((a) => idsOf(e).includes(a.sourceObject))?.targetObject;
  const replacedByOf = (e: DocumentEntry): string | undefined =>
    rplc.find((a) => idsOf(e).includes(a.targetObject))?.sourceObject;

  const sets = new Map((input.submissionSets ?? []).map((s) => [s.entryUuid, s]));
  // The lot that brought the document: membership of its first version (lid) first, since an
  // ITI-57 update makes the new version a member of the update's own submission set.
  const lotIdOf = (e: DocumentEntry): string | undefined => {
    for (const id of [...idsOf(e)].reverse()) {
      const found = associations.find(
        (a) =>
          a.associationType === ASSOCIATION_TYPES.HasMember &&
          a.targetObject === id &&
          !known.has(a.sourceObject),
      );
      if (found !== undefined) return found.sourceObject;
    }
    return undefined;
  };
  const unknownLots = entries
    .map(lotIdOf)
    .filter((id): id is string => id !== undefined && !sets.has(id));
  if (unknownLots.length > 0) {
    // Lots are submitted after their documents were written: the oldest creation time bounds them.
    const times = entries.map((e) => e.creationTime).filter((t): t is string => t !== undefined);
    const from = times.length === entries.length ? times.sort()[0] : undefined;
    const answer = await registryQuery(ctx, {
      kind: 'FindSubmissionSets',
      patientId: entries[0]?.patientId ?? '',
      statuses: ['Approved'],
      ...(from === undefined ? {} : { submissionTimeFrom: from.slice(0, 8) }),
    });
    for (const s of answer.submissionSets) sets.set(s.entryUuid, s);
  }
  const lotOf = (e: DocumentEntry): DocumentLot | undefined => {
    const id = lotIdOf(e);
    if (id === undefined) return undefined;
    const s = sets.get(id);
    return s === undefined
      ? { entryUuid: id }
      : { entryUuid: id, uniqueId: s.uniqueId, submissionTime: s.submissionTime };
  };

  return entries.map((e) => {
    const history: DocumentLink[] = [];
    const seen = new Set<string>(idsOf(e));
    for (let at = replacesOf(e); at !== undefined && !seen.has(at);) {
      seen.add(at);
      history.push(linkTo(at));
      const older = known.get(at);
      at = older === undefined ? undefined : replacesOf(older);
    }
    const replaces = replacesOf(e);
    const replacedBy = replacedByOf(e);
    const lot = lotOf(e);
    return toDmpDocument(e, {
      ...(lot === undefined ? {} : { lot }),
      ...(replaces === undefined ? {} : { replaces: linkTo(replaces) }),
      ...(replacedBy === undefined ? {} : { replacedBy: linkTo(replacedBy) }),
      history,
    });
  });
}

/** HL7 DTM (UTC) of a Date; strings are taken as DTM already. */
export function dtmOf(value: Date | string): string {
  return typeof value === 'string' ? value : toXdsDateTime(value);
}
