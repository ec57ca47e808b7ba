// The outbox as the tray and the notifications see it, rebuilt from the service's `outbox-item`
// events: which documents are on their way, which the user must handle, and which batches have
// gone quiet. Pure (the clock is passed in), so its decisions run under vitest.
import type { ServiceEvent } from '../../api/events.js';
import type { OutboxActivity } from '../tray/trayModel.js';

type ItemChange = Extract<ServiceEvent, { type: 'outbox-item' }>['change'];

/** A batch (or the loose documents of the watched folders, `batchId` null) that went quiet. */
export interface SettledGroup {
  readonly batchId: number | null;
  readonly sent: number;
  /** Refused by the DMP or failed for good during this run. */
  readonly needsAction: number;
}

interface Group {
  sent: number;
  needsAction: number;
  /** Items of the group still on their way. */
  readonly inFlight: Set<number>;
  /** When the group last had nothing in flight (undefined while something is). */
  quietSince: number | undefined;
}

const IN_FLIGHT: ReadonlySet<ItemChange> = new Set(['sending', 'retry']);
const NEEDS_ACTION: ReadonlySet<ItemChange> = new Set(['refused', 'failed']);
/** A group the tracker has not heard of for this long is forgotten (its run is long over). */
const FORGET_AFTER_MS = 24 * 60 * 60 * 1000;

export class OutboxActivityTracker {
  /** itemId → the latest change seen. */
  readonly #items = new Map<number, ItemChange>();
  /** Key `String(batchId)`: 'null' for the watched folders. */
  readonly #groups = new Map<string, Group>();

  /**
   * `settleMs`: how long a group must stay with nothing in flight before it counts as done. The
   * worker sends one document after the other, so "nothing in flight" happens between two
   * documents of the same batch; a short quiet period tells the end of a batch from that gap.
   */
  constructor(private readonly settleMs = 3000) {}

  /** Takes one service event in (other event types are ignored). */
  onEvent(event: ServiceEvent, now: number): void {
    if (event.type !== 'outbox-item') return;
    this.#items.set(event.itemId, event.change);
    const key = String(event.batchId);
    let group = this.#groups.get(key);
    if (group === undefined) {
      group = { sent: 0, needsAction: 0, inFlight: new Set(), quietSince: undefined };
      this.#groups.set(key, group);
    }
    if (IN_FLIGHT.has(event.change)) group.inFlight.add(event.itemId);
    else group.inFlight.delete(event.itemId);
    if (event.change === 'sent') group.sent += 1;
    if (NEEDS_ACTION.has(event.change)) group.needsAction += 1;
    group.quietSince = group.inFlight.size === 0 ? now : undefined;
  }

  /** What the tray counts. */
  activity(): OutboxActivity {
    let remaining = 0;
    let needsAction = 0;
    for (const change of this.#items.values()) {
      if (IN_FLIGHT.has(change)) remaining += 1;
      else if (NEEDS_ACTION.has(change)) needsAction += 1;
    }
    return { remaining, needsAction };
  }

  /**
   * The groups that have been quiet for `settleMs` at `now`, each reported once with what
   * happened since it started; they are then forgotten (a later resend starts a new run).
   */
  takeSettled(now: number): SettledGroup[] {
    const settled: SettledGroup[] = [];
    for (const [key, group] of this.#groups) {
      if (group.quietSince === undefined || now - group.quietSince < this.settleMs) continue;
      this.#groups.delete(key);
      if (group.sent + group.needsAction === 0) continue;
      settled.push({
        batchId: key === 'null' ? null : Number(key),
        sent: group.sent,
        needsAction: group.needsAction,
      });
    }
    return settled;
  }

  /** The user dealt with the documents to handle (opened them): they no longer count. */
  acknowledge(): void {
    for (const [itemId, change] of this.#items) {
      if (NEEDS_ACTION.has(change) || change === 'sent') this.#items.delete(itemId);
    }
  }

  /** Drops what is long over, so a service that runs for months keeps a small map. */
  prune(now: number): void {
    for (const [key, group] of this.#groups) {
      if (group.quietSince !== undefined && now - group.quietSince > FORGET_AFTER_MS) {
        this.#groups.delete(key);
      }
    }
    for (const [itemId, change] of this.#items) {
      if (change === 'sent') this.#items.delete(itemId);
    }
  }
}
