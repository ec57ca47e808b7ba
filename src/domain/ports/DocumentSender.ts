/**
 * The document-sending port: how the outbox worker (src/app/sending) hands one document to the DMP
 * without knowing the DMP client (src/dmp: TD0.2, TD2.1/TD2.2, signatures, transport). Tests use a
 * fake that counts what reached its registry.
 *
 * Exactly once depends on two answers being honest:
 * - `send` says `failed` with `mayHaveReachedServer: true` whenever the request may have been
 *   processed (a timeout or a reset after the request left). The outbox then never resends before
 *   asking `findByUniqueId`.
 * - `findByUniqueId` says `found` only when the DMP holds this uniqueId AND the registered
 *   document is ours (same patient, same content); a foreign document with our uniqueId is a
 *   conflict that `send` reports as `refused`.
 * Neither method should throw: a thrown error counts as `failed` with `mayHaveReachedServer: true`.
 */
import type { DocumentVisibility } from '../documents/visibility.js';

/** What the outbox gives the sender for one attempt. */
export interface OutgoingDocument {
  /** Outbox row id (logs, progress). */
  readonly itemId: number;
  /** `root` or `root^extension`: the idempotency key the DMP knows. */
  readonly uniqueId: string;
  /** SHA-256 (hex) of what was dropped (the file, or the PDF and its sidecar). */
  readonly contentHash: string;
  /** 'cda-n1', 'cda-n3', 'pdf'… as the checks said. */
  readonly kind: string;
  /** The file name as dropped. */
  readonly fileName: string;
  /** The document to send: the built CDA when the checks built one, else the dropped file. */
  readonly bytes: Uint8Array;
  /** The sidecar of a PDF, when there was one. */
  readonly sidecarText?: string;
  readonly visibility?: DocumentVisibility;
  readonly title?: string;
  readonly setId?: string;
  /** 1 for the first attempt, then 2, 3… (reconciliations included). */
  readonly attempt: number;
  readonly batchId?: number;
}

/** What the DMP answered about a registered document (kept with the outbox row, shown in reports). */
export interface SendReceipt {
  /** The registry's entryUUID of the document. */
  readonly entryUuid?: string;
  /** DMP status of the patient's record at the time (TD0.2), when known. */
  readonly dmpStatus?: string;
  /** Other non-identifying facts (submission set id, registry warnings). */
  readonly details?: Readonly<Record<string, string | number | boolean>>;
}

export type SendOutcome =
  | { readonly kind: 'accepted'; readonly receipt?: SendReceipt }
  /** Final: the DMP (or the rights matrix) will never take this document as it is. */
  | {
      readonly kind: 'refused';
      /** French: what the DMP said, in words the user understands. */
      readonly reason: string;
      /** French: what to do. */
      readonly fix?: string;
      readonly code?: string;
    }
  /** Retryable: network, server load, card absent… */
  | {
      readonly kind: 'failed';
      /** French, shown while the document waits for its next attempt. */
      readonly reason: string;
      /** True unless the request certainly did not leave (then a retry cannot duplicate). */
      readonly mayHaveReachedServer: boolean;
      readonly code?: string;
      /** Earliest sensible retry, when the server said so. */
      readonly retryAfterMs?: number;
    };

export type LookupOutcome =
  | { readonly kind: 'found'; readonly receipt?: SendReceipt }
  | { readonly kind: 'absent' }
  | {
      readonly kind: 'failed';
      readonly reason: string;
      readonly code?: string;
      readonly retryAfterMs?: number;
    };

/** The part of an AbortSignal a sender needs (the domain layer sees no DOM or Node types). */
export interface SendAbortSignal {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

export interface DocumentSender {
  /** One attempt at registering `document` in the patient's DMP. */
  send(document: OutgoingDocument, signal?: SendAbortSignal): Promise<SendOutcome>;
  /**
   * Whether the DMP already holds our document with this uniqueId (reconciliation, TD3.1b). The
   * document comes along because every DMP query runs in a patient's context (the VIHF names the
   * patient); `uniqueId` is always `document.uniqueId`.
   */
  findByUniqueId(
    uniqueId: string,
    document: OutgoingDocument,
    signal?: SendAbortSignal,
  ): Promise<LookupOutcome>;
}
