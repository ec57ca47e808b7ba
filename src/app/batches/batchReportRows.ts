// The rows of a batch report, in French, shared by the CSV and the HTML renderings: one row per
// document, every outcome (sent, refused, not sent and why), in the batch's order.
import type { Batch, BatchItem, BatchItemStatus } from '../../api/batches.js';

export const REPORT_HEADERS = [
  'N°',
  'Fichier',
  'Titre',
  'Identifiant du document',
  'Statut du DMP du patient',
  'Visibilité',
  'Résultat',
  'Motif',
  'Que faire',
  'Référence DMP',
  'Mis à jour le',
] as const;

export const STATUS_LABELS: Readonly<Record<BatchItemStatus, string>> = {
  ready: 'Prêt (pas encore envoyé)',
  blocked: 'Non envoyé (vérification)',
  queued: "En attente d'envoi",
  sending: "En cours d'envoi",
  waiting: 'Nouvel essai prévu',
  sent: 'Envoyé',
  refused: 'Refusé par le DMP',
  failed: 'Échec (DMP injoignable)',
};

/** French dates in the practice's zone (the report is read in France). */
export function frenchDate(iso: string | Date): string {
  return new Date(iso).toLocaleString('fr-FR', {
    timeZone: 'Europe/Paris',
    dateStyle: 'short',
    timeStyle: 'medium',
  });
}

export function reportRow(item: BatchItem): string[] {
  return [
    String(item.position),
    item.fileName,
    item.title ?? '',
    item.uniqueId ?? '',
    item.dmpStatus ?? '',
    item.visibility ?? '',
    STATUS_LABELS[item.status],
    item.reasons.map((r) => r.message).join(' | '),
    item.reasons.flatMap((r) => (r.fix === undefined ? [] : [r.fix])).join(' | '),
    item.entryUuid ?? '',
    frenchDate(item.updatedAt),
  ];
}

/** One line per status present, e.g. "18 envoyés, 2 non envoyés (vérification)". */
export function countsSummary(batch: Batch): string {
  const parts = (Object.keys(STATUS_LABELS) as BatchItemStatus[])
    .filter((s) => batch.counts[s] > 0)
    .map((s) => `${STATUS_LABELS[s]} : ${batch.counts[s]}`);
  return `${batch.counts.total} document(s) — ${parts.join(' ; ')}`;
}
