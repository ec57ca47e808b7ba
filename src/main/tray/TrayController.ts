// Draws the tray model with Electron's Tray. Thin on purpose: what to show is decided in
// trayModel.ts; this only creates the icon once and redraws when the model changes.
import path from 'node:path';
import type { Menu, MenuItemConstructorOptions, NativeImage, Tray } from 'electron';
import { toMenuTemplate } from './trayMenu.js';
import type { TrayAction, TrayModel } from './trayModel.js';

export interface TrayDeps {
  readonly createTray: (icon: NativeImage) => Tray;
  readonly buildMenu: (template: MenuItemConstructorOptions[]) => Menu;
  /** Loads an icon file (Electron picks the `@2x` file next to it on HiDPI screens). */
  readonly loadIcon: (file: string) => NativeImage;
}

export class TrayController {
  readonly #deps: TrayDeps;
  readonly #iconDir: string;
  readonly #onAction: (action: TrayAction) => void;
  #tray: Tray | undefined;
  #shown: string | undefined;
  #clickAction: TrayAction = 'open';

  /** `iconDir` holds the TrayIcon files (ready.png, card-absent.png, attention.png, busy.png). */
  constructor(deps: TrayDeps, iconDir: string, onAction: (action: TrayAction) => void) {
    this.#deps = deps;
    this.#iconDir = iconDir;
    this.#onAction = onAction;
  }

  show(model: TrayModel): void {
    const key = JSON.stringify(model);
    if (key === this.#shown) return;
    const icon = this.#deps.loadIcon(path.join(this.#iconDir, model.icon));
    if (this.#tray === undefined) {
      this.#tray = this.#deps.createTray(icon);
      // Windows and macOS: a click on the icon opens the screen the state calls for (the PIN
      // dialog, the documents to handle, else the window). Linux shows the menu instead.
      this.#tray.on('click', () => this.#onAction(this.#clickAction));
    } else {
      this.#tray.setImage(icon);
    }
    this.#clickAction = model.clickAction;
    this.#tray.setToolTip(model.tooltip);
    this.#tray.setContextMenu(this.#deps.buildMenu(toMenuTemplate(model.menu, this.#onAction)));
    this.#shown = key;
  }

  destroy(): void {
    this.#tray?.destroy();
    this.#tray = undefined;
    this.#shown = undefined;
  }
}
