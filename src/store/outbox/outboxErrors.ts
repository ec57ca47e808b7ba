// Typed errors of the outbox. Codes are stable; messages are the French sentences users may see.
import { NavetteError } from '../../domain/errors/NavetteError.js';
import type { OutboxState } from './outboxStates.js';

export type OutboxErrorCode = 'OUTBOX_ITEM_NOT_FOUND' | 'OUTBOX_TRANSITION_INVALID';

/**
 * A row was not where the caller expected it: missing, or in another state than the transition
 * starts from (a programming error, or a second writer on the same database).
 */
export class OutboxError extends NavetteError {
  override readonly name = 'OutboxError';
  declare readonly code: OutboxErrorCode;

  constructor(code: OutboxErrorCode, message: string, details: Readonly<Record<string, unknown>>) {
    super(code, message, details);
  }

  static notFound(id: number): OutboxError {
    return new OutboxError(
      'OUTBOX_ITEM_NOT_FOUND',
      "Ce document n'existe pas dans la file d'envoi de Navette.",
      { id },
    );
  }

  static transition(id: number, from: OutboxState | undefined, to: OutboxState): OutboxError {
    return new OutboxError(
      'OUTBOX_TRANSITION_INVALID',
      "L'état de ce document dans la file d'envoi ne permet pas cette opération. Actualisez " +
        "l'affichage puis réessayez.",
      { id, from: from ?? null, to },
    );
  }
}
