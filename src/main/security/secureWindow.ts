// ─── Security-sensitive: do not change without a security review. ───────────────────────────
// THE window factory. Every window of Navette is created here, with the same locked-down web
// preferences, and may only load a page of our app:// origin.
import type { BrowserWindow, BrowserWindowConstructorOptions, WebPreferences } from 'electron';
import { isAppUrl } from './appScheme.js';

/**
 * The web preferences of every window. sandbox: the renderer is a plain Chromium renderer, no
 * Node. contextIsolation: the preload's world is separate from the page's. webSecurity: same-
 * origin policy on. No webview tag, no insecure content, no experimental or Blink features,
 * no navigation by dropping a file on the window, no spellchecker sending words to a service.
 */
export const SECURE_WEB_PREFERENCES = {
  sandbox: true,
  contextIsolation: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  spellcheck: false,
  safeDialogs: true,
  // Chromium's built-in PDF reader, for the document viewer's blob: frame (a PDF from the DMP).
  // It is a sandboxed internal extension, not a third-party plugin. UNVERIFIED in Electron here.
  plugins: true,
} as const satisfies WebPreferences;

export interface SecureWindowOptions {
  /** The compiled preload script (dist/preload/index.js). */
  readonly preload: string;
  /** An app:// URL; anything else is refused. */
  readonly url: string;
  readonly title: string;
  readonly width: number;
  readonly height: number;
  readonly minWidth?: number;
  readonly minHeight?: number;
  readonly icon?: string;
  /** Developer tools: on in development only. */
  readonly devTools: boolean;
  readonly show: boolean;
  /** Default true. A small dialog (the PIN) is not resizable. */
  readonly resizable?: boolean;
  /** A dialog the user must see above other windows (the PIN, asked while sending). */
  readonly alwaysOnTop?: boolean;
}

export type BrowserWindowConstructor = new (
  options: BrowserWindowConstructorOptions,
) => BrowserWindow;

/** The constructor options for `options` (exported for tests). */
export function secureWindowOptions(options: SecureWindowOptions): BrowserWindowConstructorOptions {
  return {
    title: options.title,
    width: options.width,
    height: options.height,
    ...(options.minWidth === undefined ? {} : { minWidth: options.minWidth }),
    ...(options.minHeight === undefined ? {} : { minHeight: options.minHeight }),
    ...(options.icon === undefined ? {} : { icon: options.icon }),
    ...(options.resizable === false ? { resizable: false, maximizable: false } : {}),
    ...(options.alwaysOnTop === true ? { alwaysOnTop: true } : {}),
    show: options.show,
    autoHideMenuBar: true,
    webPreferences: {
      ...SECURE_WEB_PREFERENCES,
      preload: options.preload,
      devTools: options.devTools,
    },
  };
}

/**
 * Creates a window with the secure preferences and loads `options.url`. Throws before creating
 * anything when the URL is not ours: remote content never gets a window.
 */
export function createSecureWindow(
  Window: BrowserWindowConstructor,
  options: SecureWindowOptions,
): { window: BrowserWindow; loaded: Promise<void> } {
  if (!isAppUrl(options.url)) {
    throw new Error(`refusing to open a window on a non-app URL: ${options.url}`);
  }
  const window = new Window(secureWindowOptions(options));
  return { window, loaded: window.loadURL(options.url) };
}
