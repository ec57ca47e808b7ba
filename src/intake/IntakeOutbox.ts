// What the intake needs from the outbox, as the intake sees it. The intake layer may not import the
// store; the composition root (src/app/sending/intakeOutbox.ts) adapts the SQLite outbox to this.
// Every method is synchronous and transactional on the other side: when it returns, it is durable.
import type { CheckProblem, CheckedDocument } from '../domain/ports/DocumentChecker.js';
import type { Reason } from './reasonFile.js';

/** Where a claimed document's files are, and where they go when done. */
export interface IntakeClaimRef {
  readonly claimId: string;
  readonly claimDir: string;
  readonly sentDir: string;
  readonly errorDir: string;
}

export interface IntakeRecord {
  readonly claim: IntakeClaimRef;
  readonly fileName: string;
  readonly sidecarName?: string;
  /** See contentHash.ts. */
  readonly contentHash: string;
}

export type IntakeRecordStatus = 'queued' | 'duplicate' | 'conflict' | 'rejected' | 'existing';

export interface IntakeRecordResult {
  readonly status: IntakeRecordStatus;
  readonly itemId: number;
}

/** A finished document whose files must now leave their claim folder. */
export interface PlacementTask {
  readonly itemId: number;
  readonly destination: 'sent' | 'error';
  readonly claim: IntakeClaimRef;
  readonly fileName: string;
  readonly sidecarName?: string;
  /** The name already chosen in the destination (a resumed move), if any. */
  readonly placedName?: string;
  /** For error/: what the reason file says (its `folder` is filled by the intake). */
  readonly reason?: Omit<Reason, 'folder'>;
}

export interface IntakeOutbox {
  /** The outbox row recorded for this claim, if any (recovery after a crash). */
  findClaim(claimId: string): { readonly itemId: number } | undefined;
  /** Records a document that passed the checks (dedup happens on the other side). */
  enqueue(record: IntakeRecord, document: CheckedDocument): IntakeRecordResult;
  /** Records a document the checks refused. */
  recordRejected(
    record: IntakeRecord,
    problems: readonly CheckProblem[],
    kind?: string,
  ): IntakeRecordResult;
  /** Finished documents whose files are still in a claim folder. */
  pendingPlacements(): readonly PlacementTask[];
  /** Remembers the name chosen in the destination folder before moving anything. */
  choosePlacement(itemId: number, name: string): void;
  /** Forgets a chosen name that another file took meanwhile. */
  resetPlacement(itemId: number): void;
  /** Every file reached its destination. */
  markPlaced(itemId: number): void;
}
