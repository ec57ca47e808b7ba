// The shapes the outbox repository reads and writes. Column names are snake_case in SQL and
// camelCase here; outboxRows.ts converts.
import type { DocumentVisibility } from '../../domain/documents/visibility.js';
import type { CheckProblem } from '../../domain/ports/DocumentChecker.js';
import type { SendReceipt } from '../../domain/ports/DocumentSender.js';
import type { OutboxState } from './outboxStates.js';

/** Where the files of a document claimed from an export folder are, and where they go. */
export interface OutboxClaim {
  /** Unique name of the claim folder (also the idempotency key of "record this claim"). */
  readonly claimId: string;
  /** Absolute path of the claim folder holding the document (and its sidecar). */
  readonly claimDir: string;
  readonly sentDir: string;
  readonly errorDir: string;
}

export interface OutboxItem {
  readonly id: number;
  readonly batchId: number | null;
  readonly state: OutboxState;
  readonly uniqueId: string | null;
  /** SHA-256 hex of what was dropped. */
  readonly contentHash: string;
  readonly kind: string | null;
  readonly title: string | null;
  readonly setId: string | null;
  readonly visibility: DocumentVisibility | null;
  readonly fileName: string;
  readonly sidecarName: string | null;
  readonly claim: OutboxClaim | null;
  /** Attempts started so far (a reconciliation query counts as part of its attempt). */
  readonly attempts: number;
  /** When the row is due (queued, retry-wait). */
  readonly nextAt: Date | null;
  readonly needsReconcile: boolean;
  readonly errorCode: string | null;
  /** French: why the last attempt failed, or why the document was refused. */
  readonly lastError: string | null;
  /** The problems the checks (or the DMP) found, when refused. */
  readonly problems: readonly CheckProblem[] | null;
  readonly duplicateOf: number | null;
  readonly receipt: SendReceipt | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  /** When the row reached a final state. */
  readonly finishedAt: Date | null;
  /** The document's file name in sent/ or error/, once chosen. */
  readonly placedName: string | null;
  readonly placedAt: Date | null;
}

/** What `enqueue` needs: a document that passed the checks. */
export interface EnqueueInput {
  readonly uniqueId: string;
  readonly contentHash: string;
  readonly fileName: string;
  readonly kind: string;
  readonly sidecarName?: string;
  readonly title?: string;
  readonly setId?: string;
  readonly visibility?: DocumentVisibility;
  /** The bytes to send when they are not the dropped file. */
  readonly payload?: Uint8Array;
  readonly claim?: OutboxClaim;
  readonly batchId?: number;
}

/** What `recordRejected` needs: a document the checks refused (kept for the report and recovery). */
export interface RejectedInput {
  readonly contentHash: string;
  readonly fileName: string;
  readonly problems: readonly CheckProblem[];
  readonly kind?: string;
  readonly sidecarName?: string;
  readonly claim?: OutboxClaim;
  readonly batchId?: number;
}

/**
 * - `queued`: a new row waits for the worker;
 * - `duplicate`: the same bytes are already live in the outbox (row `item.duplicateOf`);
 * - `conflict`: a live row carries the same uniqueId with different content: refused;
 * - `rejected`: recorded as refused by the checks (`recordRejected`);
 * - `existing`: this claim was already recorded (a restart after a crash): nothing changed.
 */
export type EnqueueStatus = 'queued' | 'duplicate' | 'conflict' | 'rejected' | 'existing';

export interface EnqueueResult {
  readonly status: EnqueueStatus;
  readonly item: OutboxItem;
}

/** A final row whose files still wait in their claim folder, with what decides where they go. */
export interface PendingPlacement {
  readonly item: OutboxItem;
  /** For a duplicate: the row it repeats (its state decides sent/ or error/). */
  readonly original: OutboxItem | null;
}

export interface Batch {
  readonly id: number;
  readonly label: string;
  readonly createdAt: Date;
}

/** Rows per state (every state present, 0 when none), and their total. */
export type StateCounts = Readonly<Record<OutboxState, number>> & { readonly total: number };

export interface FailureInput {
  /** French, shown to the user. */
  readonly reason: string;
  readonly code?: string;
}

export interface RefusalInput extends FailureInput {
  readonly fix?: string;
  readonly problems?: readonly CheckProblem[];
}

export interface RetryInput extends FailureInput {
  readonly nextAt: Date;
  /** The failed attempt may have reached the DMP: reconcile before the next send. */
  readonly needsReconcile: boolean;
}
