// Card insertion, removal and swap, by polling (TECH-NOTES §1: C_WaitForSlotEvent is not
// dependable across modules, and its blocking form cannot run on the main thread). Every
// `intervalMs` the slot list and token serials are read; cards are told apart by serial, so a
// worker restart that renumbers slots does not look like a removal.
import { isNavetteError } from '../../domain/index.js';
import type { CardService } from './CardService.js';
import type { CardEvent, CardSummary } from './cardTypes.js';

export interface CardMonitorOptions {
  /** Between the end of a poll and the next one (default 1500 ms; 1–2 s per TECH-NOTES). */
  readonly intervalMs?: number;
}

export class CardMonitor {
  private readonly intervalMs: number;
  private readonly listeners = new Set<(event: CardEvent) => void>();
  private cards = new Map<string, CardSummary>(); // by serial
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private polling: Promise<readonly CardEvent[]> | null = null;
  private lastErrorCode: string | null = null;

  constructor(
    private readonly service: CardService,
    options: CardMonitorOptions = {},
  ) {
    this.intervalMs = options.intervalMs ?? 1500;
  }

  /** Subscribes to card events; returns the unsubscribe function. */
  onDidChangeCards(listener: (event: CardEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The cards seen at the last poll. */
  current(): readonly CardSummary[] {
    return [...this.cards.values()];
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(0);
  }

  stop(): void {
    this.running = false;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  /** One polling round (the timer calls it; tests call it directly). Never throws. */
  poll(): Promise<readonly CardEvent[]> {
    this.polling ??= this.round().finally(() => {
      this.polling = null;
    });
    return this.polling;
  }

  private schedule(delay: number): void {
    this.timer = setTimeout(() => {
      void this.poll().then(() => {
        if (this.running) this.schedule(this.intervalMs);
      });
    }, delay);
    // The monitor alone must not keep a command-line process alive.
    this.timer.unref();
  }

  private async round(): Promise<readonly CardEvent[]> {
    let present: readonly CardSummary[];
    try {
      present = (await this.service.inventory()).cards;
    } catch (error: unknown) {
      const code = isNavetteError(error) ? error.code : 'CARD_MONITOR_FAILED';
      if (code === this.lastErrorCode) return [];
      this.lastErrorCode = code;
      const message = error instanceof Error ? error.message : String(error);
      return this.emit([{ type: 'error', code, message }]);
    }
    this.lastErrorCode = null;
    const events: CardEvent[] = [];
    const next = new Map(present.map((card) => [card.serial, card]));
    const bySlot = new Map(present.map((card) => [card.slotId, card]));
    for (const [serial, previous] of this.cards) {
      if (next.has(serial)) continue;
      this.service.forget(previous.slotId);
      const successor = bySlot.get(previous.slotId);
      if (successor !== undefined && !this.cards.has(successor.serial)) {
        events.push({ type: 'swapped', previous: handleOf(previous), card: successor });
      } else {
        events.push({ type: 'removed', card: handleOf(previous) });
      }
    }
    const swappedIn = new Set(events.flatMap((e) => (e.type === 'swapped' ? [e.card.serial] : [])));
    for (const card of present) {
      if (!this.cards.has(card.serial) && !swappedIn.has(card.serial))
        events.push({ type: 'inserted', card });
    }
    this.cards = next;
    return this.emit(events);
  }

  private emit(events: readonly CardEvent[]): readonly CardEvent[] {
    for (const event of events) for (const listener of this.listeners) listener(event);
    return events;
  }
}

function handleOf(card: CardSummary): { slotId: string; serial: string; label: string } {
  return { slotId: card.slotId, serial: card.serial, label: card.label };
}
