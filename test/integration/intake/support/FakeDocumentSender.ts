// A sender at the DocumentSender port with an in-memory "DMP registry". It counts every request
// that reached the registry, so that a test can prove a document was registered exactly once.
// Behaviours are scripted per uniqueId, first in first out; without a script, a send is accepted.
import type {
  DocumentSender,
  LookupOutcome,
  OutgoingDocument,
  SendAbortSignal,
  SendOutcome,
} from '../../../../src/domain/ports/DocumentSender.js';

export type Script =
  | { readonly kind: 'accept' }
  | { readonly kind: 'refuse'; readonly reason: string; readonly code?: string }
  /** Fails; `reached`: the registry got the document anyway (a reset after the request left). */
  | { readonly kind: 'fail'; readonly reached: boolean; readonly retryAfterMs?: number }
  /** Never answers (until aborted); `reached`: registered before hanging. */
  | { readonly kind: 'hang'; readonly reached: boolean }
  | { readonly kind: 'throw' };

export class FakeDocumentSender implements DocumentSender {
  /** uniqueId → how many times the registry received it (must end at 1). */
  readonly registry = new Map<string, number>();
  readonly sends: OutgoingDocument[] = [];
  readonly lookups: string[] = [];
  private readonly scripts = new Map<string, Script[]>();
  /** Lookups fail this many times before answering. */
  failingLookups = 0;
  /** Added to every send (ms). */
  latencyMs = 0;

  script(uniqueId: string, ...steps: Script[]): void {
    this.scripts.set(uniqueId, [...(this.scripts.get(uniqueId) ?? []), ...steps]);
  }

  async send(document: OutgoingDocument, signal?: SendAbortSignal): Promise<SendOutcome> {
    this.sends.push(document);
    if (this.latencyMs > 0) await new Promise((r) => setTimeout(r, this.latencyMs));
    const step = this.scripts.get(document.uniqueId)?.shift() ?? { kind: 'accept' };
    switch (step.kind) {
      case 'accept':
        this.register(document.uniqueId);
        return { kind: 'accepted', receipt: { entryUuid: `urn:uuid:${document.itemId}` } };
      case 'refuse':
        return { kind: 'refused', reason: step.reason, ...(step.code ? { code: step.code } : {}) };
      case 'fail':
        if (step.reached) this.register(document.uniqueId);
        return {
          kind: 'failed',
          reason: 'Le DMP ne répond pas (délai dépassé).',
          mayHaveReachedServer: step.reached,
          ...(step.retryAfterMs === undefined ? {} : { retryAfterMs: step.retryAfterMs }),
        };
      case 'hang':
        if (step.reached) this.register(document.uniqueId);
        return new Promise<SendOutcome>((resolve) => {
          signal?.addEventListener('abort', () =>
            resolve({ kind: 'failed', reason: 'Envoi interrompu.', mayHaveReachedServer: true }),
          );
        });
      case 'throw':
        throw new Error('boom');
    }
  }

  findByUniqueId(uniqueId: string): Promise<LookupOutcome> {
    this.lookups.push(uniqueId);
    if (this.failingLookups > 0) {
      this.failingLookups -= 1;
      return Promise.resolve({ kind: 'failed', reason: 'Le DMP ne répond pas.' });
    }
    return Promise.resolve(
      this.registry.has(uniqueId)
        ? { kind: 'found', receipt: { entryUuid: 'urn:uuid:found' } }
        : { kind: 'absent' },
    );
  }

  /** Send requests made for `uniqueId` (reconciliations excluded). */
  sendCount(uniqueId: string): number {
    return this.sends.filter((s) => s.uniqueId === uniqueId).length;
  }

  private register(uniqueId: string): void {
    this.registry.set(uniqueId, (this.registry.get(uniqueId) ?? 0) + 1);
  }
}
