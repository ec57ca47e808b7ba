// Errors of the batch operations, in the words the secretary reads.
import { NavetteError } from '../../domain/errors/NavetteError.js';

export type BatchErrorCode =
  'BATCH_NOT_FOUND' | 'BATCH_ITEM_NOT_FOUND' | 'BATCH_EMPTY' | 'BATCH_ITEM_NOT_RESENDABLE';

const STATUS_FR: Readonly<Record<string, string>> = {
  ready: 'prêt, pas encore envoyé',
  queued: "en attente d'envoi",
  sending: "en cours d'envoi",
  waiting: 'un nouvel essai est prévu',
  sent: 'déjà envoyé',
};

export class BatchError extends NavetteError {
  override readonly name = 'BatchError';

  private constructor(code: BatchErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, message, details);
  }

  static notFound(batchId: number): BatchError {
    return new BatchError('BATCH_NOT_FOUND', `Le lot n° ${batchId} n'existe pas.`, { batchId });
  }

  static itemNotFound(itemId: number): BatchError {
    return new BatchError(
      'BATCH_ITEM_NOT_FOUND',
      `Le document n° ${itemId} ne fait pas partie de ce lot.`,
      { itemId },
    );
  }

  static empty(): BatchError {
    return new BatchError(
      'BATCH_EMPTY',
      'Aucun document à vérifier : le dossier est vide ou ne contient que des fichiers ignorés.',
    );
  }

  static notResendable(status: string): BatchError {
    return new BatchError(
      'BATCH_ITEM_NOT_RESENDABLE',
      `Ce document ne peut pas être renvoyé : il est ${STATUS_FR[status] ?? status}.`,
      { status },
    );
  }
}
