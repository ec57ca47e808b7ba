/**
 * The document-checking port: what the intake asks of the checks (src/protocol/cda) about one
 * dropped file, without knowing how they are done. The composition root adapts the real checks
 * (CI-SIS header rules, schema, level-1 wrapping of a PDF) to this small shape; tests use a fake.
 *
 * The intake hands over the bytes it claimed (and the sidecar text of a PDF); the checker answers
 * with one of three verdicts:
 * - `accepted`: the document may go to the DMP; carries what the outbox must keep (uniqueId, and
 *   the exact bytes to send when they are not the file itself);
 * - `rejected`: the document can never go as it is; carries the problems in French (they end up in
 *   the reason file beside the document in error/);
 * - `postponed`: the document cannot be checked right now for a reason that will pass by itself
 *   (the card holder is needed to wrap a PDF and no card is inserted…); the intake gives the file
 *   back and tries again later.
 */
import type { DocumentVisibility } from '../documents/visibility.js';

/** One problem found in a document, in the words the user reads. */
export interface CheckProblem {
  /** Stable code (CDA_…, PDF_SIDECAR_MISSING…): tests, logs and documentation key on it. */
  readonly code: string;
  /** French: what is wrong. */
  readonly message: string;
  /** French: what to do about it. */
  readonly fix?: string;
  /** Where in the document (element path, line), when known. */
  readonly where?: string;
}

/** A file the intake claimed, as the checker receives it. */
export interface DocumentToCheck {
  /** The file name as dropped (no folder): reports name it. */
  readonly fileName: string;
  readonly bytes: Uint8Array;
  /** The sidecar metadata file of a PDF (`<same base name>.json`), when one was dropped with it. */
  readonly sidecar?: { readonly fileName: string; readonly text: string };
  /**
   * The intake's SHA-256 of what was dropped (the outbox's content hash), when known: lets the
   * composition root hand what the checks learnt to the sender of the same bytes.
   */
  readonly contentHash?: string;
}

/** What the outbox keeps of a document that passed every check. */
export interface CheckedDocument {
  /** The document's uniqueId, `root` or `root^extension` (CDA `ClinicalDocument/id`). */
  readonly uniqueId: string;
  /** What the file turned out to be ('cda-n1', 'cda-n3', 'pdf'…): reports and logs. */
  readonly kind: string;
  /** Document title, for lists and batch reports. */
  readonly title?: string;
  /** CDA setId (a new version of a document shares it with the previous one). */
  readonly setId?: string;
  /**
   * The exact bytes to send, when they are not the dropped file: a level-1 CDA built around a PDF
   * gets a fresh uniqueId each time it is built, so the outbox stores the built bytes and every
   * attempt (and the reconciliation by uniqueId) concerns the same document.
   */
  readonly payload?: Uint8Array;
  /** Visibility to request, when the document (or its sidecar) decides it. */
  readonly visibility?: DocumentVisibility;
  /** Non-blocking remarks (shown, never stop the sending). */
  readonly warnings?: readonly CheckProblem[];
}

export type DocumentCheckOutcome =
  | { readonly verdict: 'accepted'; readonly document: CheckedDocument }
  | {
      readonly verdict: 'rejected';
      readonly problems: readonly CheckProblem[];
      readonly kind?: string;
    }
  | { readonly verdict: 'postponed'; readonly reason: string };

export interface DocumentChecker {
  /**
   * Checks one claimed file. Throwing counts as `rejected` with the code CHECK_INTERNAL_ERROR: the
   * file goes to error/ where the user sees it, rather than being retried silently forever.
   */
  check(input: DocumentToCheck): DocumentCheckOutcome | Promise<DocumentCheckOutcome>;
}
