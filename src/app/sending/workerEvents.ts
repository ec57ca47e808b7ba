// What the outbox worker reports while it works: progress for the UI and the batch report, the
// intake's cue to move finished files, tests.
import type { SendReceipt } from '../../domain/ports/DocumentSender.js';

interface ItemRef {
  readonly itemId: number;
  readonly batchId: number | null;
}

export type OutboxWorkerEvent =
  /** An attempt starts (`reconcile`: it first asks the DMP whether the document is there). */
  | (ItemRef & {
      readonly type: 'sending';
      readonly uniqueId: string;
      readonly attempt: number;
      readonly reconcile: boolean;
    })
  /** Acknowledged by the DMP, or found there by reconciliation (`reconciled`, nothing resent). */
  | (ItemRef & {
      readonly type: 'sent';
      readonly uniqueId: string;
      readonly reconciled: boolean;
      readonly receipt: SendReceipt | null;
    })
  | (ItemRef & { readonly type: 'refused'; readonly code: string; readonly reason: string })
  | (ItemRef & {
      readonly type: 'retry';
      readonly attempt: number;
      readonly nextAt: Date;
      readonly reason: string;
    })
  /** A card/PIN failure: the row waits (due now) and the worker paused until the card is ready. */
  | (ItemRef & { readonly type: 'held'; readonly code: string; readonly reason: string })
  /** The retry budget ran out. */
  | (ItemRef & { readonly type: 'failed'; readonly reason: string })
  /** At start: rows left in `sending` by a stop or crash, now waiting for reconciliation. */
  | { readonly type: 'recovered'; readonly count: number }
  /** Nothing in flight and nothing due now. */
  | { readonly type: 'idle' }
  /** Something unexpected (the database…); the worker carries on. */
  | { readonly type: 'error'; readonly error: unknown };

export type OutboxWorkerListener = (event: OutboxWorkerEvent) => void;

export { Listeners as EventListeners } from '../../domain/events/Listeners.js';
