// What the checks learnt about a document, handed to the sender of the same process so that it
// does not read the CDA a second time (a 20 MB level-1 CDA costs ~55 ms to read and hash again).
//
// The key is the intake's content hash (SHA-256 of what was dropped). Before each attempt the
// outbox reads the claimed file again and compares that hash (loadOutgoing): a document found
// here is byte for byte the one that was checked. After a restart nothing is here and the sender
// reads the document itself, as it always could.
//
// Bounded and in memory only: patient identities never reach the disk through it, and an entry is
// forgotten once its document is registered or refused.
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

export class CheckedDocuments {
  private readonly facts = new Map<string, CheckedFacts>();

  constructor(private readonly capacity = DEFAULT_CHECKED_CAPACITY) {}

  remember(contentHash: string, facts: CheckedFacts): void {
    this.facts.delete(contentHash);
    this.facts.set(contentHash, facts);
    // Oldest first: Map keeps insertion order.
    for (const key of this.facts.keys()) {
      if (this.facts.size <= this.capacity) break;
      this.facts.delete(key);
    }
  }

  recall(contentHash: string): CheckedFacts | undefined {
    return this.facts.get(contentHash);
  }

  forget(contentHash: string): void {
    this.facts.delete(contentHash);
  }

  get size(): number {
    return this.facts.size;
  }
}
