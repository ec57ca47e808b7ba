// A DMP document as the consultation screens need it (TD3.1 result): the registry entry's
// metadata in plain fields, its status in short form, its visibility with the alerts the user
// must see (EX_3.1-1080 statuses, EX_3.2-1025 alerts), its lot (REC_3.2-1080) and its place in a
// replacement chain. `entry` keeps the metadata as the DMP sent it: TD3.3 updates start from it.
import { NORMAL_VISIBILITY, type DocumentVisibility } from '../../domain/documents/visibility.js';
import {
  DOCUMENT_STATUSES,
  LOT_SIGNATURE_CODES,
  documentStatusOf,
  parseCodedAttribute,
  parseXcn,
  parseXon,
  visibilityOfEntry,
  type DocumentEntry,
  type XdsAuthor,
  type XdsCode,
} from '../../protocol/xds/index.js';

export type DmpDocumentStatus = 'approved' | 'archived' | 'deprecated' | 'deleted' | 'unknown';

/** The statuses a search may ask for ("deleted" only where the DMP shows them). */
export type DocumentStatusFilter = Exclude<DmpDocumentStatus, 'unknown'>;

export const STATUS_URN: Readonly<Record<DocumentStatusFilter, string>> = {
  approved: DOCUMENT_STATUSES.Approved,
  archived: DOCUMENT_STATUSES.Archived,
  deprecated: DOCUMENT_STATUSES.Deprecated,
  deleted: DOCUMENT_STATUSES.Deleted,
};

export interface DocumentAuthorSummary {
  /** National id (idNat_PS), e.g. 810001234567. */
  readonly id: string | undefined;
  /** "Prénom NOM" as the metadata give it. */
  readonly name: string | undefined;
  readonly specialty: { readonly code: string; readonly label?: string } | undefined;
  readonly institution: string | undefined;
}

export type VisibilityAlertCode =
  'MASQUE_PS' | 'INVISIBLE_PATIENT' | 'INVISIBLE_REPRESENTANTS_LEGAUX' | 'VISIBILITE_INCONNUE';

export interface VisibilityAlert {
  readonly code: VisibilityAlertCode;
  /** French, for the user. */
  readonly message: string;
}

/** Another document of a replacement chain. */
export interface DocumentLink {
  readonly entryUuid: string;
  readonly uniqueId?: string;
  readonly title?: string;
  readonly creationTime?: string;
  readonly status?: DmpDocumentStatus;
}

/** The lot (XDS submission set) a document was sent in. */
export interface DocumentLot {
  readonly entryUuid: string;
  readonly uniqueId?: string;
  readonly submissionTime?: string;
}

export interface DmpDocument {
  readonly uniqueId: string;
  /** The current metadata version's id (TD3.3 targets it). */
  readonly entryUuid: string;
  /** Stable across metadata versions. */
  readonly logicalId: string;
  readonly version: string | undefined;
  readonly title: string | undefined;
  readonly typeCode: XdsCode;
  readonly classCode: XdsCode;
  readonly formatCode: XdsCode;
  /** HL7 DTM, UTC. */
  readonly creationTime: string | undefined;
  readonly serviceStartTime: string | undefined;
  readonly serviceStopTime: string | undefined;
  /** The first author; `authors` has them all. */
  readonly author: DocumentAuthorSummary | undefined;
  readonly authors: readonly DocumentAuthorSummary[];
  readonly status: DmpDocumentStatus;
  readonly visibility: DocumentVisibility;
  /** What the user must be told about this document's visibility (empty when normal). */
  readonly alerts: readonly VisibilityAlert[];
  readonly lot: DocumentLot | undefined;
  /** The earlier version this one replaces (RPLC), when there is one. */
  readonly replaces: DocumentLink | undefined;
  /** The version that replaced this one (RPLC), when there is one. */
  readonly replacedBy: DocumentLink | undefined;
  /** Every earlier version, nearest first (the RPLC chain followed). */
  readonly history: readonly DocumentLink[];
  readonly mimeType: string;
  readonly size: number | undefined;
  /** SHA-1, hex. */
  readonly hash: string | undefined;
  /** Where TD3.2 fetches the content. */
  readonly repositoryUniqueId: string | undefined;
  /** The registry entry as received. */
  readonly entry: DocumentEntry;
}

const ALERTS: Readonly<Record<Exclude<VisibilityAlertCode, 'VISIBILITE_INCONNUE'>, string>> = {
  MASQUE_PS:
    'Document masqué aux professionnels de santé : seuls son auteur, le médecin traitant et le patient le voient.',
  INVISIBLE_PATIENT:
    "Document non visible par le patient : il ne doit pas en prendre connaissance avant une consultation d'annonce.",
  INVISIBLE_REPRESENTANTS_LEGAUX: 'Document non visible par les représentants légaux du patient.',
};

export function statusOfEntry(entry: Pick<DocumentEntry, 'status'>): DmpDocumentStatus {
  switch (documentStatusOf(entry.status)) {
    case 'Approved':
      return 'approved';
    case 'Archived':
      return 'archived';
    case 'Deprecated':
      return 'deprecated';
    case 'Deleted':
      return 'deleted';
    default:
      return 'unknown';
  }
}

function authorOf(a: XdsAuthor): DocumentAuthorSummary {
  let id: string | undefined;
  let name: string | undefined;
  if (a.person !== undefined) {
    try {
      const p = parseXcn(a.person);
      id = p.id === '' ? undefined : p.id;
      const full = [p.given, p.family].filter((s) => s !== undefined && s !== '').join(' ');
      name = full === '' ? undefined : full;
    } catch {
      name = a.person;
    }
  }
  const spec = a.specialties?.[0];
  const specialty = spec === undefined ? undefined : parseCodedAttribute(spec);
  const institution = a.institutions?.[0];
  let institutionName: string | undefined;
  if (institution !== undefined) {
    try {
      institutionName = parseXon(institution).name;
    } catch {
      institutionName = institution;
    }
  }
  return {
    id,
    name,
    specialty:
      specialty === undefined
        ? undefined
        : {
            code: specialty.code,
            ...(specialty.displayName === undefined ? {} : { label: specialty.displayName }),
          },
    institution: institutionName,
  };
}

/** The visibility and its alerts; an unknown code hides nothing and says so. */
function visibilityAndAlerts(entry: DocumentEntry): {
  visibility: DocumentVisibility;
  alerts: VisibilityAlert[];
} {
  try {
    const { visibility } = visibilityOfEntry(entry);
    const alerts: VisibilityAlert[] = [];
    if (visibility.hiddenFromProfessionals)
      alerts.push({ code: 'MASQUE_PS', message: ALERTS.MASQUE_PS });
    if (visibility.hiddenFromPatient)
      alerts.push({ code: 'INVISIBLE_PATIENT', message: ALERTS.INVISIBLE_PATIENT });
    if (visibility.hiddenFromLegalRepresentatives)
      alerts.push({
        code: 'INVISIBLE_REPRESENTANTS_LEGAUX',
        message: ALERTS.INVISIBLE_REPRESENTANTS_LEGAUX,
      });
    return { visibility, alerts };
  } catch {
    // Never guess a document is visible: treat every restriction as possibly set.
    return {
      visibility: {
        hiddenFromProfessionals: true,
        hiddenFromPatient: true,
        hiddenFromLegalRepresentatives: true,
      },
      alerts: [
        {
          code: 'VISIBILITE_INCONNUE',
          message:
            'Visibilité du document inconnue (code non reconnu) : ne le montrez pas au patient sans vérifier.',
        },
      ],
    };
  }
}

/** Whether the entry is a lot's XAdES signature (never shown as a document). */
export function isLotSignature(entry: DocumentEntry): boolean {
  return (
    entry.formatCode.code === LOT_SIGNATURE_CODES.formatCode.code ||
    entry.classCode.code === LOT_SIGNATURE_CODES.classCode.code
  );
}

export function linkOf(entry: DocumentEntry): DocumentLink {
  return {
    entryUuid: entry.entryUuid,
    uniqueId: entry.uniqueId,
    ...(entry.title === undefined ? {} : { title: entry.title }),
    ...(entry.creationTime === undefined ? {} : { creationTime: entry.creationTime }),
    status: statusOfEntry(entry),
  };
}

export interface DocumentRelations {
  readonly lot?: DocumentLot;
  readonly replaces?: DocumentLink;
  readonly replacedBy?: DocumentLink;
  readonly history?: readonly DocumentLink[];
}

export function toDmpDocument(
  entry: DocumentEntry,
  relations: DocumentRelations = {},
): DmpDocument {
  const authors = entry.authors.map(authorOf);
  const { visibility, alerts } = visibilityAndAlerts(entry);
  return {
    uniqueId: entry.uniqueId,
    entryUuid: entry.entryUuid,
    logicalId: entry.logicalId ?? entry.entryUuid,
    version: entry.version,
    title: entry.title,
    typeCode: entry.typeCode,
    classCode: entry.classCode,
    formatCode: entry.formatCode,
    creationTime: entry.creationTime,
    serviceStartTime: entry.serviceStartTime,
    serviceStopTime: entry.serviceStopTime,
    author: authors[0],
    authors,
    status: statusOfEntry(entry),
    visibility: alerts.length === 0 ? NORMAL_VISIBILITY : visibility,
    alerts,
    lot: relations.lot,
    replaces: relations.replaces,
    replacedBy: relations.replacedBy,
    history: relations.history ?? [],
    mimeType: entry.mimeType,
    size: entry.size,
    hash: entry.hash,
    repositoryUniqueId: entry.repositoryUniqueId,
    entry,
  };
}

/** Documents grouped by lot, in the order of their first document (REC_3.2-1080). */
export function groupByLot(
  documents: readonly DmpDocument[],
): { readonly lot: DocumentLot | undefined; readonly documents: readonly DmpDocument[] }[] {
  const groups = new Map<string, { lot: DocumentLot | undefined; documents: DmpDocument[] }>();
  for (const d of documents) {
    const key = d.lot?.entryUuid ?? `-${d.entryUuid}`;
    const group = groups.get(key) ?? { lot: d.lot, documents: [] };
    group.documents.push(d);
    groups.set(key, group);
  }
  return [...groups.values()];
}
