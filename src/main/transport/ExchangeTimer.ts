// The inactivity timeout of one exchange, as in src/transport/IdleTimer.ts (main may not import
// the transport layer): fires when no byte has moved for `ms`; paused while the caller holds a
// response chunk.
export class ExchangeTimer {
  readonly #ms: number;
  readonly #onExpire: () => void;
  #handle: ReturnType<typeof setTimeout> | null = null;
  #state: 'running' | 'paused' | 'stopped' = 'running';

  constructor(ms: number, onExpire: () => void) {
    this.#ms = ms;
    this.#onExpire = onExpire;
    this.#arm();
  }

  touch(): void {
    if (this.#state === 'running') this.#arm();
  }

  pause(): void {
    if (this.#state !== 'running') return;
    this.#state = 'paused';
    this.#clear();
  }

  resume(): void {
    if (this.#state !== 'paused') return;
    this.#state = 'running';
    this.#arm();
  }

  stop(): void {
    this.#state = 'stopped';
    this.#clear();
  }

  #arm(): void {
    this.#clear();
    this.#handle = setTimeout(() => {
      this.#handle = null;
      this.#state = 'stopped';
      this.#onExpire();
    }, this.#ms);
    this.#handle.unref();
  }

  #clear(): void {
    if (this.#handle !== null) clearTimeout(this.#handle);
    this.#handle = null;
  }
}
