// Entry of the Electron main process (dist/main/main.js). What must happen before `ready`
// happens here, at the top level: the renderer sandbox for every window, the privileges of the
// app:// scheme, and the single-instance lock. Everything else is in desktopApp.ts.
import { app, protocol } from 'electron';
import { createBootstrapLog } from './bootstrapLog.js';
import { startDesktopApp } from './desktopApp.js';
import { secondInstanceData } from './launch/deepLink.js';
import { parseLaunchArgs } from './launch/launchArgs.js';
import { APP_SCHEME_DEFINITION } from './security/appScheme.js';

// Sandbox every renderer, whatever a window's own preferences say.
app.enableSandbox();
protocol.registerSchemesAsPrivileged([APP_SCHEME_DEFINITION]);

const log = createBootstrapLog();
// A second launch hands its navette:// link to the first (which comes to the front) and leaves.
if (app.requestSingleInstanceLock(secondInstanceData(process.argv))) {
  startDesktopApp({ argv: process.argv, launch: parseLaunchArgs(process.argv), log });
} else {
  log.info('another instance is running: handing over and quitting');
  app.quit();
}
