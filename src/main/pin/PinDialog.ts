// The PIN dialog window: one at a time, created by the secure window factory on the PIN page
// (strict CSP, sandbox, its own preload that exposes only the PIN verbs). Opening it again
// brings the open one to the front.
import { PIN_PAGE_URL } from './pinContract.js';
import type { SecureWindowOptions } from '../security/secureWindow.js';

/** The parts of BrowserWindow the dialog uses. */
export interface DialogWindowLike {
  isDestroyed(): boolean;
  show(): void;
  focus(): void;
  close(): void;
  once(event: 'ready-to-show', listener: () => void): unknown;
  on(event: 'closed', listener: () => void): unknown;
}

export interface PinDialogDeps {
  /** createSecureWindow(BrowserWindow, options). */
  readonly createWindow: (options: SecureWindowOptions) => {
    window: DialogWindowLike;
    loaded: Promise<void>;
  };
  /** The compiled PIN preload (dist/preload/pin.js). */
  readonly preload: string;
  readonly devTools: boolean;
  readonly onLoadError: (error: unknown) => void;
}

/** The dialog's window options: small, fixed, above the others, on the PIN page. */
export function pinWindowOptions(preload: string, devTools: boolean): SecureWindowOptions {
  return {
    preload,
    url: PIN_PAGE_URL,
    title: 'Navette — Code PIN de la carte CPS',
    width: 420,
    height: 340,
    resizable: false,
    alwaysOnTop: true,
    devTools,
    show: false,
  };
}

export class PinDialog {
  readonly #deps: PinDialogDeps;
  #window: DialogWindowLike | undefined;

  constructor(deps: PinDialogDeps) {
    this.#deps = deps;
  }

  get isOpen(): boolean {
    return this.#window !== undefined && !this.#window.isDestroyed();
  }

  open(): void {
    if (this.#window !== undefined && !this.#window.isDestroyed()) {
      this.#window.show();
      this.#window.focus();
      return;
    }
    const created = this.#deps.createWindow(
      pinWindowOptions(this.#deps.preload, this.#deps.devTools),
    );
    const current = created.window;
    this.#window = current;
    current.once('ready-to-show', () => {
      current.show();
      current.focus();
    });
    current.on('closed', () => {
      if (this.#window === current) this.#window = undefined;
    });
    created.loaded.catch((error: unknown) => this.#deps.onLoadError(error));
  }

  close(): void {
    const current = this.#window;
    this.#window = undefined;
    if (current !== undefined && !current.isDestroyed()) current.close();
  }
}
