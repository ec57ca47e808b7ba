// French wording of what the consultation API returns in codes: dates, statuses, sizes, modes.
import type { ApiAccessMode, DocumentSummary, PatientStatus } from '../../api/consult.js';

type DocumentStatus = DocumentSummary['status'];

const STATUS_LABELS: Readonly<Record<DocumentStatus, string>> = {
  approved: 'approuvé',
  archived: 'archivé',
  deprecated: 'obsolète',
  deleted: 'supprimé',
  unknown: 'statut inconnu',
};

export function documentStatusLabel(status: DocumentStatus): string {
  return STATUS_LABELS[status];
}

const ACCESS_LABELS: Readonly<Record<ApiAccessMode, string>> = {
  normal: 'accès normal',
  'bris-de-glace': 'bris de glace',
  'centre-15': 'centre de régulation (centre 15)',
};

export function accessModeLabel(mode: ApiAccessMode): string {
  return ACCESS_LABELS[mode];
}

const DMP_LABELS: Readonly<Record<PatientStatus['dmp'], string>> = {
  ACTIF: 'DMP ouvert',
  FERME: 'DMP fermé',
  INEXISTANT: "Le patient n'a pas de DMP",
  INCONNU: 'État du DMP inconnu',
};

export function dmpStateLabel(state: PatientStatus['dmp']): string {
  return DMP_LABELS[state];
}

/**
 * An HL7 instant (YYYYMMDD[HHMM[SS]], UTC) as French civil time in Paris: « 15/01/2024 à 11:30 »,
 * or the date alone when the time is absent. Unreadable values are shown as they are.
 */
export function formatHl7Date(value: string | null): string {
  if (value === null || value === '') return 'date inconnue';
  const m = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2})?)?/.exec(value);
  if (m === null) return value;
  const [, y, mo, d, h, mi, s] = m;
  if (h === undefined || mi === undefined) return `${d}/${mo}/${y}`;
  const date = new Date(
    Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? '0')),
  );
  if (Number.isNaN(date.getTime())) return value;
  const parts = new Intl.DateTimeFormat('fr-FR', {
    timeZone: 'Europe/Paris',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes): string =>
    parts.find((p) => p.type === type)?.value ?? '';
  return `${part('day')}/${part('month')}/${part('year')} à ${part('hour')}:${part('minute')}`;
}

/** The HL7 instant's day as YYYY-MM-DD (for comparing with date inputs), or null. */
export function hl7Day(value: string | null): string | null {
  const m = value === null ? null : /^(\d{4})(\d{2})(\d{2})/.exec(value);
  return m === null ? null : `${m[1]}-${m[2]}-${m[3]}`;
}

/** « 12 ko », « 1,5 Mo ». */
export function formatSize(bytes: number | null): string {
  if (bytes === null) return '';
  if (bytes < 1024) return `${bytes} octets`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} ko`;
  return `${(bytes / (1024 * 1024)).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo`;
}

/** A document's type as a person reads it: the display name, else the code. */
export function documentTypeLabel(doc: DocumentSummary): string {
  return doc.typeCode.displayName ?? doc.typeCode.code;
}

export function documentTitle(doc: DocumentSummary): string {
  return doc.title ?? documentTypeLabel(doc);
}
