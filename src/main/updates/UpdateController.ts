// Updates through electron-builder's updater (electron-updater), off by default: only when the
// configuration says `updates.enabled: true` AND the app is packaged (a development run has no
// app-update.yml and would update the bare Electron). electron-updater (a pinned dependency) is
// loaded lazily by name: it requires the Electron runtime, and a failure to load turns the
// controller into a no-op that says so in the log.

/** The parts of electron-updater's `autoUpdater` the controller uses. */
export interface AutoUpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  checkForUpdatesAndNotify(): Promise<unknown>;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

export type UpdateState = 'off' | 'not-packaged' | 'unavailable' | 'running' | 'stopped';

export interface UpdateController {
  readonly state: UpdateState;
  /** Starts checking (at once, then every `intervalMs`) when updates are on; no-op otherwise. */
  start(): Promise<UpdateState>;
  stop(): void;
}

export interface UpdateLog {
  info(message: string, fields?: Readonly<Record<string, unknown>>): void;
  warn(message: string, fields?: Readonly<Record<string, unknown>>): void;
}

export interface UpdateControllerOptions {
  /** `updates.enabled` of the configuration (false by default). */
  readonly enabled: boolean;
  readonly isPackaged: boolean;
  /** Loads the updater; undefined when electron-updater is not installed. */
  readonly load: () => Promise<AutoUpdaterLike | undefined>;
  readonly log: UpdateLog;
  /** Default: every 6 hours. */
  readonly intervalMs?: number;
  readonly timers?: {
    setInterval(fn: () => void, ms: number): unknown;
    clearInterval(handle: unknown): void;
  };
}

const DEFAULT_INTERVAL_MS = 6 * 60 * 60 * 1000;

/** Whether the updater may run at all. */
export function updateDecision(
  enabled: boolean,
  isPackaged: boolean,
): 'off' | 'not-packaged' | 'on' {
  if (!enabled) return 'off';
  return isPackaged ? 'on' : 'not-packaged';
}

export function createUpdateController(options: UpdateControllerOptions): UpdateController {
  const timers = options.timers ?? {
    setInterval: (fn: () => void, ms: number): unknown => setInterval(fn, ms),
    clearInterval: (handle: unknown) => clearInterval(handle as NodeJS.Timeout),
  };
  let state: UpdateState = 'off';
  let handle: unknown;
  const check = (updater: AutoUpdaterLike): void => {
    updater.checkForUpdatesAndNotify().catch((error: unknown) => {
      options.log.warn('update check failed', { error: String(error) });
    });
  };
  return {
    get state() {
      return state;
    },
    async start() {
      const decision = updateDecision(options.enabled, options.isPackaged);
      if (decision !== 'on') {
        state = decision;
        return state;
      }
      const updater = await options.load();
      if (updater === undefined) {
        options.log.warn('updates are enabled but electron-updater is not installed');
        state = 'unavailable';
        return state;
      }
      // Download in the background, install when the user quits: never restart under them.
      updater.autoDownload = true;
      updater.autoInstallOnAppQuit = true;
      updater.on('error', (error) => options.log.warn('updater error', { error: error.message }));
      check(updater);
      handle = timers.setInterval(() => check(updater), options.intervalMs ?? DEFAULT_INTERVAL_MS);
      state = 'running';
      options.log.info('updates on');
      return state;
    },
    stop() {
      if (handle !== undefined) timers.clearInterval(handle);
      handle = undefined;
      if (state === 'running') state = 'stopped';
    },
  };
}

/** The package name, in a variable: the build must not require it to be installed. */
const ELECTRON_UPDATER = 'electron-updater';

/** electron-updater's autoUpdater, or undefined when the package is not installed. */
export async function loadElectronUpdater(): Promise<AutoUpdaterLike | undefined> {
  try {
    const loaded = (await import(ELECTRON_UPDATER)) as {
      autoUpdater?: AutoUpdaterLike;
      default?: { autoUpdater?: AutoUpdaterLike };
    };
    return loaded.autoUpdater ?? loaded.default?.autoUpdater;
  } catch {
    return undefined;
  }
}
