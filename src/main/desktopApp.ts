// The desktop app once it holds the single-instance lock: hardening, the app:// scheme, the IPC
// bridge, the tray, the in-process service and its one window. Decisions live in the pure
// modules (security/, ipc/, tray/, launch/); this file is the Electron glue between them.
import {
  BrowserWindow,
  Menu,
  Tray,
  app,
  dialog,
  ipcMain,
  nativeImage,
  protocol,
  session,
  shell,
} from 'electron';
import type { DeepLink } from '../api/bridge.js';
import type { HealthReport } from '../api/health.js';
import { startService, type RunningService, type ServiceOptions } from '../app/index.js';
import { isNavetteError } from '../domain/errors/NavetteError.js';
import type { MainLog } from './bootstrapLog.js';
import { CHANNELS } from './ipc/channels.js';
import { registerNavetteHandlers } from './ipc/navetteHandlers.js';
import { componentChanges } from './ipc/serviceEvents.js';
import { LinkInbox } from './launch/LinkInbox.js';
import {
  URL_SCHEME,
  deepLinkFromArgv,
  deepLinkFromSecondInstance,
  parseDeepLink,
} from './launch/deepLink.js';
import type { LaunchOptions } from './launch/launchArgs.js';
import { createQuitGuard } from './launch/quitGuard.js';
import { appLocations } from './paths.js';
import { createAppProtocolHandler } from './security/appProtocolHandler.js';
import { APP_SCHEME, APP_START_URL } from './security/appScheme.js';
import { guardWebContents, hardenSession } from './security/hardening.js';
import { createSecureWindow } from './security/secureWindow.js';
import { TrayController } from './tray/TrayController.js';
import { buildTrayModel } from './tray/trayModel.js';
import { windowTitle } from './windowTitle.js';

export const APP_USER_MODEL_ID = 'fr.navette.app';
/** How often the tray and the window learn the service's state (until the service pushes it). */
const HEALTH_POLL_MS = 2000;

export interface DesktopAppOptions {
  readonly argv: readonly string[];
  readonly launch: LaunchOptions;
  readonly log: MainLog;
}

export function startDesktopApp({ argv, launch, log }: DesktopAppOptions): void {
  const locations = appLocations({
    mainDir: import.meta.dirname,
    isPackaged: app.isPackaged,
    resourcesPath: process.resourcesPath,
  });
  const inbox = new LinkInbox();
  let service: RunningService | undefined;
  let window: BrowserWindow | undefined;
  let tray: TrayController | undefined;
  let lastReport: HealthReport | undefined;
  let poll: NodeJS.Timeout | undefined;

  const openExternal = (url: string): void => {
    shell
      .openExternal(url)
      .catch((error: unknown) => log.warn('openExternal failed', { error: String(error) }));
  };
  const sendToWindow = (channel: string, payload: unknown): void => {
    if (window !== undefined && !window.isDestroyed()) window.webContents.send(channel, payload);
  };
  const receiveLink = (link: DeepLink | undefined): void => {
    if (link === undefined) return;
    inbox.push(link);
    if (app.isReady()) showWindow();
  };

  const guard = createQuitGuard({
    onStopping: () => {
      if (poll !== undefined) clearInterval(poll);
      refresh();
    },
    stop: async () => {
      const running = service;
      service = undefined;
      await running?.stop('quit');
    },
    quit: () => {
      tray?.destroy();
      app.quit();
    },
    onError: (error) => log.error('service stop failed', { error: describe(error) }),
  });

  function refresh(): void {
    const report = service?.health();
    if (report !== undefined) {
      for (const event of componentChanges(lastReport, report)) {
        sendToWindow(CHANNELS.serviceEvent, event);
      }
      lastReport = report;
    }
    tray?.show(buildTrayModel({ report, stopping: guard.phase !== 'running' }));
  }

  function showWindow(): void {
    if (window !== undefined && !window.isDestroyed()) {
      if (window.isMinimized()) window.restore();
      window.show();
      window.focus();
      return;
    }
    const created = createSecureWindow(BrowserWindow, {
      preload: locations.preloadFile,
      url: APP_START_URL,
      title: windowTitle(service?.demo ?? launch.demo),
      width: 1100,
      height: 760,
      minWidth: 720,
      minHeight: 520,
      icon: locations.appIcon,
      devTools: !app.isPackaged,
      show: false,
    });
    const current = created.window;
    window = current;
    current.once('ready-to-show', () => current.show());
    // The title says « DÉMO — DMP de test » in demo mode: the page's <title> must not replace it.
    current.on('page-title-updated', (event) => event.preventDefault());
    current.webContents.on('did-start-loading', () => inbox.detach());
    current.webContents.on('did-finish-load', () =>
      inbox.attach((link) => sendToWindow(CHANNELS.deepLink, link)),
    );
    current.on('closed', () => {
      inbox.detach();
      if (window === current) window = undefined;
    });
    created.loaded.catch((error: unknown) =>
      log.error('window load failed', { error: describe(error) }),
    );
  }

  receiveLink(deepLinkFromArgv(argv));
  // macOS hands links over through open-url, possibly before ready.
  app.on('open-url', (event, url) => {
    event.preventDefault();
    receiveLink(parseDeepLink(url));
  });
  app.on('second-instance', (_event, otherArgv, _cwd, additionalData) => {
    receiveLink(deepLinkFromSecondInstance(otherArgv, additionalData));
    showWindow();
  });
  app.on('web-contents-created', (_event, contents) =>
    guardWebContents(contents, openExternal, log),
  );
  // macOS: a click on the Dock icon.
  app.on('activate', () => {
    if (app.isReady()) showWindow();
  });
  // A tray app keeps running with no window open.
  app.on('window-all-closed', () => undefined);
  app.on('before-quit', (event) => guard.onBeforeQuit(event));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());

  app
    .whenReady()
    .then(async () => {
      if (process.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);
      // In development the OS would register the bare Electron binary: only packaged builds
      // claim the scheme (the installers also declare it).
      if (app.isPackaged) app.setAsDefaultProtocolClient(URL_SCHEME);
      hardenSession(session.defaultSession, log);
      protocol.handle(
        APP_SCHEME,
        createAppProtocolHandler({
          root: locations.rendererDir,
          onRefused: (reason) => log.warn('app scheme request refused', { reason }),
        }),
      );
      registerNavetteHandlers(ipcMain, () => service, log);
      tray = new TrayController(
        {
          createTray: (icon) => new Tray(icon),
          buildMenu: (template) => Menu.buildFromTemplate(template),
          loadIcon: (file) => nativeImage.createFromPath(file),
        },
        locations.trayIconDir,
        (action) => (action === 'open' ? showWindow() : app.quit()),
      );
      refresh();

      service = await startService(serviceOptions(launch));
      log.info('service started', { url: service.url, demo: service.demo });
      window?.setTitle(windowTitle(service.demo));
      refresh();
      poll = setInterval(refresh, HEALTH_POLL_MS);
      if (!launch.hidden || inbox.pending.length > 0) showWindow();
    })
    .catch((error: unknown) => {
      log.error('start failed', { error: describe(error) });
      dialog.showErrorBox(
        'Navette ne peut pas démarrer',
        isNavetteError(error)
          ? error.message
          : 'Une erreur inattendue empêche Navette de démarrer. Consultez le journal, puis relancez Navette.',
      );
      tray?.destroy();
      // exit, not quit: there is no service to drain, and before-quit would wait for it.
      app.exit(1);
    });
}

function serviceOptions(launch: LaunchOptions): ServiceOptions {
  return {
    ...(launch.demo ? { demo: true } : {}),
    ...(launch.dataDir === undefined ? {} : { dataDir: launch.dataDir }),
    ...(launch.configFile === undefined ? {} : { configFile: launch.configFile }),
    ...(launch.port === undefined ? {} : { port: launch.port }),
  };
}

function describe(error: unknown): string {
  if (isNavetteError(error)) return error.code;
  return error instanceof Error ? error.message : String(error);
}
