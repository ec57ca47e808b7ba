// The composition root of the Navette service: the one place that creates concrete adapters and
// wires them. Order matters: configuration (read-only) → data-folder lock (so a second instance
// touches nothing of the first) → logger → database → local HTTP server. Every step that fails
// undoes the steps before it, and stop() undoes them all in reverse, draining first.
import path from 'node:path';
import type { Ins } from '../domain/ins/ins.js';
import type { HealthReport } from '../api/health.js';
import { createHttpFrontEnd } from '../server/index.js';
import { openDatabase } from '../store/index.js';
import {
  ConfigStore,
  defaultAppPaths,
  type ConfigProblem,
  type ConfigReload,
  type NavetteConfig,
} from './config/index.js';
import { ComponentRegistry } from './health/ComponentRegistry.js';
import { buildHealthReport } from './health/healthReport.js';
import { acquireInstanceLock } from './instanceLock/index.js';
import { createLogger, type RootLogger } from './logging/index.js';
import { startDemoDmp, type DemoDmp } from './demo/startDemoDmp.js';
import { startSending } from './sending/startSending.js';
import type { ServiceConsultSession } from './consult/consultSession.js';
import { startConsult } from './consult/startConsult.js';
import { startImport, type ImportApi } from './import/index.js';
import type { ConsultService } from './consult/index.js';
import { COMPONENTS, registerComponents } from './service/components.js';
import { createLocalApi, type LocalApiTuning } from './service/localApi.js';
import { createUiSession, writeUiSessionFile } from './service/uiSession.js';
import { cardUnlockerOf, type ServiceCardUnlocker } from './service/cardUnlocker.js';
import type { ServiceEvent } from '../api/events.js';
import type { SendingParts } from './service/uiOperations.js';
import { BatchService } from './batches/BatchService.js';
import {
  ServiceEventBus,
  publishComponentChanges,
  publishOutboxEvents,
} from './service/serviceEvents.js';
import { defaultUiDir, findPackageRoot, readPackageVersion } from './service/packageInfo.js';

export interface ServiceOptions {
  /** Data folder (database, lock, logs). Default: the per-user folder, or NAVETTE_HOME. */
  dataDir?: string;
  /** User settings file. Default: settings.json in the per-user configuration folder. */
  configFile?: string;
  /** Overrides the configured port; 0 picks a free one. */
  port?: number;
  /** Forces demo mode on (it can also come from the configuration). */
  demo?: boolean;
  /** Export folders to watch in addition to the configured ones (`--watch`, repeatable). */
  watch?: string[];
  env?: NodeJS.ProcessEnv;
  /** The compiled web UI. Default: dist/renderer of this installation. */
  uiDir?: string;
  /** How long stop() waits for in-flight requests before cutting them. Default 5 s. */
  drainTimeoutMs?: number;
  /** The local HTTP API (docs/local-api.md): allowed origins, body limit, heartbeat. */
  api?: LocalApiTuning;
}

export interface RunningService {
  /** `http://127.0.0.1:<port>/` */
  url: string;
  /** The web UI with this run's session token in the fragment (`…/#jeton=…`). Never log it. */
  uiUrl: string;
  port: number;
  demo: boolean;
  /** The data folder this service holds the lock of. */
  dataDir: string;
  /** Demo mode: the folder whose documents go to the embedded test DMP. */
  demoExportDir?: string;
  /** Drains and closes everything; idempotent. `reason` goes to the log. */
  stop(reason?: string): Promise<void>;
  health(): HealthReport;
  /** The service's events (outbox progress, component changes): the tray and notifications. */
  events: { subscribe(listener: (event: ServiceEvent) => void): () => void };
  /** The desktop's PIN dialog: the card waiting for its PIN, and the login (src/main/pin). */
  cardUnlocker: ServiceCardUnlocker;
  /**
   * Re-reads the policy and user settings files (SIGHUP for `navette serve`). A bad file or field
   * is reported in the health report and the log; the last good values stay in force.
   */
  reloadConfig(): ConfigReload;
}

export const DATABASE_FILE_NAME = 'navette.db';
const DEFAULT_DRAIN_MS = 5000;

export async function startService(opts: ServiceOptions = {}): Promise<RunningService> {
  const startedAt = Date.now();
  const env = opts.env ?? process.env;
  const appPaths = defaultAppPaths(env);
  const dataDir = path.resolve(opts.dataDir ?? appPaths.dataDir);
  const logDir = opts.dataDir === undefined ? appPaths.logDir : path.join(dataDir, 'logs');
  const userFile = path.resolve(opts.configFile ?? appPaths.configFile);
  const root = findPackageRoot();
  const version = readPackageVersion(root);

  const configStore = new ConfigStore({
    policyFile: appPaths.policyFile,
    userFile,
    overrides: overridesFrom(opts),
    ...(opts.watch === undefined
      ? {}
      : { addedWatchFolders: opts.watch.map((folder) => path.resolve(folder)) }),
  });
  const config: NavetteConfig = configStore.config;
  const problems: readonly ConfigProblem[] = configStore.problems;
  const demo = config.demo || opts.demo === true;

  const registry = new ComponentRegistry();
  registerComponents(registry, config.watch.folders);
  const showConfigState = (current: readonly ConfigProblem[]): void => {
    registry.set(
      COMPONENTS.configuration,
      current.length === 0 ? 'ok' : 'degraded',
      ...(current.length === 0 ? [] : [configProblemSummary(current.length)]),
    );
  };
  showConfigState(problems);

  const lock = acquireInstanceLock(dataDir);
  const undo: (() => void | Promise<void>)[] = [() => lock.release()];
  let logger: RootLogger;
  try {
    logger = createLogger({
      dir: logDir,
      level: config.logging.level,
      maxFileBytes: config.logging.maxFileBytes,
      maxFiles: config.logging.maxFiles,
      retentionDays: config.logging.retentionDays,
      console: false,
      baseFields: { pid: process.pid },
    });
  } catch (error) {
    lock.release();
    throw error;
  }
  undo.push(() => logger.close());
  const log = logger.child('service');
  try {
    log.info('starting', { version, demo, sources: configStore.sources.length });
    for (const p of problems) {
      log.warn('configuration problem', { file: p.file, field: p.field, expected: p.expected });
    }
    registry.onDidChange((name, status) => log.info('component', { name, state: status.state }));

    const db = openDatabase(path.join(dataDir, DATABASE_FILE_NAME));
    undo.push(() => {
      db.close();
    });
    registry.set(COMPONENTS.database, 'ok');

    const health = (): HealthReport =>
      buildHealthReport({
        version,
        startedAt,
        now: Date.now(),
        demo,
        registry,
        configProblems: configStore.problems,
      });
    const events = new ServiceEventBus();
    undo.push(publishComponentChanges(registry, events));
    const uiSession = createUiSession();
    let sendingParts: SendingParts | undefined;
    let consultService: ConsultService | undefined = undefined;
    let importApi: ImportApi | undefined = undefined;
    const server = createHttpFrontEnd({
      health,
      api: createLocalApi({
        db,
        version,
        health,
        events,
        settings: { configStore, env, demo, effective: (c) => demoDmp?.applyTo(c) ?? c },
        uiSession,
        sending: () => sendingParts,
        consult: () => consultService,
        imports: () => importApi,
        ...(opts.api === undefined ? {} : { tuning: opts.api }),
      }),
      demo,
      uiDir: opts.uiDir ?? defaultUiDir(root),
      log: logger.child('http'),
    });
    const port = await server.listen(opts.port ?? config.server.port);
    const drainMs = opts.drainTimeoutMs ?? DEFAULT_DRAIN_MS;
    undo.push(async () => {
      await server.stop(drainMs);
    });
    registry.set(COMPONENTS.server, 'ok');
    undo.push(writeUiSessionFile(dataDir, uiSession, server.url));

    // Export folders → outbox → DMP (docs/sending.md), once the health report is served (opening
    // the card takes a while). Its undo step runs first: in-flight sends drain while the server
    // and the database are still there.
    // Demo mode: the embedded DMP test server and its virtual card (docs/sandbox.md).
    let demoDmp: DemoDmp | undefined;
    if (demo) {
      const started = await startDemoDmp(dataDir, logger.child('demo-dmp'));
      demoDmp = started;
      undo.push(async () => {
        await started.stop();
      });
      registry.set(COMPONENTS.dmp, 'ok', `DMP de test intégré (${started.url})`);
    }
    // The consultation's session, once it exists (below): a sending path that opens late takes
    // it over rather than logging in to the same card a second time.
    const later: { consultSessions?: ServiceConsultSession } = {};
    const sending = await startSending({
      config: demoDmp === undefined ? config : demoDmp.applyTo(config),
      ...(demoDmp === undefined ? {} : { demoCard: demoDmp.card }),
      db,
      dataDir,
      env,
      registry,
      log: logger.child('sending'),
      configChanges: (listener) => configStore.onDidChange(listener),
      adoptSession: () => later.consultSessions?.release(),
    });
    if (sending !== undefined) {
      undo.push(publishOutboxEvents(sending.service, events));
      undo.push(async () => {
        await sending.stop(drainMs);
      });
      // Batches (the Lot screen) go through the same outbox, checks and worker.
      const batches = new BatchService({
        db,
        outbox: sending.service.outbox,
        worker: {
          wake: () => sending.service.worker.wake(),
          onEvent: (listener) => sending.service.onWorkerEvent(listener),
        },
        preflight: {
          checker: sending.checker,
          // Read for each file: a session that opened after the start (card inserted, PIN typed)
          // serves the pre-flight from then on; without one, the status is left for the sending.
          get testExistence() {
            const session = sending.session;
            return session === undefined
              ? undefined
              : (ins: Ins) => session.client.testExistence(ins);
          },
        },
        log: logger.child('batches'),
      });
      undo.push(() => batches.dispose());
      const folders = (demoDmp === undefined ? config : demoDmp.applyTo(config)).watch.folders;
      sendingParts = {
        batches,
        dropFolder: folders[0],
        wake: () => sending.service.worker.wake(),
      };
    }
    // Consultation (docs/consult.md): the sending path's session, or its own opened on demand.
    const consult = startConsult({
      config: demoDmp === undefined ? config : demoDmp.applyTo(config),
      ...(demoDmp === undefined ? {} : { demoCard: demoDmp.card }),
      db,
      dataDir,
      env,
      shared: () => sending?.session,
      log: logger.child('consult'),
    });
    consultService = consult.service;
    later.consultSessions = consult.session;
    undo.push(() => consult.stop());
    // Import for specialists (docs/import.md); the automatic import only when import.autoImport.
    const imports = startImport({
      config: demoDmp === undefined ? config : demoDmp.applyTo(config),
      ...(demoDmp === undefined ? {} : { demoCard: demoDmp.card }),
      db,
      dataDir,
      env,
      // One session per card and process: without the sending path's, the consultation's (opened
      // on demand, with its PIN rules), never a third one of the import's own.
      shared: () => sending?.session ?? consult.session.current(),
      sharedReady: () => (sending?.cardGate?.state ?? 'ready') === 'ready',
      openShared: async () => sending?.session ?? (await consult.session.source()),
      log: logger.child('import'),
    });
    importApi = imports.api;
    undo.push(() => imports.stop());
    log.info('ready', { port, demo });

    let stopping: Promise<void> | undefined;
    return {
      url: server.url,
      uiUrl: uiSession.urlFor(server.url),
      port,
      demo,
      dataDir,
      ...(demoDmp === undefined
        ? {}
        : { demoExportDir: demoDmp.applyTo(config).watch.folders[0] ?? demoDmp.exportDir }),
      health,
      events,
      cardUnlocker: cardUnlockerOf(
        () => sending,
        demoDmp === undefined && config.dmp.authMode !== 'indirect',
      ),
      reloadConfig() {
        const result = configStore.reload();
        // What can change without a restart: the log level. Port, folders and the DMP endpoint
        // are read at start (the health report says a restart is needed when they differ).
        logger.setLevel(result.config.logging.level);
        showConfigState(result.problems);
        log.info('configuration reloaded', { changed: result.changed });
        for (const p of result.problems) {
          log.warn('configuration problem', { file: p.file, field: p.field, expected: p.expected });
        }
        return result;
      },
      stop(reason = 'stop') {
        stopping ??= (async () => {
          log.info('stopping', { reason });
          registry.set(COMPONENTS.server, 'down', "Navette est en cours d'arrêt.");
          await undoAll(undo, (step, error) => log.error('stop step failed', { step, error }));
        })();
        return stopping;
      },
    };
  } catch (error) {
    log.error('start failed', { error: errorSummary(error) });
    await undoAll(undo, () => undefined);
    throw error;
  }
}

/** The configuration layer that the command line wins over. */
function overridesFrom(opts: ServiceOptions): Record<string, unknown> {
  return {
    ...(opts.demo === true ? { demo: true } : {}),
    ...(opts.port === undefined ? {} : { server: { port: opts.port } }),
  };
}

function configProblemSummary(count: number): string {
  return count === 1
    ? 'Un réglage de configuration est incorrect ; Navette utilise la dernière configuration valide.'
    : `${count} réglages de configuration sont incorrects ; Navette utilise la dernière configuration valide.`;
}

/** Runs the undo steps in reverse; one failing step does not stop the others. */
async function undoAll(
  steps: (() => void | Promise<void>)[],
  onError: (step: number, error: string) => void,
): Promise<void> {
  for (let i = steps.length - 1; i >= 0; i--) {
    try {
      await steps[i]?.();
    } catch (error) {
      onError(i, errorSummary(error));
    }
  }
  steps.length = 0;
}

function errorSummary(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' ? `${code}: ${error.message}` : error.message;
  }
  return String(error);
}
