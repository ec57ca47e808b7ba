// Start at login: an option, off by default, offered in the tray menu on Windows and macOS (the
// platforms where app.setLoginItemSettings works). The OS login item is the only record of the
// choice, so there is nothing of ours to keep in step with it. A start at login opens in the
// tray, without the window: `--hidden` on Windows; on macOS, where a login item takes no
// arguments, Electron reports `wasOpenedAtLogin`.
import type { LoginItemSettings, Settings } from 'electron';

/** The command-line flag that starts Navette in the tray (launchArgs.ts). */
export const HIDDEN_FLAG = '--hidden';

/** Where the option is offered: packaged builds on Windows and macOS. */
export function loginItemSupported(platform: NodeJS.Platform, isPackaged: boolean): boolean {
  return isPackaged && (platform === 'win32' || platform === 'darwin');
}

/** What app.setLoginItemSettings is given. */
export function loginItemSettings(
  enabled: boolean,
  platform: NodeJS.Platform,
  execPath: string,
): Settings {
  if (platform === 'win32') {
    // The same path and arguments must be given when reading the setting back.
    return { openAtLogin: enabled, path: execPath, args: [HIDDEN_FLAG] };
  }
  return { openAtLogin: enabled };
}

/** True when this launch comes from the login item (it starts in the tray). */
export function launchedAtLogin(
  argv: readonly string[],
  current: Pick<LoginItemSettings, 'wasOpenedAtLogin'> | undefined,
): boolean {
  return argv.includes(HIDDEN_FLAG) || current?.wasOpenedAtLogin === true;
}

/** The parts of Electron's app the controller uses. */
export interface LoginItemApi {
  getLoginItemSettings(options?: {
    path?: string;
    args?: string[];
  }): Pick<LoginItemSettings, 'openAtLogin' | 'wasOpenedAtLogin'>;
  setLoginItemSettings(settings: Settings): void;
}

export class LoginItemController {
  /** Read from the OS once, then kept in step by set(): the tray asks at every redraw. */
  #enabled: boolean | undefined;

  constructor(
    private readonly api: LoginItemApi,
    private readonly platform: NodeJS.Platform,
    private readonly execPath: string,
  ) {}

  /** The current choice, as the OS has it. */
  get enabled(): boolean {
    if (this.#enabled === undefined) {
      const query = this.platform === 'win32' ? { path: this.execPath, args: [HIDDEN_FLAG] } : {};
      this.#enabled = this.api.getLoginItemSettings(query).openAtLogin;
    }
    return this.#enabled;
  }

  set(enabled: boolean): void {
    this.api.setLoginItemSettings(loginItemSettings(enabled, this.platform, this.execPath));
    this.#enabled = undefined;
  }

  toggle(): boolean {
    const next = !this.enabled;
    this.set(next);
    return next;
  }
}
