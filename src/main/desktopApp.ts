// The desktop app once it holds the single-instance lock: hardening, the app:// scheme, the IPC
// bridge, the tray, the in-process service and its one window. Decisions live in the pure
// modules (security/, ipc/, tray/, launch/); this file is the Electron glue between them.
import {
  BrowserWindow,
  Menu,
  Notification,
  Tray,
  app,
  dialog,
  ipcMain,
  nativeImage,
  protocol,
  session,
  shell,
} from 'electron';
import { startService, type RunningService, type ServiceOptions } from '../app/index.js';
import { isNavetteError } from '../domain/errors/NavetteError.js';
import { DesktopStatus } from './activity/DesktopStatus.js';
import type { MainLog } from './bootstrapLog.js';
import { CHANNELS } from './ipc/channels.js';
import { registerNavetteHandlers } from './ipc/navetteHandlers.js';
import { LinkInbox } from './launch/LinkInbox.js';
import {
  URL_SCHEME,
  deepLinkFromArgv,
  deepLinkFromSecondInstance,
  parseDeepLink,
  type PatientTarget,
} from './launch/deepLink.js';
import type { LaunchOptions } from './launch/launchArgs.js';
import { LoginItemController, launchedAtLogin, loginItemSupported } from './launch/loginItem.js';
import { createQuitGuard } from './launch/quitGuard.js';
import { NotificationController } from './notifications/NotificationController.js';
import { targetFragment, type NavetteNotification } from './notifications/notificationPolicy.js';
import { appLocations } from './paths.js';
import { PinDialog } from './pin/PinDialog.js';
import { registerPinHandlers } from './pin/registerPinHandlers.js';
import { createAppProtocolHandler } from './security/appProtocolHandler.js';
import { APP_SCHEME } from './security/appScheme.js';
import { guardWebContents, hardenSession } from './security/hardening.js';
import { createSecureWindow } from './security/secureWindow.js';
import { desktopHooksOf, type DesktopServiceHooks } from './serviceHooks.js';
import { TrayController } from './tray/TrayController.js';
import { buildTrayModel, type TrayAction } from './tray/trayModel.js';
import { DOCUMENTS_TO_HANDLE_FRAGMENT, windowUrl } from './uiRoutes.js';
import { createUpdateController, loadElectronUpdater } from './updates/UpdateController.js';
import { updatesEnabled } from './updates/updateSetting.js';
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
  const status = new DesktopStatus();
  const loginItem = loginItemSupported(process.platform, app.isPackaged)
    ? new LoginItemController(app, process.platform, process.execPath)
    : undefined;
  let service: RunningService | undefined;
  let hooks: DesktopServiceHooks | undefined;
  let window: BrowserWindow | undefined;
  let tray: TrayController | undefined;
  let notifier: NotificationController | undefined;
  let poll: NodeJS.Timeout | undefined;
  const undoOnStop: (() => void)[] = [];
  const pinDialog = new PinDialog({
    createWindow: (options) => createSecureWindow(BrowserWindow, options),
    preload: locations.pinPreloadFile,
    devTools: !app.isPackaged,
    onLoadError: (error) => log.error('pin dialog load failed', { error: describe(error) }),
  });
  const updates = createUpdateController({
    enabled: safely(() => updatesEnabled(launch.configFile, process.env), false),
    isPackaged: app.isPackaged,
    load: loadElectronUpdater,
    log,
  });

  const openExternal = (url: string): void => {
    shell
      .openExternal(url)
      .catch((error: unknown) => log.warn('openExternal failed', { error: String(error) }));
  };
  const sendToWindow = (channel: string, payload: unknown): void => {
    if (window !== undefined && !window.isDestroyed()) window.webContents.send(channel, payload);
  };
  const receiveLink = (target: PatientTarget | undefined): void => {
    if (target === undefined) {
      // The link itself may hold an INS: only the fact is logged.
      log.warn('navette:// link refused');
      return;
    }
    inbox.push(target);
    if (service !== undefined) showWindow();
  };
  /** The patient view of a link: the window goes to its fragment; the UI is told too. */
  const deliverLink = (target: PatientTarget): void => {
    navigate(target.fragment);
    sendToWindow(CHANNELS.deepLink, target.link);
  };
  const openPinDialog = (): void => {
    // Without the service's card unlocker the dialog could not pass the PIN on: the window
    // explains the card state instead.
    if (hooks?.cardUnlocker === undefined) showWindow();
    else pinDialog.open();
  };
  const onTrayAction = (action: TrayAction): void => {
    switch (action) {
      case 'open':
        showWindow();
        return;
      case 'pin':
        openPinDialog();
        return;
      case 'documents':
        status.acknowledgeDocuments();
        showWindow(DOCUMENTS_TO_HANDLE_FRAGMENT);
        refresh();
        return;
      case 'start-at-login':
        loginItem?.toggle();
        refresh();
        return;
      case 'quit':
        app.quit();
        return;
    }
  };
  const notify = (notification: NavetteNotification): void => {
    notifier?.show(notification);
  };

  const guard = createQuitGuard({
    onStopping: () => {
      if (poll !== undefined) clearInterval(poll);
      for (const undo of undoOnStop.splice(0)) undo();
      updates.stop();
      pinDialog.close();
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
    const next = status.refresh(service?.health(), Date.now(), {
      stopping: guard.phase !== 'running',
      ...(loginItem === undefined ? {} : { startAtLogin: loginItem.enabled }),
    });
    // With the service's own event stream, the window gets component changes from it.
    if (hooks?.events === undefined) {
      for (const event of next.componentChanges) sendToWindow(CHANNELS.serviceEvent, event);
    }
    for (const notification of next.notifications) notify(notification);
    tray?.show(buildTrayModel(next.tray));
  }

  /** Loads `fragment` (a screen of the UI) in the open window. */
  function navigate(fragment: string | undefined): void {
    if (window === undefined || window.isDestroyed()) return;
    window
      .loadURL(windowUrl(fragment))
      .catch((error: unknown) => log.error('window navigation failed', { error: describe(error) }));
  }

  /** Shows the window, on `fragment` when given (the screen a notification or the tray asks). */
  function showWindow(fragment?: string): void {
    if (window !== undefined && !window.isDestroyed()) {
      if (window.isMinimized()) window.restore();
      window.show();
      window.focus();
      if (fragment !== undefined) navigate(fragment);
      return;
    }
    const created = createSecureWindow(BrowserWindow, {
      preload: locations.preloadFile,
      url: windowUrl(fragment),
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
    // A new document cannot take links until it has loaded; a fragment change (a screen of the
    // same page) keeps the page that is there.
    current.webContents.on('did-start-navigation', (details) => {
      if (details.isMainFrame && !details.isSameDocument) inbox.detach();
    });
    current.webContents.on('did-finish-load', () => inbox.attach(deliverLink));
    current.on('closed', () => {
      inbox.detach();
      if (window === current) window = undefined;
    });
    created.loaded.catch((error: unknown) =>
      log.error('window load failed', { error: describe(error) }),
    );
  }

  const firstLink = deepLinkFromArgv(argv);
  if (firstLink !== undefined) receiveLink(firstLink);
  // macOS hands links over through open-url, possibly before ready.
  app.on('open-url', (event, url) => {
    event.preventDefault();
    receiveLink(parseDeepLink(url));
  });
  app.on('second-instance', (_event, otherArgv, _cwd, additionalData) => {
    const target = deepLinkFromSecondInstance(otherArgv, additionalData);
    if (target !== undefined || hasLink(otherArgv, additionalData)) receiveLink(target);
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
      registerPinHandlers(
        ipcMain,
        {
          unlocker: () => hooks?.cardUnlocker,
          onAccepted: () => {
            pinDialog.close();
            refresh();
          },
          onClose: () => pinDialog.close(),
        },
        log,
      );
      tray = new TrayController(
        {
          createTray: (icon) => new Tray(icon),
          buildMenu: (template) => Menu.buildFromTemplate(template),
          loadIcon: (file) => nativeImage.createFromPath(file),
        },
        locations.trayIconDir,
        onTrayAction,
      );
      notifier = new NotificationController(
        {
          isSupported: () => Notification.isSupported(),
          create: (options) => new Notification(options),
        },
        (target) => {
          if (target.kind === 'pin') openPinDialog();
          else {
            if (target.kind === 'documents') status.acknowledgeDocuments();
            showWindow(targetFragment(target));
          }
        },
      );
      refresh();

      const running = await startService(serviceOptions(launch));
      service = running;
      hooks = desktopHooksOf(running);
      log.info('service started', {
        url: running.url,
        demo: running.demo,
        events: hooks.events !== undefined,
        pinDialog: hooks.cardUnlocker !== undefined,
      });
      const events = hooks.events;
      if (events !== undefined) {
        undoOnStop.push(
          events.subscribe((event) => {
            status.onServiceEvent(event, Date.now());
            sendToWindow(CHANNELS.serviceEvent, event);
          }),
        );
      }
      window?.setTitle(windowTitle(running.demo));
      refresh();
      poll = setInterval(refresh, HEALTH_POLL_MS);
      const atLogin = launchedAtLogin(
        argv,
        loginItem === undefined ? undefined : app.getLoginItemSettings(),
      );
      if (!(launch.hidden || atLogin) || inbox.pending.length > 0) showWindow();
      void updates.start().then((state) => log.info('updates', { state }));
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

/** True when a second launch passed something that looks like a link (refused or not). */
function hasLink(argv: readonly string[], additionalData: unknown): boolean {
  const data = additionalData as { link?: unknown } | null | undefined;
  return (
    typeof data?.link === 'string' ||
    argv.some((arg) => arg.toLowerCase().startsWith(`${URL_SCHEME}:`))
  );
}

/** `read()`, or `fallback` when it throws (a setting that cannot be read keeps its default). */
function safely<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    return fallback;
  }
}

function describe(error: unknown): string {
  if (isNavetteError(error)) return error.code;
  return error instanceof Error ? error.message : String(error);
}
