// What the checks learnt about a document, handed to the sender of the same process so that it
// does not read the CDA a second time (a 20 MB level-1 CDA costs ~55 ms to read and hash again).
//
// The key is the intake's content hash (SHA-256 of what was dropped). Before each attempt the
// outbox reads the claimed file again and compares that hash (loadOutgoing): a document found
// here is byte for byte the one that was checked. After a restart nothing is here and the sender
// reads the document itself, as it always could.
//
// Only for documents sent as dropped (a CDA file): a PDF's CDA is built again at each check, with
// another time and setId, so facts of a second check would not describe the payload the outbox
// kept from the first (the checker does not remember those).
//
// Bounded and in memory only: patient identities never reach the disk through it; an entry is
// forgotten once its document is registered or refused, and after an hour in any case (a document
// that waits longer is read again when its turn comes).
import type { DocumentVisibility } from '../../domain/documents/visibility.js';
import type { DocumentEntryInput } from '../../protocol/xds/index.js';

export interface CheckedFacts {
  readonly uniqueId: string;
  /** The XDS DocumentEntry the checks mapped, from the bytes to send, with `visibility`. */
  readonly entry: DocumentEntryInput;
  /** The visibility the entry was mapped with (undefined: the default one). */
  readonly visibility: DocumentVisibility | undefined;
  /** uniqueId of the version this document replaces (relatedDocument RPLC). */
  readonly replacedUniqueId: string | undefined;
}

/** Documents checked and waiting for the DMP; an entry is a few KB (metadata, no content). */
export const DEFAULT_CHECKED_CAPACITY = 2000;
export const CHECKED_FACTS_TTL_MS = 60 * 60 * 1000;

export interface CheckedDocumentsOptions {
  readonly capacity?: number;
  readonly ttlMs?: number;
  readonly now?: () => number;
}

export class CheckedDocuments {
  private readonly facts = new Map<string, { facts: CheckedFacts; at: number }>();
  private readonly capacity: number;
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(options: CheckedDocumentsOptions = {}) {
    this.capacity = options.capacity ?? DEFAULT_CHECKED_CAPACITY;
    this.ttlMs = options.ttlMs ?? CHECKED_FACTS_TTL_MS;
    this.now = options.now ?? Date.now;
  }

  remember(contentHash: string, facts: CheckedFacts): void {
    const now = this.now();
    this.facts.delete(contentHash);
    this.facts.set(contentHash, { facts, at: now });
    // Oldest first (Map keeps insertion order): over capacity or expired.
    for (const [key, entry] of this.facts) {
      if (this.facts.size <= this.capacity && now - entry.at < this.ttlMs) break;
      this.facts.delete(key);
    }
  }

  recall(contentHash: string): CheckedFacts | undefined {
    const entry = this.facts.get(contentHash);
    if (entry === undefined) return undefined;
    if (this.now() - entry.at >= this.ttlMs) {
      this.facts.delete(contentHash);
      return undefined;
    }
    return entry.facts;
  }

  forget(contentHash: string): void {
    this.facts.delete(contentHash);
  }

  get size(): number {
    return this.facts.size;
  }
}
