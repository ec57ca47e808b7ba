// Batches for secretaries (issue 5): a folder or a list of files checked together without sending
// anything (pre-flight), then sent through THE outbox — the same rows, dedup and worker as the
// export folders, so a document goes to the DMP exactly once whichever way it came — with progress
// events, a report, and a refused document sent again once fixed. See docs/sending.md "Batches".
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { Batch, BatchEvent, BatchPreflightRequest } from '../../api/batches.js';
import { Listeners } from '../../domain/events/Listeners.js';
import type { Logger } from '../../domain/ports/Logger.js';
import { isIgnoredName } from '../../intake/index.js';
import type { Database } from '../../store/index.js';
import { BatchRepository, type StoredBatchItem } from '../../store/batches/index.js';
import type { OutboxRepository } from '../../store/outbox/index.js';
import type { OutboxWorkerEvent } from '../sending/workerEvents.js';
import { batchCsv } from './batchCsv.js';
import { batchHtml } from './batchHtml.js';
import { SETTLED, batchView, countsOf, fieldsFromOutbox, itemView } from './batchView.js';
import { BatchError } from './BatchError.js';
import {
  preflightFile,
  type PreflightDependencies,
  type PreflightDocument,
  type PreflightOutcome,
} from './preflightFile.js';

/** What the batch service needs of the outbox worker (the service's, or the CLI's own). */
export interface BatchWorker {
  wake(): void;
  onEvent(listener: (event: OutboxWorkerEvent) => void): () => void;
}

export interface BatchServiceOptions {
  readonly db: Database;
  /** The repository the worker takes its rows from. */
  readonly outbox: OutboxRepository;
  readonly preflight: PreflightDependencies;
  readonly worker: BatchWorker;
  readonly now?: () => Date;
  readonly log?: Logger;
}

export type BatchReportFormat = 'csv' | 'html';

/** The files of a folder a batch takes: regular files, not the ones the intake ignores. */
export function filesOfFolder(folder: string): string[] {
  return (
    readdirSync(folder, { withFileTypes: true })
      .filter((e) => e.isFile() && !isIgnoredName(e.name))
      // A PDF's sidecar travels with its PDF (preflightFile reads it), never alone.
      .filter(
        (e, _, all) =>
          !isSidecarOf(
            e.name,
            all.map((o) => o.name),
          ),
      )
      .map((e) => path.join(folder, e.name))
      .sort((a, b) => a.localeCompare(b, 'fr'))
  );
}

function isSidecarOf(name: string, names: readonly string[]): boolean {
  if (path.extname(name).toLowerCase() !== '.json') return false;
  const base = path.parse(name).name;
  return names.some((n) => path.extname(n).toLowerCase() === '.pdf' && path.parse(n).name === base);
}

export class BatchService {
  private readonly repo: BatchRepository;
  private readonly events = new Listeners<BatchEvent>();
  /** What the pre-flight read, by item id, so that what is sent is what was checked. */
  private readonly checked = new Map<number, PreflightDocument>();
  private readonly unsubscribe: () => void;

  constructor(private readonly opts: BatchServiceOptions) {
    this.repo = new BatchRepository(opts.db, opts.now);
    this.unsubscribe = opts.worker.onEvent((event) => this.onWorkerEvent(event));
  }

  onEvent(listener: (event: BatchEvent) => void): () => void {
    return this.events.add(listener);
  }

  dispose(): void {
    this.unsubscribe();
  }

  /** Creates a batch and checks every document; nothing is sent. */
  async preflight(request: BatchPreflightRequest): Promise<Batch> {
    const files =
      'folder' in request
        ? filesOfFolder(path.resolve(request.folder))
        : request.files.map((f) => path.resolve(f));
    if (files.length === 0) throw BatchError.empty();
    const source = 'folder' in request ? path.resolve(request.folder) : 'fichiers';
    const outcomes: PreflightOutcome[] = [];
    for (const file of files) outcomes.push(await preflightFile(file, this.opts.preflight));
    const label = request.label?.trim() || defaultLabel((this.opts.now ?? (() => new Date()))());
    const created = this.opts.outbox.createBatch(label);
    const batch = this.repo.create(
      created.id,
      source,
      outcomes.map((o, i) => ({ filePath: files[i] ?? '', ...o.fields })),
    );
    this.repo.items(batch.id).forEach((item, i) => {
      const document = outcomes[i]?.document;
      if (document !== undefined) this.checked.set(item.id, document);
    });
    this.opts.log?.info('batch checked', { batchId: batch.id, files: files.length });
    return this.mustView(batch.id);
  }

  get(batchId: number): Batch | undefined {
    const batch = this.repo.get(batchId);
    if (batch === undefined) return undefined;
    this.refresh(batchId);
    return this.mustView(batchId);
  }

  list(): Batch[] {
    return this.repo.list().map((b) => this.mustView(b.id));
  }

  /** Puts every ready document of the batch in the outbox; progress comes as events. */
  async send(batchId: number): Promise<Batch> {
    this.mustExist(batchId);
    for (const item of this.repo.items(batchId)) {
      if (item.status === 'ready' && item.outboxItemId === null) await this.enqueue(item);
    }
    this.repo.setState(batchId, 'sending');
    this.opts.worker.wake();
    this.settle(batchId);
    return this.mustView(batchId);
  }

  /**
   * Resolves when every document of the batch has its outcome; with `untilWaiting`, as soon as
   * none is queued or being sent (the rest wait for a retry, hours away perhaps: a command-line
   * run reports them as waiting and the service sends them later).
   */
  whenDone(batchId: number, opts: { readonly untilWaiting?: boolean } = {}): Promise<Batch> {
    this.mustExist(batchId);
    return new Promise((resolve) => {
      const check = (): boolean => {
        this.refresh(batchId);
        const view = this.mustView(batchId);
        const waitingOnly =
          opts.untilWaiting === true &&
          view.counts.queued + view.counts.sending + view.counts.ready === 0;
        if (view.state !== 'done' && !waitingOnly) return false;
        off();
        resolve(this.mustView(batchId));
        return true;
      };
      const off = this.events.add((e) => {
        if (e.batchId === batchId) check();
      });
      check();
    });
  }

  /**
   * Checks one document again (its file was fixed) and sends it if it passes. Only a document
   * that did not go (blocked, refused, failed) may be sent again.
   */
  async resend(batchId: number, itemId: number): Promise<Batch> {
    this.mustExist(batchId);
    this.refresh(batchId);
    const item = this.repo.item(itemId);
    if (item === undefined || item.batchId !== batchId) throw BatchError.itemNotFound(itemId);
    if (!['blocked', 'refused', 'failed'].includes(item.status)) {
      throw BatchError.notResendable(item.status);
    }
    const previous =
      item.outboxItemId === null ? undefined : this.opts.outbox.get(item.outboxItemId);
    const outcome = await preflightFile(item.filePath, this.opts.preflight);
    const document = outcome.document;
    if (
      previous?.state === 'failed' &&
      document !== undefined &&
      document.contentHash === previous.contentHash
    ) {
      // The same document ran out of attempts: give its row another chance (it keeps its
      // reconciliation flag: the last attempt may have reached the DMP).
      this.opts.outbox.requeue(previous.id);
      this.repo.updateItem(itemId, { ...outcome.fields, status: 'queued' });
    } else {
      this.repo.updateItem(itemId, { ...outcome.fields, outboxItemId: null, entryUuid: null });
      if (document !== undefined) {
        this.checked.set(itemId, document);
        await this.enqueue(this.mustItem(itemId));
      }
    }
    this.repo.setState(batchId, 'sending');
    this.opts.worker.wake();
    this.emitItem(this.mustItem(itemId));
    this.settle(batchId);
    return this.mustView(batchId);
  }

  /** The report: every document with its outcome, in French (CSV for a spreadsheet, or HTML). */
  report(batchId: number, format: BatchReportFormat): string {
    const batch = this.get(batchId);
    if (batch === undefined) throw BatchError.notFound(batchId);
    const at = (this.opts.now ?? (() => new Date()))();
    return format === 'csv' ? batchCsv(batch) : batchHtml(batch, at);
  }

  private async enqueue(item: StoredBatchItem): Promise<void> {
    let document = this.checked.get(item.id);
    if (document === undefined || item.contentHash !== document.contentHash) {
      // Checked by another process, or before a restart: check again rather than send unchecked.
      const outcome = await preflightFile(item.filePath, this.opts.preflight);
      this.repo.updateItem(item.id, outcome.fields);
      if (outcome.document === undefined) return;
      document = outcome.document;
    }
    const doc = document.checked;
    const { status, item: row } = this.opts.outbox.enqueue({
      uniqueId: doc.uniqueId,
      contentHash: document.contentHash,
      fileName: document.fileName,
      kind: doc.kind,
      // Always stored: a batch document has no claim folder, and every attempt must send these
      // exact bytes (the ones checked).
      payload: doc.payload ?? document.bytes,
      batchId: item.batchId,
      ...(document.sidecarName === undefined ? {} : { sidecarName: document.sidecarName }),
      ...(doc.title === undefined ? {} : { title: doc.title }),
      ...(doc.setId === undefined ? {} : { setId: doc.setId }),
      ...(doc.visibility === undefined ? {} : { visibility: doc.visibility }),
    });
    this.checked.delete(item.id);
    this.opts.log?.info('batch document queued', { batchId: item.batchId, status });
    this.repo.updateItem(item.id, { status: 'queued', outboxItemId: row.id });
    this.sync(this.mustItem(item.id));
  }

  private onWorkerEvent(event: OutboxWorkerEvent): void {
    if (!('itemId' in event)) return;
    const rows = this.opts.db
      .prepare('SELECT id FROM batch_item WHERE outbox_item_id = ?')
      .all(event.itemId) as { id: number }[];
    for (const { id } of rows) {
      const item = this.sync(this.mustItem(id));
      this.emitItem(item);
      this.settle(item.batchId);
    }
  }

  /** Reads the item's outbox row again; returns the item as it is now. */
  private sync(item: StoredBatchItem): StoredBatchItem {
    if (item.outboxItemId === null) return item;
    const fields = fieldsFromOutbox(this.opts.outbox, item.outboxItemId);
    return fields === undefined ? item : this.repo.updateItem(item.id, fields);
  }

  private refresh(batchId: number): void {
    for (const item of this.repo.items(batchId)) {
      if (!SETTLED.includes(item.status)) this.sync(item);
    }
    this.settle(batchId);
  }

  /** A batch being sent is done when no document waits any more. */
  private settle(batchId: number): void {
    const batch = this.repo.get(batchId);
    if (batch?.state !== 'sending') return;
    const items = this.repo.items(batchId);
    if (!items.every((i) => SETTLED.includes(i.status))) return;
    this.repo.setState(batchId, 'done');
    this.events.emit({ type: 'batch-done', batchId, counts: countsOf(items) });
  }

  private emitItem(item: StoredBatchItem): void {
    const view = itemView(item);
    const reason = view.reasons[0]?.message;
    this.events.emit({
      type: 'batch-item',
      batchId: item.batchId,
      itemId: item.id,
      status: item.status,
      ...(reason === undefined || item.status === 'sent' ? {} : { reason }),
      counts: countsOf(this.repo.items(item.batchId)),
    });
  }

  private mustExist(batchId: number): void {
    if (this.repo.get(batchId) === undefined) throw BatchError.notFound(batchId);
  }

  private mustItem(id: number): StoredBatchItem {
    const item = this.repo.item(id);
    if (item === undefined) throw BatchError.itemNotFound(id);
    return item;
  }

  private mustView(batchId: number): Batch {
    const batch = this.repo.get(batchId);
    if (batch === undefined) throw BatchError.notFound(batchId);
    return batchView(batch, this.repo.items(batchId));
  }
}

function defaultLabel(at: Date): string {
  return `Lot du ${at.toLocaleString('fr-FR', { dateStyle: 'short', timeStyle: 'short' })}`;
}
