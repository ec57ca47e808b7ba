// The service's sending: the watched folders, the outbox and its worker over the send path
// (sendingPath.ts), with a DMP session (card + PIN in direct mode, the structure's PKCS#12 in
// indirect mode) opened at start or later, and the card gate that pauses and resumes the queue.
//
// The session is optional for the service: without a PIN (NAVETTE_PIN) or the structure password
// the folders are still watched and documents checked and queued, while the worker stays paused
// and the outbox says why in the health report. A PDF then waits too (its CDA needs the card
// holder): the checker postpones it.
import { isNavetteError } from '../../domain/errors/NavetteError.js';
import type { DocumentSender } from '../../domain/ports/DocumentSender.js';
import type { Logger } from '../../domain/ports/Logger.js';
import type { Database } from '../../store/index.js';
import type { Environment } from '../card/cardEnvironment.js';
import type { PinSource } from '../card/cardLogin.js';
import type { ConfigListener, NavetteConfig } from '../config/index.js';
import {
  STRUCTURE_P12_PASSWORD_VARIABLE,
  openDmpSession,
  type DmpSession,
  type DmpSessionOptions,
} from '../dmp/index.js';
import type { CdaDocumentChecker } from '../documents/CdaDocumentChecker.js';
import type { ComponentRegistry } from '../health/ComponentRegistry.js';
import { COMPONENTS } from '../service/components.js';
import type { CardEventSource, CardGate } from './cardGate.js';
import { isCardHold, workerSettingsOf } from './sendingSettings.js';
import {
  SERVICE_PIN_REFUSED_REASON,
  isPinRefusal,
  rememberRefusedServicePin,
  servicePinRefused,
} from '../card/servicePin.js';
import { startCardGate } from './startCardGate.js';
import { SwitchableSender } from './SwitchableSender.js';
import { createSendingService, type SendingService } from './SendingService.js';
import { createSendingPath, holderOfSession, type SendingPath } from './sendingPath.js';


/** The headless service's PIN (docs/sending.md): the service cannot prompt on a terminal. */
export const SERVICE_PIN_VARIABLE = 'NAVETTE_PIN';
/** The card to use when several are present (the service has no --card). */
export const SERVICE_CARD_VARIABLE = 'NAVETTE_CARD';
export const NO_SESSION_REASON = 'Carte absente ou code PIN manquant : les documents attendent.';

const NO_SENDER: DocumentSender = {
  send: () =>
    Promise.resolve({ kind: 'failed', reason: NO_SESSION_REASON, mayHaveReachedServer: false }),
  findByUniqueId: () => Promise.resolve({ kind: 'failed', reason: NO_SESSION_REASON }),
};

export interface StartSendingOptions {
  readonly config: NavetteConfig;
  readonly db: Database;
  readonly dataDir: string;
  readonly env: Environment;
  readonly registry: ComponentRegistry;
  readonly log: Logger;
  /** Tests: how the session is opened. */
  readonly openSession?: (options: DmpSessionOptions) => Promise<DmpSession>;
  /** Demo mode: the embedded DMP's virtual test card (no PIN, no environment needed). */
  readonly demoCard?: { readonly p12: string; readonly password: string };
  /** Tests: intake tuning (a short sidecar grace, polling). */
  readonly intake?: Parameters<typeof createSendingService>[0]['intake'];
  /**
   * Configuration reloads (ConfigStore.onDidChange; SIGHUP for `navette serve`): `sending.*`
   * applies to the running worker. Without it, the settings are read at start.
   */
  readonly configChanges?: (listener: ConfigListener) => () => void;
  /** Tests: the card events (default: a CardMonitor on the session's card service). */
  readonly cardEvents?: CardEventSource;
  /**
   * How often a service started without its card tries again to open the session, when it has
   * what it needs to do so alone (NAVETTE_PIN, the structure password, demo). Default 15 s.
   */
  readonly reconnectMs?: number;
  /**
   * A session another part of the service opened on the same card and hands over (the
   * consultation's, `ServiceConsultSession.release`): the late connection takes it rather than
   * logging in to the card a second time. The sending path then owns and closes it.
   */
  readonly adoptSession?: () => DmpSession | undefined;
  readonly now?: () => Date;
}

export interface RunningSending {
  readonly service: SendingService;
  /** Undefined while no session is open (the worker is paused); it may open later. */
  readonly session: DmpSession | undefined;
  /** Direct mode: pauses the queue while the card is away or locked, resumes it after. */
  readonly cardGate: CardGate | undefined;
  /** The document checks (the batch pre-flight uses the same ones). */
  readonly checker: CdaDocumentChecker;
  /**
   * Opens the DMP session now (a card inserted, or the PIN typed in the desktop's PIN dialog —
   * `pin` is used for this attempt only and not kept), then resumes the queue. Resolves true
   * when a session is open (already, or now); false with the reason in the health report. With
   * a typed `pin`, a failure rejects with the card's error instead (CARD_PIN_INCORRECT…).
   */
  connect(pin?: string): Promise<boolean>;
  /** Drains the worker, stops watching, closes the session; idempotent. */
  stop(drainMs?: number): Promise<void>;
}

/** Whether the headless service can open a session without asking anyone. */
function sessionPossible(config: NavetteConfig, env: Environment): boolean {
  if (config.dmp.authMode === 'indirect') return env[STRUCTURE_P12_PASSWORD_VARIABLE] !== undefined;
  const pin = env[SERVICE_PIN_VARIABLE];
  return pin !== undefined && pin !== '';
}

type ServiceSession =
  { readonly session: DmpSession } | { readonly reason: string; readonly error?: unknown };

async function openServiceSession(
  opts: StartSendingOptions,
  typedPin?: string,
): Promise<ServiceSession> {
  if (
    typedPin === undefined &&
    opts.demoCard === undefined &&
    !sessionPossible(opts.config, opts.env)
  ) {
    return { reason: NO_SESSION_REASON };
  }
  const envPin = opts.env[SERVICE_PIN_VARIABLE];
  if (typedPin === undefined && servicePinRefused(opts.env, envPin)) {
    return { reason: SERVICE_PIN_REFUSED_REASON };
  }
  const pin: PinSource = () => Promise.resolve(typedPin ?? envPin ?? '');
  const cardLabel = opts.env[SERVICE_CARD_VARIABLE];
  try {
    const session = await (opts.openSession ?? openDmpSession)({
      config: opts.config,
      env: opts.env,
      pin,
      ...(cardLabel === undefined || cardLabel === '' ? {} : { cardLabel }),
      ...(opts.demoCard === undefined ? {} : { demoCard: opts.demoCard }),
      logger: opts.log,
    });
    return { session };
  } catch (error) {
    if (typedPin === undefined && envPin !== undefined && isPinRefusal(error)) {
      rememberRefusedServicePin(opts.env, envPin);
      opts.log.warn('the card refused NAVETTE_PIN: it will not be tried again', {
        error: isNavetteError(error) ? error.code : String(error),
      });
      return { reason: SERVICE_PIN_REFUSED_REASON, error };
    }
    opts.log.warn('no DMP session: documents wait', {
      error: isNavetteError(error) ? `${error.code}: ${error.message}` : String(error),
    });
    return {
      reason: isNavetteError(error)
        ? `Connexion au DMP impossible : ${error.message} Les documents attendent.`
        : NO_SESSION_REASON,
      error,
    };
  }
}

/**
 * Starts watching the configured export folders and sending what they receive. Returns undefined
 * when no folder is configured (nothing to do). Without a session at start, documents are checked
 * and queued while the worker waits; the session is tried again every `reconnectMs` when the
 * service can open it alone, or when `connect(pin)` is called.
 */
export async function startSending(opts: StartSendingOptions): Promise<RunningSending | undefined> {
  const { config, registry, log } = opts;
  if (config.watch.folders.length === 0) return undefined;
  const opened = await openServiceSession(opts);
  let session: DmpSession | undefined = 'session' in opened ? opened.session : undefined;
  let sendingPath: SendingPath | undefined;
  try {
    sendingPath = await createSendingPath({
      config,
      db: opts.db,
      dataDir: opts.dataDir,
      log,
      ...(session === undefined ? {} : { session }),
      ...(opts.now === undefined ? {} : { now: opts.now }),
    });
    const built = sendingPath;
    // A real card (now or later): its gate resumes held rows. Never with the structure's
    // certificate or the demo's virtual card, whose failures are not the card's.
    const cardMode =
      session === undefined
        ? config.dmp.authMode !== 'indirect' && opts.demoCard === undefined
        : session.card !== undefined;
    const sender = new SwitchableSender(built.sender ?? NO_SENDER);
    const service = createSendingService({
      db: opts.db,
      checker: built.checker,
      sender,
      watch: config.watch,
      maxBytes: config.documents.maxSizeMb * 1024 * 1024,
      worker: {
        ...workerSettingsOf(config),
        // Held rows need someone to resume the worker: the card gate, in direct mode only.
        ...(cardMode ? { holdOn: isCardHold } : {}),
      },
      log,
      ...(opts.intake === undefined ? {} : { intake: opts.intake }),
      ...(opts.now === undefined ? {} : { now: opts.now }),
    });
    if (session === undefined) service.worker.pause();
    const stopWatchingConfig = opts.configChanges?.(({ config: next }) => {
      service.worker.configure(workerSettingsOf(next));
      log.info('sending settings applied', { concurrency: next.sending.concurrency });
    });
    let gate: ReturnType<typeof startCardGate> | undefined;
    const gateFor = (open: DmpSession): void => {
      if (open.card === undefined) return;
      gate = startCardGate({
        card: open.card,
        worker: service.worker,
        pin: opts.env[SERVICE_PIN_VARIABLE],
        pollIntervalMs: config.card.pollIntervalMs,
        registry,
        log,
        ...(opts.cardEvents === undefined ? {} : { cardEvents: opts.cardEvents }),
      });
    };
    if (session !== undefined) gateFor(session);
    await service.start();
    registry.set(COMPONENTS.watcher, 'ok');
    if ('reason' in opened) registry.set(COMPONENTS.outbox, 'degraded', opened.reason);
    else registry.set(COMPONENTS.outbox, 'ok');
    log.info('sending started', {
      folders: config.watch.folders.length,
      session: session?.identity.mode ?? 'none',
    });

    let stopped = false;
    let connecting: Promise<boolean> | undefined;
    const connect = async (pin?: string): Promise<boolean> => {
      if (session !== undefined) return true;
      if (stopped) return false;
      // A PIN typed while an automatic attempt runs is not dropped: it gets its own attempt.
      if (pin !== undefined && connecting !== undefined) await connecting.catch(() => false);
      if (session !== undefined) return true;
      connecting ??= (async () => {
        try {
          const adopted = opts.adoptSession?.();
          const attempt =
            adopted !== undefined ? { session: adopted } : await openServiceSession(opts, pin);
          if ('reason' in attempt) {
            registry.set(COMPONENTS.outbox, 'degraded', attempt.reason);
            // A typed PIN that did not open the card: whoever typed it learns why (wrong PIN…).
            if (pin !== undefined && attempt.error !== undefined) throw attempt.error;
            return false;
          }
          if (stopped) {
            await attempt.session.close();
            return false;
          }
          const late = await createSendingPath({
            config,
            db: opts.db,
            dataDir: opts.dataDir,
            log,
            session: attempt.session,
            checked: built.checked,
            ...(opts.now === undefined ? {} : { now: opts.now }),
          });
          // The schema and value sets of the first path stay in use by the checker.
          late.dispose();
          if (late.sender === undefined) {
            await attempt.session.close();
            return false;
          }
          session = attempt.session;
          built.checker.useCardHolder(await holderOfSession(attempt.session));
          sender.use(late.sender);
          gateFor(attempt.session);
          registry.set(COMPONENTS.outbox, 'ok');
          log.info('DMP session opened late: sending resumes', {
            session: attempt.session.identity.mode,
          });
          service.worker.resume();
          // PDFs postponed for want of a card holder are retried by the next scan.
          return true;
        } finally {
          connecting = undefined;
        }
      })();
      return connecting;
    };
    const reconnectMs = opts.reconnectMs ?? 15_000;
    const retry =
      session === undefined && (opts.demoCard !== undefined || sessionPossible(config, opts.env))
        ? setInterval(() => {
            if (servicePinRefused(opts.env, opts.env[SERVICE_PIN_VARIABLE])) {
              clearInterval(retry);
              return;
            }
            void connect().then((ok) => {
              if (ok) clearInterval(retry);
            });
          }, reconnectMs)
        : undefined;
    retry?.unref();

    let stopping: Promise<void> | undefined;
    return {
      service,
      checker: built.checker,
      get session() {
        return session;
      },
      get cardGate() {
        return gate?.gate;
      },
      connect,
      stop(drainMs) {
        stopping ??= (async () => {
          stopped = true;
          if (retry !== undefined) clearInterval(retry);
          await connecting;
          stopWatchingConfig?.();
          gate?.dispose();
          registry.set(COMPONENTS.outbox, 'down', "Navette est en cours d'arrêt.");
          try {
            await service.stop(drainMs === undefined ? {} : { drainMs });
          } finally {
            registry.set(COMPONENTS.watcher, 'down', "Navette est en cours d'arrêt.");
            built.dispose();
            await session?.close();
          }
        })();
        return stopping;
      },
    };
  } catch (error) {
    sendingPath?.dispose();
    await session?.close();
    throw error;
  }
}
