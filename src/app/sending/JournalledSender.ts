// The sending path's DocumentSender that writes one audit journal entry per DMP attempt.
import type {
  DocumentSender,
  LookupOutcome,
  OutgoingDocument,
  SendOutcome,
} from '../../domain/ports/DocumentSender.js';
import type { Logger } from '../../domain/ports/Logger.js';
import { insFromCx } from '../../domain/ins/insCx.js';
import { cdaToDocumentEntry, readCda } from '../../protocol/cda/index.js';
import { patientReference, type AuditJournal } from '../../store/index.js';
import { DmpDocumentSender } from './DmpDocumentSender.js';

/** The patient's INS of a CDA, or undefined when it cannot be read (the sender refuses it). */
function insOf(bytes: Uint8Array): string | undefined {
  const read = readCda(bytes);
  if (!read.ok) return undefined;
  const entry = cdaToDocumentEntry(read.document, { bytes }).entry;
  if (entry === undefined) return undefined;
  try {
    return insFromCx(entry.patientId).matricule;
  } catch {
    return undefined;
  }
}

function resultOf(outcome: SendOutcome | LookupOutcome): string {
  if (outcome.kind === 'accepted' || outcome.kind === 'found') return 'success';
  if (outcome.kind === 'absent') return 'absent';
  return outcome.code ?? outcome.kind;
}

/**
 * A DocumentSender that journals every attempt. The DMP client has no per-call hook, so one entry
 * stands for one attempt: `TD2.1` for a send (TD0.2, and TD3.1b for a replacement, come first in
 * the same attempt), `TD3.1b` for a reconciliation lookup.
 */
export class JournalledSender implements DocumentSender {
  constructor(
    private readonly inner: DocumentSender,
    private readonly journal: AuditJournal,
    private readonly who: { readonly actor: string; readonly structure: string },
    private readonly patientKey: Uint8Array,
    private readonly log?: Logger,
  ) {}

  async send(...args: Parameters<DocumentSender['send']>): Promise<SendOutcome> {
    const outcome = await this.inner.send(...args);
    this.record('TD2.1', args[0], outcome);
    return outcome;
  }

  async findByUniqueId(
    ...args: Parameters<DocumentSender['findByUniqueId']>
  ): Promise<LookupOutcome> {
    const outcome = await this.inner.findByUniqueId(...args);
    this.record('TD3.1b', args[1], outcome);
    return outcome;
  }

  private record(
    transaction: string,
    document: OutgoingDocument,
    outcome: SendOutcome | LookupOutcome,
  ): void {
    // The DMP sender read this attempt's CDA already: parsing it again costs ~15 ms per MB.
    const ins =
      this.inner instanceof DmpDocumentSender
        ? this.inner.patientOf(document)?.matricule
        : insOf(document.bytes);
    try {
      this.journal.append({
        actor: this.who.actor,
        structure: this.who.structure,
        transaction,
        accessMode: 'NORMAL',
        result: resultOf(outcome),
        patientRef: ins === undefined ? null : patientReference(this.patientKey, ins),
        details: {
          uniqueId: document.uniqueId,
          itemId: document.itemId,
          attempt: document.attempt,
          ...('receipt' in outcome && outcome.receipt?.entryUuid !== undefined
            ? { entryUuid: outcome.receipt.entryUuid }
            : {}),
          ...(outcome.kind === 'failed' && 'mayHaveReachedServer' in outcome
            ? { mayHaveReachedServer: outcome.mayHaveReachedServer }
            : {}),
        },
      });
    } catch (error) {
      // The outcome is already recorded in the outbox; a journal failure must not undo it.
      this.log?.error('audit journal append failed', { transaction, error: String(error) });
    }
  }
}
