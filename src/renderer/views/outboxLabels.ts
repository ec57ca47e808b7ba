// French words for the outbox and batch states (the API speaks codes).
import type { BatchItemStatus } from '../../api/batches.js';
import type { OutboxItemSummary } from '../../api/outbox.js';

export const OUTBOX_STATE_LABELS: Readonly<Record<OutboxItemSummary['state'], string>> = {
  queued: 'en attente',
  sending: "en cours d'envoi",
  'retry-wait': 'nouvel essai prévu',
  sent: 'envoyé',
  refused: 'refusé par le DMP',
  failed: 'en échec',
  duplicate: 'doublon (déjà envoyé)',
};

export const BATCH_STATUS_LABELS: Readonly<Record<BatchItemStatus, string>> = {
  ready: 'prêt',
  blocked: 'bloqué',
  queued: 'en attente',
  sending: "en cours d'envoi",
  waiting: 'nouvel essai prévu',
  sent: 'envoyé',
  refused: 'refusé par le DMP',
  failed: 'en échec',
};

/** What to do, by state, when the row gives no reason. */
export const OUTBOX_STATE_HINTS: Readonly<Partial<Record<OutboxItemSummary['state'], string>>> = {
  failed:
    "Le DMP n'a pas pu être joint à temps : vérifiez la connexion puis cliquez « Réessayer ».",
  refused: 'Corrigez le document dans votre logiciel puis exportez-le à nouveau.',
};
