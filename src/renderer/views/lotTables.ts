// The tables of the Lot wizard: the pre-flight (one row per document: patient's DMP, type,
// problems and their fix) and the report (the outcome of each, with « Renvoyer » once fixed).
import type { Batch, BatchItem } from '../../api/batches.js';
import { button, el } from '../shell/dom.js';
import { BATCH_STATUS_LABELS } from './outboxLabels.js';

const DMP_STATUS: Readonly<Record<string, string>> = {
  ACTIF: 'DMP ouvert',
  FERME: 'DMP fermé',
  INEXISTANT: 'pas de DMP',
  INCONNU: 'inconnu',
};

/** The patient's DMP, in words. */
export function dmpStatusText(status: string | null): string {
  if (status === null) return 'non vérifié';
  return DMP_STATUS[status] ?? status;
}

function problems(item: BatchItem): Node {
  if (item.reasons.length === 0) return document.createTextNode('');
  return el(
    'ul',
    { class: 'problemes' },
    ...item.reasons.map((r) =>
      el(
        'li',
        {},
        r.message,
        r.fix === undefined ? null : el('span', { class: 'correction' }, ` Correction : ${r.fix}`),
      ),
    ),
  );
}

function header(labels: readonly string[]): HTMLTableSectionElement {
  return el('thead', {}, el('tr', {}, ...labels.map((h) => el('th', { scope: 'col' }, h))));
}

/** « 18 prêt(s), 2 bloqué(s) »: the non-zero counts, in words. */
export function countsText(batch: Batch): string {
  const parts: string[] = [];
  for (const [status, label] of Object.entries(BATCH_STATUS_LABELS)) {
    const n = batch.counts[status as keyof Batch['counts']];
    if (n > 0) parts.push(`${n} ${label}`);
  }
  return `${batch.counts.total} document(s) : ${parts.join(', ')}.`;
}

export function preflightTable(batch: Batch): HTMLTableElement {
  return el(
    'table',
    { id: 'lot-precontrole' },
    el('caption', {}, `Pré-contrôle du lot « ${batch.label} »`),
    header([
      'N°',
      'Fichier',
      'Type de document',
      'DMP du patient',
      'État',
      'Problèmes et correction',
    ]),
    el(
      'tbody',
      {},
      ...batch.items.map((item) =>
        el(
          'tr',
          { 'data-item': item.id, 'data-statut': item.status },
          el('td', {}, String(item.position)),
          el('td', {}, item.fileName),
          el('td', {}, item.title ?? ''),
          el('td', {}, dmpStatusText(item.dmpStatus)),
          el('td', { class: `etat statut-${item.status}` }, BATCH_STATUS_LABELS[item.status]),
          el('td', {}, problems(item)),
        ),
      ),
    ),
  );
}

const RESENDABLE = new Set(['blocked', 'refused', 'failed']);

export function reportTable(batch: Batch, resend: (item: BatchItem) => void): HTMLTableElement {
  return el(
    'table',
    { id: 'lot-compte-rendu' },
    el('caption', {}, `Compte rendu du lot « ${batch.label} »`),
    header(['N°', 'Fichier', 'Type de document', 'Résultat', 'Raison et correction', 'Action']),
    el(
      'tbody',
      {},
      ...batch.items.map((item) =>
        el(
          'tr',
          { 'data-item': item.id, 'data-statut': item.status },
          el('td', {}, String(item.position)),
          el('td', {}, item.fileName),
          el('td', {}, item.title ?? ''),
          el('td', { class: `etat statut-${item.status}` }, BATCH_STATUS_LABELS[item.status]),
          el('td', {}, problems(item)),
          el(
            'td',
            { class: 'no-print' },
            RESENDABLE.has(item.status)
              ? button('Renvoyer', () => resend(item), {
                  'aria-label': `Renvoyer ${item.fileName} après correction`,
                })
              : null,
          ),
        ),
      ),
    ),
  );
}
