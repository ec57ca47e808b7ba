// The inactivity timeout of one exchange: fires when no byte has moved for `ms`. Every sign of
// progress restarts it; it is paused while the caller holds a response chunk (the caller's own
// slowness is not the server's), so a 50 MB upload that keeps moving never times out.
export class IdleTimer {
  readonly #ms: number;
  readonly #onExpire: () => void;
  #handle: ReturnType<typeof setTimeout> | null = null;
  #state: 'running' | 'paused' | 'stopped' = 'running';

  constructor(ms: number, onExpire: () => void) {
    this.#ms = ms;
    this.#onExpire = onExpire;
    this.#arm();
  }

  /** Progress: restart the window (no effect while paused or after stop). */
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
    // An exchange in progress keeps the process alive through its socket, not through this timer.
    this.#handle.unref();
  }

  #clear(): void {
    if (this.#handle !== null) clearTimeout(this.#handle);
    this.#handle = null;
  }
}
