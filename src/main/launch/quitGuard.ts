// Quitting drains the service first. Electron's before-quit is synchronous, so the first quit
// is held back (preventDefault), the service stops, and quit is asked again; that second time
// the guard lets it through. Quits asked while stopping are held back too.

export interface QuitEventLike {
  preventDefault(): void;
}

export type QuitPhase = 'running' | 'stopping' | 'stopped';

export interface QuitGuard {
  /** The before-quit listener. */
  onBeforeQuit(event: QuitEventLike): void;
  readonly phase: QuitPhase;
}

export function createQuitGuard(options: {
  /** Stops the service (drains). A failure is reported and quitting goes on. */
  readonly stop: () => Promise<void>;
  /** Asks Electron to quit again (app.quit). */
  readonly quit: () => void;
  readonly onStopping?: () => void;
  readonly onError: (error: unknown) => void;
}): QuitGuard {
  let phase: QuitPhase = 'running';
  return {
    get phase() {
      return phase;
    },
    onBeforeQuit(event) {
      if (phase === 'stopped') return;
      event.preventDefault();
      if (phase === 'stopping') return;
      phase = 'stopping';
      options.onStopping?.();
      void options
        .stop()
        .catch((error: unknown) => options.onError(error))
        .finally(() => {
          phase = 'stopped';
          options.quit();
        });
    },
  };
}
