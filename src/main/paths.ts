// Where the desktop app finds its parts, in development (`electron dist/main/main.js`) and once
// packaged (app.asar plus extraResources).
import path from 'node:path';

export interface AppLocations {
  /** The compiled UI served at app://navette/. */
  readonly rendererDir: string;
  /** The compiled preload script of the main window. */
  readonly preloadFile: string;
  /** The compiled preload script of the PIN dialog. */
  readonly pinPreloadFile: string;
  /** Tray icons: ready.png, card-absent.png, attention.png, busy.png (+ @2x). */
  readonly trayIconDir: string;
  /** The window and app icon. */
  readonly appIcon: string;
}

/**
 * `mainDir` is the folder of the compiled main.js (dist/main). Icons are read from the
 * extraResources copy when packaged: a real file on disk, which every OS tray API can load.
 */
export function appLocations(input: {
  readonly mainDir: string;
  readonly isPackaged: boolean;
  readonly resourcesPath: string;
}): AppLocations {
  const distDir = path.dirname(input.mainDir);
  const appRoot = path.dirname(distDir);
  const resources = input.isPackaged
    ? path.join(input.resourcesPath, 'resources')
    : path.join(appRoot, 'resources');
  return {
    rendererDir: path.join(distDir, 'renderer'),
    preloadFile: path.join(distDir, 'preload', 'index.js'),
    pinPreloadFile: path.join(distDir, 'preload', 'pin.js'),
    trayIconDir: path.join(resources, 'icons', 'tray'),
    appIcon: path.join(resources, 'icons', 'icon.png'),
  };
}
