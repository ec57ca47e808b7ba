// The durable outbox: documents waiting for, going to, or done with the DMP. Every write is one
// BEGIN IMMEDIATE transaction (synchronous=FULL): when a method returns, its effect survives a
// crash or a power cut. See docs/sending.md for the states, the dedup and the reconciliation.
import type BetterSqlite3 from 'better-sqlite3';
import type { Database } from '../Database.js';
import type { AuditJournal } from '../AuditJournal.js';
import type { JsonObject } from '../json.js';
import { immediate } from '../transaction.js';
import type { SendReceipt } from '../../domain/ports/DocumentSender.js';
import { OutboxError } from './outboxErrors.js';
import { fromRow, problemsJson, receiptJson } from './outboxRows.js';
import {
  listItems,
  newRow,
  prepareOutboxStatements,
  type ListQuery,
  type NewRow,
  type OutboxStatements,
} from './outboxStatements.js';
import { OUTBOX_STATES, canTransition, isFinal, type OutboxState } from './outboxStates.js';
import type {
  Batch,
  EnqueueInput,
  EnqueueResult,
  FailureInput,
  OutboxItem,
  PendingPlacement,
  RefusalInput,
  RejectedInput,
  RetryInput,
  StateCounts,
} from './outboxTypes.js';

export interface OutboxRepositoryOptions {
  /** The clock (tests pass a fixed or stepping one). */
  readonly now?: () => Date;
  /** Where duplicates, refusals, sends and recoveries are recorded (actor `system`). */
  readonly journal?: AuditJournal;
}

/** One instance per connection. Safe to share between the intake and the worker (one thread). */
export class OutboxRepository {
  private readonly now: () => Date;
  private readonly journal: AuditJournal | undefined;
  private readonly stmt: OutboxStatements;
  /** Transition UPDATEs, prepared once per shape (the set of columns they change). */
  private readonly updates = new Map<string, BetterSqlite3.Statement>();

  constructor(
    private readonly db: Database,
    opts: OutboxRepositoryOptions = {},
  ) {
    this.now = opts.now ?? (() => new Date());
    this.journal = opts.journal;
    this.stmt = prepareOutboxStatements(db);
  }

  /**
   * Records a document that passed the checks, deduplicated, in one transaction:
   * - the same claim recorded before (a restart after a crash) → `existing`, nothing written;
   * - a live row with the same uniqueId and the same content → a `duplicate` row, journalled;
   * - a live row with the same uniqueId and other content → a `refused` row (conflict);
   * - a live row with the same content under another uniqueId (a PDF wrapped again) → `duplicate`;
   * - otherwise a `queued` row, due now, with its payload when there is one.
   */
  enqueue(input: EnqueueInput): EnqueueResult {
    return immediate(this.db, () => {
      const seen = this.existingClaim(input.claim?.claimId);
      if (seen !== undefined) return { status: 'existing', item: seen };
      const at = this.now().toISOString();
      const base = newRow(input, at);
      const sameId = this.stmt.liveByUniqueId.get(input.uniqueId);
      if (sameId !== undefined && sameId.content_hash !== input.contentHash) {
        const reason =
          `Un autre document portant le même identifiant (${input.uniqueId}) a déjà été transmis ` +
          'à Navette avec un contenu différent.';
        const fix =
          'Pour corriger un document déjà envoyé, exportez-en une nouvelle version depuis votre ' +
          'logiciel (nouvel identifiant, même setId) puis déposez-la à nouveau.';
        const item = this.insert({
          ...base,
          state: 'refused',
          error_code: 'OUTBOX_UNIQUE_ID_CONFLICT',
          last_error: reason,
          problems: problemsJson([{ code: 'OUTBOX_UNIQUE_ID_CONFLICT', message: reason, fix }]),
          finished_at: at,
        });
        this.record('outbox.conflict', 'refused', { itemId: item.id, conflictsWith: sameId.id });
        return { status: 'conflict', item };
      }
      const original = sameId ?? this.stmt.liveByHash.get(input.contentHash);
      if (original !== undefined) {
        const item = this.insert({
          ...base,
          state: 'duplicate',
          duplicate_of: original.id,
          finished_at: at,
        });
        this.record('outbox.duplicate', 'ignored', {
          itemId: item.id,
          duplicateOf: original.id,
          uniqueId: input.uniqueId,
        });
        return { status: 'duplicate', item };
      }
      const item = this.insert({ ...base, state: 'queued', next_at: at });
      if (input.payload !== undefined) this.stmt.insertPayload.run(item.id, input.payload);
      return { status: 'queued', item };
    });
  }

  /** Records a document the checks refused (its files go to error/ with these problems). */
  recordRejected(input: RejectedInput): EnqueueResult {
    return immediate(this.db, () => {
      const seen = this.existingClaim(input.claim?.claimId);
      if (seen !== undefined) return { status: 'existing', item: seen };
      const at = this.now().toISOString();
      const first = input.problems[0];
      const item = this.insert({
        ...newRow(input, at),
        state: 'refused',
        error_code: first?.code ?? 'CHECK_FAILED',
        last_error: first?.message ?? 'Le document a été refusé par les vérifications.',
        problems: problemsJson(input.problems),
        finished_at: at,
      });
      return { status: 'rejected', item };
    });
  }

  get(id: number): OutboxItem | undefined {
    const row = this.stmt.byId.get(id);
    return row === undefined ? undefined : fromRow(row);
  }

  findByClaim(claimId: string): OutboxItem | undefined {
    const row = this.stmt.byClaim.get(claimId);
    return row === undefined ? undefined : fromRow(row);
  }

  /** The stored bytes to send, when the checks built them. */
  payload(id: number): Uint8Array | undefined {
    return this.stmt.payload.get(id)?.bytes;
  }

  /**
   * Takes the oldest due row (queued, or retry-wait whose time has come) and moves it to
   * `sending`, counting the attempt. Undefined when nothing is due.
   */
  takeNextDue(): OutboxItem | undefined {
    return immediate(this.db, () => {
      const at = this.now().toISOString();
      const row = this.stmt.nextDue.get(at);
      if (row === undefined) return undefined;
      return this.change(row.id, 'sending', { attempts: row.attempts + 1 });
    });
  }

  /** When the next row falls due (possibly in the past), or undefined when none waits. */
  nextDueAt(): Date | undefined {
    const at = this.stmt.firstDueAt.get()?.at ?? null;
    return at === null ? undefined : new Date(at);
  }

  /**
   * At start-up: every row left in `sending` by a stopped Navette goes to `retry-wait`, due now,
   * marked for reconciliation (its attempt may have reached the DMP). Returns how many.
   */
  recoverInterrupted(): number {
    return immediate(this.db, () => {
      const at = this.now().toISOString();
      const count = this.stmt.recover.run(at, at).changes;
      if (count > 0) this.record('outbox.recover', 'reconcile', { count });
      return count;
    });
  }

  /** sending → sent. `reconciled`: the DMP already held it (found by uniqueId), nothing resent. */
  markSent(id: number, receipt?: SendReceipt, opts: { reconciled?: boolean } = {}): OutboxItem {
    return immediate(this.db, () => {
      const at = this.now().toISOString();
      const item = this.change(id, 'sent', {
        needs_reconcile: 0,
        next_at: null,
        error_code: null,
        last_error: null,
        receipt: receiptJson(receipt),
        finished_at: at,
      });
      const reconciled = opts.reconciled ?? false;
      this.record('outbox.sent', 'success', {
        itemId: id,
        uniqueId: item.uniqueId ?? '',
        attempts: item.attempts,
        reconciled,
      });
      return item;
    });
  }

  /** sending → refused (final): the DMP will not take this document as it is. */
  markRefused(id: number, refusal: RefusalInput): OutboxItem {
    return immediate(this.db, () => {
      const code = refusal.code ?? 'DMP_REFUSED';
      const problems = refusal.problems ?? [
        {
          code,
          message: refusal.reason,
          ...(refusal.fix !== undefined ? { fix: refusal.fix } : {}),
        },
      ];
      const item = this.change(id, 'refused', {
        next_at: null,
        error_code: code,
        last_error: refusal.reason,
        problems: problemsJson(problems),
        finished_at: this.now().toISOString(),
      });
      this.record('outbox.refused', code, { itemId: id, uniqueId: item.uniqueId ?? '' });
      return item;
    });
  }

  /** sending → retry-wait, due at `nextAt`. */
  scheduleRetry(id: number, retry: RetryInput): OutboxItem {
    return immediate(this.db, () =>
      this.change(id, 'retry-wait', {
        next_at: retry.nextAt.toISOString(),
        needs_reconcile: retry.needsReconcile ? 1 : 0,
        error_code: retry.code ?? null,
        last_error: retry.reason,
      }),
    );
  }

  /** sending → failed (final): the retry budget ran out. */
  markFailed(id: number, failure: FailureInput): OutboxItem {
    return immediate(this.db, () => {
      const code = failure.code ?? 'OUTBOX_RETRIES_EXHAUSTED';
      const item = this.change(id, 'failed', {
        next_at: null,
        error_code: code,
        last_error: failure.reason,
        finished_at: this.now().toISOString(),
      });
      this.record('outbox.failed', code, { itemId: id, attempts: item.attempts });
      return item;
    });
  }

  /**
   * failed → queued, due now, with a fresh retry budget (a user's "réessayer"). The
   * reconciliation flag is kept: the last attempt may still have reached the DMP.
   */
  requeue(id: number): OutboxItem {
    return immediate(this.db, () =>
      this.change(id, 'queued', {
        next_at: this.now().toISOString(),
        attempts: 0,
        finished_at: null,
      }),
    );
  }

  /** Final rows whose files still sit in their claim folder and whose destination is known. */
  pendingPlacements(): PendingPlacement[] {
    const out: PendingPlacement[] = [];
    for (const row of this.stmt.unplaced.all()) {
      const item = fromRow(row);
      if (item.duplicateOf === null) {
        out.push({ item, original: null });
        continue;
      }
      // A duplicate follows its original: its files wait until the original's fate is known.
      const original = this.get(item.duplicateOf);
      if (original !== undefined && isFinal(original.state)) out.push({ item, original });
    }
    return out;
  }

  /** Records the name chosen in sent/ or error/ (first choice wins: a resumed move reuses it). */
  choosePlacement(id: number, name: string): OutboxItem {
    return immediate(this.db, () => {
      this.stmt.choosePlacement.run(name, id);
      return this.mustGet(id);
    });
  }

  /** Forgets a chosen name that turned out to be taken, so that another is chosen. */
  resetPlacement(id: number): void {
    immediate(this.db, () => this.stmt.resetPlacement.run(id));
  }

  /** The files reached their destination. */
  markPlaced(id: number): void {
    immediate(this.db, () => this.stmt.markPlaced.run(this.now().toISOString(), id));
  }

  createBatch(label: string): Batch {
    return immediate(this.db, () => {
      const at = this.now().toISOString();
      const { id } = this.stmt.insertBatch.get(label.trim(), at) ?? { id: 0 };
      return { id, label: label.trim(), createdAt: new Date(at) };
    });
  }

  batch(id: number): Batch | undefined {
    const row = this.stmt.batchById.get(id);
    return row === undefined
      ? undefined
      : { id: row.id, label: row.label, createdAt: new Date(row.created_at) };
  }

  /** Rows per state in a batch (or in the whole outbox when `batchId` is undefined). */
  counts(batchId?: number): StateCounts {
    const rows =
      batchId === undefined ? this.stmt.countsAll.all() : this.stmt.countsBatch.all(batchId);
    const counts = Object.fromEntries(OUTBOX_STATES.map((s) => [s, 0])) as Record<
      OutboxState,
      number
    >;
    let total = 0;
    for (const { state, n } of rows) {
      if ((OUTBOX_STATES as readonly string[]).includes(state)) counts[state as OutboxState] = n;
      total += n;
    }
    return { ...counts, total };
  }

  /** Rows by id, optionally of some states and/or one batch. */
  list(query: ListQuery = {}): OutboxItem[] {
    return listItems(this.db, query);
  }

  private existingClaim(claimId: string | undefined): OutboxItem | undefined {
    return claimId === undefined ? undefined : this.findByClaim(claimId);
  }

  private insert(row: NewRow): OutboxItem {
    const id = Number(this.stmt.insert.run(row).lastInsertRowid);
    return this.mustGet(id);
  }

  private mustGet(id: number): OutboxItem {
    const item = this.get(id);
    if (item === undefined) throw OutboxError.notFound(id);
    return item;
  }

  /**
   * Moves row `id` to `to`, checked against TRANSITIONS, setting `fields` (column → value) and
   * `updated_at`. The UPDATE names the state it read, so a concurrent change cannot be overwritten.
   * Must run inside a transaction.
   */
  private change(
    id: number,
    to: OutboxState,
    fields: Readonly<Record<string, string | number | null>>,
  ): OutboxItem {
    const current = this.get(id);
    if (current === undefined) throw OutboxError.notFound(id);
    if (!canTransition(current.state, to)) throw OutboxError.transition(id, current.state, to);
    const names = Object.keys(fields);
    const sets = ['state = @to', 'updated_at = @updated_at', ...names.map((n) => `${n} = @${n}`)];
    const sql = `UPDATE outbox SET ${sets.join(', ')} WHERE id = @id AND state = @from`;
    let update = this.updates.get(sql);
    if (update === undefined) {
      update = this.db.prepare(sql);
      this.updates.set(sql, update);
    }
    const result = update.run({
      ...fields,
      id,
      to,
      from: current.state,
      updated_at: this.now().toISOString(),
    });
    if (result.changes !== 1) throw OutboxError.transition(id, current.state, to);
    return this.mustGet(id);
  }

  private record(transaction: string, result: string, details: JsonObject): void {
    this.journal?.append({ actor: 'system', transaction, result, details });
  }
}
