// "The queue pauses when the card is absent or needs its PIN, and resumes by itself" (issue 5).
// The gate listens to the card monitor (insertion, removal, swap) and to the worker's `held`
// events (a send failed on the card before the monitor noticed): the worker pauses while the
// session's card is away or locked, and resumes once the same card is back and logged in again.
// Held rows are due at once, so they go first; rows the DMP refused stay refused.
import type { CardEvent, CardHandle, CardSummary } from '../../card/index.js';
import type { Logger } from '../../domain/ports/Logger.js';
import type { OutboxWorkerEvent } from './workerEvents.js';

/** What the gate needs of the card monitor (CardMonitor; tests may emit the events). */
export interface CardEventSource {
  onDidChangeCards(listener: (event: CardEvent) => void): () => void;
}

/** What the gate needs of the worker. */
export interface GatedWorker {
  pause(): void;
  resume(): void;
  onEvent(listener: (event: OutboxWorkerEvent) => void): () => void;
}

export type CardReadiness = 'ready' | 'card-absent' | 'pin-needed';

export const CARD_ABSENT_REASON =
  'Carte CPS retirée : les documents attendent son retour dans le lecteur.';
export const PIN_NEEDED_REASON =
  'Code PIN de la carte nécessaire : les documents attendent que la carte soit déverrouillée.';

export interface CardGateOptions {
  readonly worker: GatedWorker;
  readonly cards: CardEventSource;
  /** The session's card: only this card (same serial) lets the queue go on. */
  readonly card: CardHandle;
  /**
   * Logs the card in again (NAVETTE_PIN, or the desktop's PIN dialog). True when the card can
   * sign; false when a PIN is still needed. Should not throw.
   */
  readonly unlock: (card: CardHandle) => Promise<boolean>;
  /** Told of every change (the health report's `outbox` line). */
  readonly onChange?: (state: CardReadiness, reason?: string) => void;
  readonly log?: Logger;
}

/** Held codes that mean the card is not there: only its return (a monitor event) resumes. */
const CARD_AWAY_CODES = new Set([
  'CARD_ABSENT',
  'CARD_NO_READER',
  'CARD_NOT_FOUND',
  'CARD_REMOVED',
  'CARD_CHANGED',
]);

export class CardGate {
  private current: CardReadiness = 'ready';
  private readonly unsubscribe: (() => void)[];
  private unlocking: Promise<void> | undefined;
  private disposed = false;

  constructor(private readonly opts: CardGateOptions) {
    this.unsubscribe = [
      opts.cards.onDidChangeCards((event) => this.onCard(event)),
      opts.worker.onEvent((event) => {
        if (event.type !== 'held') return;
        // The monitor may not have seen it yet: a removed card says so itself (CARD_REMOVED…).
        // A crashed or stuck card process is not a removal: the card is still in the reader and
        // no insertion event will come, so log in again now (the new process lost the login).
        const away = CARD_AWAY_CODES.has(event.code ?? '');
        this.set(away ? 'card-absent' : 'pin-needed');
        if (!away) void this.tryUnlock(this.opts.card);
      }),
    ];
  }

  get state(): CardReadiness {
    return this.current;
  }

  /**
   * Someone made the card ready (the desktop's PIN dialog logged it in): try again now. Resolves
   * when the attempt is over; `state` says the result.
   */
  retry(): Promise<void> {
    return this.tryUnlock(this.opts.card);
  }

  dispose(): void {
    this.disposed = true;
    for (const off of this.unsubscribe.splice(0)) off();
  }

  private ours(card: CardHandle): boolean {
    return card.serial === this.opts.card.serial;
  }

  private onCard(event: CardEvent): void {
    if (event.type === 'removed' && this.ours(event.card)) this.set('card-absent');
    else if (event.type === 'swapped' && this.ours(event.previous)) this.set('card-absent');
    if ((event.type === 'inserted' || event.type === 'swapped') && this.ours(event.card)) {
      void this.tryUnlock(handleOf(event.card));
    }
  }

  private tryUnlock(card: CardHandle): Promise<void> {
    this.unlocking ??= (async () => {
      let ok = false;
      try {
        ok = await this.opts.unlock(card);
      } catch (error) {
        this.opts.log?.warn('card unlock failed', { error: String(error) });
      }
      if (!this.disposed) this.set(ok ? 'ready' : 'pin-needed');
    })().finally(() => {
      this.unlocking = undefined;
    });
    return this.unlocking;
  }

  private set(state: CardReadiness): void {
    if (this.disposed) return;
    const changed = state !== this.current;
    this.current = state;
    if (state === 'ready') this.opts.worker.resume();
    else this.opts.worker.pause();
    if (!changed) return;
    this.opts.log?.info('card readiness', { state });
    const reason =
      state === 'card-absent'
        ? CARD_ABSENT_REASON
        : state === 'pin-needed'
          ? PIN_NEEDED_REASON
          : undefined;
    this.opts.onChange?.(state, reason);
  }
}

function handleOf(card: CardSummary): CardHandle {
  return { slotId: card.slotId, serial: card.serial, label: card.label };
}
