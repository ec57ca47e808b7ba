// Direct mode: the card gate (cardGate.ts) over a card monitor on the session's card service,
// logging the card in again with the service's PIN (NAVETTE_PIN) when it comes back. The desktop
// application will call `gate.retry()` after its own PIN dialog instead.
import { CardMonitor, type CardHandle, type CardService } from '../../card/index.js';
import { isNavetteError } from '../../domain/errors/NavetteError.js';
import type { Logger } from '../../domain/ports/Logger.js';
import { loginCard } from '../card/cardLogin.js';
import type { ComponentRegistry } from '../health/ComponentRegistry.js';
import { COMPONENTS } from '../service/components.js';
import { CardGate, type CardEventSource, type GatedWorker } from './cardGate.js';

export interface StartCardGateOptions {
  readonly card: { readonly service: CardService; readonly handle: CardHandle };
  readonly worker: GatedWorker;
  /** The PIN to log in with after a reinsertion; undefined: wait for `gate.retry()`. */
  readonly pin: string | undefined;
  /** config `card.pollIntervalMs`. */
  readonly pollIntervalMs: number;
  readonly registry: ComponentRegistry;
  readonly log: Logger;
  /** Tests: the card events (default: a CardMonitor polling the card service). */
  readonly cardEvents?: CardEventSource;
}

export interface StartedCardGate {
  readonly gate: CardGate;
  dispose(): void;
}

export function startCardGate(opts: StartCardGateOptions): StartedCardGate {
  const { service } = opts.card;
  const monitor =
    opts.cardEvents === undefined
      ? new CardMonitor(service, { intervalMs: opts.pollIntervalMs })
      : undefined;
  const unlock = async (handle: CardHandle): Promise<boolean> => {
    if (service.isLoggedIn(handle)) return true;
    const pin = opts.pin;
    if (pin === undefined || pin === '') return false;
    try {
      await loginCard(service, handle, () => Promise.resolve(pin));
      return true;
    } catch (error) {
      opts.log.warn('card login after reinsertion failed', {
        error: isNavetteError(error) ? error.code : String(error),
      });
      return false;
    }
  };
  const gate = new CardGate({
    worker: opts.worker,
    cards: opts.cardEvents ?? (monitor as CardMonitor),
    card: opts.card.handle,
    unlock,
    onChange: (state, reason) => {
      if (state === 'ready') opts.registry.set(COMPONENTS.outbox, 'ok');
      else opts.registry.set(COMPONENTS.outbox, 'degraded', reason);
    },
    log: opts.log,
  });
  monitor?.start();
  return {
    gate,
    dispose() {
      monitor?.stop();
      gate.dispose();
    },
  };
}
