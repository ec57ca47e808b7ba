// The desktop bridge: what the Electron preload exposes to the renderer as `window.navette`.
// Types only. The sandboxed preload runs as a single script that can load nothing but
// `electron`, so it cannot import a value from here; main and preload each spell the channel
// names and check them against `BridgeChannels` with `satisfies`, which keeps them in step.
import type { ServiceEvent } from './events.js';
import type { HealthReport } from './health.js';

/** What a failed bridge call carries: Electron only transports the `message` of a thrown error. */
export interface BridgeError {
  /** Stable code (same codes as NavetteError and the HTTP API). */
  readonly code: string;
  /** French sentence for the user: what happened and what to do. */
  readonly message: string;
}

/** Every request/response call of the bridge resolves to this envelope; none rejects. */
export type BridgeResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: BridgeError };

/** A `navette://` link opened while Navette runs (second launch, macOS open-url). */
export interface DeepLink {
  /** The link as received, normalised. */
  readonly url: string;
  /** Host and path segments joined with '/', e.g. `patient` for `navette://patient?ins=…`. */
  readonly route: string;
  /** Query parameters (first value of each). */
  readonly params: Readonly<Record<string, string>>;
}

/** `window.navette` in the Electron renderer. Verbs only: no generic send/invoke/on. */
export interface NavetteBridge {
  /** The health report of the service running inside the desktop app. */
  health(): Promise<BridgeResult<HealthReport>>;
  /** Service events pushed by the main process. Returns the function that unsubscribes. */
  onServiceEvent(listener: (event: ServiceEvent) => void): () => void;
  /** `navette://` links for the UI to open. Returns the function that unsubscribes. */
  onDeepLink(listener: (link: DeepLink) => void): () => void;
}

/** The global name of the bridge in the renderer. */
export type BridgeGlobalName = 'navette';

/** The renderer's global object when it runs inside Electron (absent in a plain browser). */
export interface BridgeHost {
  readonly navette?: NavetteBridge;
}

/** Renderer → main request/response channels (`ipcRenderer.invoke` / `ipcMain.handle`). */
export interface BridgeInvokeChannels {
  readonly health: 'navette:health';
}

/** Main → renderer push channels (`webContents.send` / `ipcRenderer.on`). */
export interface BridgePushChannels {
  readonly serviceEvent: 'navette:service-event';
  readonly deepLink: 'navette:deep-link';
}

export type BridgeChannels = BridgeInvokeChannels & BridgePushChannels;
