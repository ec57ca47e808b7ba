// The card backend that runs pkcs11js in a child process (the card worker). One request at a
// time, each with a timeout; a worker that dies fails the request in flight with
// CARD_WORKER_CRASHED, one that hangs is killed and fails it with CARD_WORKER_TIMEOUT. Either way
// it is restarted after a growing delay (restartBackoff.ts), the module is initialised again,
// and `onDidReset` listeners learn that every session and login is gone. Requests not yet sent
// wait for the new worker.
import { cardErrors } from '../errors/cardErrors.js';
import { CardError } from '../errors/CardError.js';
import { Pkcs11CallError } from '../errors/Pkcs11CallError.js';
import type {
  CardBackend,
  ModuleDescription,
  SignRequest,
  SlotDescription,
  TokenDescription,
  TokenObjects,
} from '../backend/CardBackend.js';
import {
  WORKER_DEBUG_ENV,
  isWorkerMessage,
  type SerializedWorkerError,
  type WorkerOperation,
  type WorkerOperations,
  type WorkerRequest,
} from '../worker/protocol.js';
import { DEFAULT_BACKOFF, restartDelayMs, type BackoffPolicy } from './restartBackoff.js';
import { defaultWorkerPath, workerExists } from './workerPath.js';
import { forkWorker, type SpawnWorker, type WorkerProcess } from './workerProcess.js';

/** Per-operation time limits. A real card signs in 100–500 ms; PIN-pad readers wait for a human. */
export const DEFAULT_TIMEOUTS_MS: Readonly<Record<WorkerOperation, number>> = {
  initialize: 20_000,
  listSlots: 10_000,
  getTokenInfo: 10_000,
  listObjects: 20_000,
  getMechanisms: 10_000,
  login: 60_000,
  logout: 10_000,
  sign: 30_000,
  finalize: 5_000,
  debug: 5_000,
};

export interface CardWorkerClientOptions {
  readonly modulePath: string;
  /** Default: dist/card/worker/main.js (see workerPath.ts). */
  readonly workerPath?: string;
  /** Added to the worker's environment (e.g. SOFTHSM2_CONF for the SoftHSM test module). */
  readonly env?: Readonly<Record<string, string>>;
  readonly timeoutsMs?: Partial<Record<WorkerOperation, number>>;
  readonly backoff?: Partial<BackoffPolicy>;
  /** Lets tests use the `debug` operation (crash or hang the worker). Never in production. */
  readonly enableDebugOperations?: boolean;
  readonly spawn?: SpawnWorker;
  readonly now?: () => number;
}

interface Pending {
  readonly op: WorkerOperation;
  readonly params: unknown;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
}

interface InFlight extends Pending {
  readonly id: number;
  readonly timer: NodeJS.Timeout;
}

function deserialize(error: SerializedWorkerError): Error {
  switch (error.kind) {
    case 'pkcs11':
      return new Pkcs11CallError(error.fn, error.ckr);
    case 'card':
      return new CardError(error.code, error.message, error.details);
    case 'internal':
      return new Error(`card worker: ${error.message}`);
  }
}

export class CardWorkerClient implements CardBackend {
  private readonly workerPath: string;
  private readonly timeouts: Readonly<Record<WorkerOperation, number>>;
  private readonly backoff: BackoffPolicy;
  private readonly spawn: SpawnWorker;
  private readonly now: () => number;
  private readonly queue: Pending[] = [];
  private readonly resetListeners = new Set<(reason: string) => void>();
  private worker: WorkerProcess | null = null;
  private workerReady = false;
  private workerStartedAt = 0;
  private inFlight: InFlight | null = null;
  private nextId = 1;
  private failures = 0;
  private restartTimer: NodeJS.Timeout | null = null;
  private module: ModuleDescription | null = null;
  private initializing: Promise<ModuleDescription> | null = null;
  private closed = false;
  /** Counts restarts; tests and diagnostics read it. */
  restarts = 0;

  constructor(private readonly options: CardWorkerClientOptions) {
    this.workerPath = options.workerPath ?? defaultWorkerPath();
    this.timeouts = { ...DEFAULT_TIMEOUTS_MS, ...options.timeoutsMs };
    this.backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
    this.spawn = options.spawn ?? forkWorker;
    this.now = options.now ?? Date.now;
  }

  /** Process id of the current worker (undefined before the first request or after a crash). */
  get pid(): number | undefined {
    return this.worker?.pid;
  }

  /** Loads the module in the worker; every other operation does it first when needed. */
  initialize(): Promise<ModuleDescription> {
    if (this.module !== null) return Promise.resolve(this.module);
    this.initializing ??= this.send('initialize', { modulePath: this.options.modulePath })
      .then((module) => {
        this.module = module;
        return module;
      })
      .finally(() => {
        this.initializing = null;
      });
    return this.initializing;
  }

  listSlots(): Promise<readonly SlotDescription[]> {
    return this.request('listSlots', {});
  }

  getTokenInfo(slotId: string): Promise<TokenDescription> {
    return this.request('getTokenInfo', { slotId });
  }

  listObjects(slotId: string): Promise<TokenObjects> {
    return this.request('listObjects', { slotId });
  }

  getMechanisms(slotId: string): Promise<readonly number[]> {
    return this.request('getMechanisms', { slotId });
  }

  async login(slotId: string, pin: string): Promise<void> {
    await this.request('login', { slotId, pin });
  }

  async logout(slotId: string): Promise<void> {
    await this.request('logout', { slotId });
  }

  sign(request: SignRequest): Promise<Uint8Array> {
    return this.request('sign', request);
  }

  /** Test-only fault injection (needs `enableDebugOperations`). */
  async debug(action: 'exit' | 'hang'): Promise<void> {
    await this.request('debug', { action });
  }

  onDidReset(listener: (reason: string) => void): () => void {
    this.resetListeners.add(listener);
    return () => this.resetListeners.delete(listener);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    const worker = this.worker;
    if (worker !== null && this.workerReady && this.inFlight === null) {
      await Promise.race([
        this.send('finalize', {}).catch(() => null),
        new Promise((resolve) => setTimeout(resolve, this.timeouts.finalize).unref()),
      ]);
    }
    this.closed = true;
    if (this.restartTimer !== null) clearTimeout(this.restartTimer);
    for (const pending of this.queue.splice(0)) pending.reject(cardErrors.workerClosed());
    if (this.inFlight !== null) {
      clearTimeout(this.inFlight.timer);
      this.inFlight.reject(cardErrors.workerClosed());
      this.inFlight = null;
    }
    this.worker = null;
    worker?.kill();
  }

  private async request<K extends WorkerOperation>(
    op: K,
    params: WorkerOperations[K]['params'],
  ): Promise<WorkerOperations[K]['result']> {
    if (op !== 'finalize' && op !== 'debug') await this.initialize();
    return this.send(op, params);
  }

  private send<K extends WorkerOperation>(
    op: K,
    params: WorkerOperations[K]['params'],
  ): Promise<WorkerOperations[K]['result']> {
    if (this.closed) return Promise.reject(cardErrors.workerClosed());
    return new Promise((resolve, reject) => {
      this.queue.push({ op, params, resolve: resolve as (value: unknown) => void, reject });
      this.pump();
    });
  }

  private pump(): void {
    if (this.closed || this.inFlight !== null) return;
    if (this.worker === null) {
      if (this.restartTimer === null && this.queue.length > 0) this.startWorker();
      return;
    }
    if (!this.workerReady) return;
    const next = this.queue.shift();
    if (next === undefined) return;
    const id = this.nextId++;
    const timeoutMs = this.timeouts[next.op];
    const timer = setTimeout(() => this.onTimeout(id, timeoutMs), timeoutMs);
    this.inFlight = { ...next, id, timer };
    const message: WorkerRequest = {
      type: 'request',
      id,
      op: next.op,
      params: next.params as never,
    };
    this.worker.send(message);
  }

  private startWorker(): void {
    if (this.options.spawn === undefined && !workerExists(this.workerPath)) {
      // An installation problem, not a crash: say so, and do not keep restarting.
      this.failQueue(cardErrors.workerMissing(this.workerPath));
      return;
    }
    const env: Record<string, string | undefined> = { ...process.env, ...this.options.env };
    if (this.options.enableDebugOperations === true) env[WORKER_DEBUG_ENV] = '1';
    else delete env[WORKER_DEBUG_ENV];
    const worker = this.spawn({ workerPath: this.workerPath, env });
    this.worker = worker;
    this.workerReady = false;
    this.workerStartedAt = this.now();
    worker.onMessage((message) => this.onMessage(worker, message));
    worker.onExit((exit) => this.onExit(worker, exit));
  }

  private onMessage(worker: WorkerProcess, message: unknown): void {
    if (worker !== this.worker || !isWorkerMessage(message)) return;
    if (message.type === 'ready') {
      this.workerReady = true;
      // A restarted worker loads the module again before anything else.
      if (this.module !== null) {
        this.queue.unshift({
          op: 'initialize',
          params: { modulePath: this.options.modulePath },
          resolve: () => undefined,
          reject: (error) => {
            // The module no longer loads: the next operation will try (and report) again.
            this.module = null;
            this.failQueue(error);
          },
        });
      }
      this.pump();
      return;
    }
    const inFlight = this.inFlight;
    if (inFlight === null || inFlight.id !== message.id) return;
    clearTimeout(inFlight.timer);
    this.inFlight = null;
    if (message.ok) {
      if (this.now() - this.workerStartedAt >= this.backoff.resetAfterMs) this.failures = 0;
      inFlight.resolve(message.result);
    } else {
      inFlight.reject(deserialize(message.error));
    }
    this.pump();
  }

  private onTimeout(id: number, timeoutMs: number): void {
    const inFlight = this.inFlight;
    if (inFlight === null || inFlight.id !== id) return;
    this.inFlight = null;
    inFlight.reject(cardErrors.workerTimeout(inFlight.op, timeoutMs));
    const worker = this.worker;
    this.retire(`timeout:${inFlight.op}`);
    worker?.kill();
  }

  private onExit(
    worker: WorkerProcess,
    exit: { code: number | null; signal: string | null; error?: Error },
  ): void {
    if (worker !== this.worker) return;
    const inFlight = this.inFlight;
    this.inFlight = null;
    const details = (operation: string) => ({
      operation,
      exitCode: exit.code,
      signal: exit.signal,
      ...(exit.error ? { spawnError: exit.error.message } : {}),
      stderr: worker.stderrTail().slice(-500),
    });
    if (inFlight !== null) {
      clearTimeout(inFlight.timer);
      inFlight.reject(cardErrors.workerCrashed(details(inFlight.op)));
    } else if (!this.workerReady) {
      // Died before it could listen (missing file, broken install): nothing queued would ever
      // be served by restarting it blindly, so every waiting request learns why now.
      this.failQueue(cardErrors.workerCrashed(details('start')));
    }
    this.retire(exit.signal !== null ? `signal:${exit.signal}` : `exit:${String(exit.code)}`);
  }

  /** Forget the current worker, tell listeners, and schedule a new one after the backoff delay. */
  private retire(reason: string): void {
    this.worker = null;
    this.workerReady = false;
    if (this.closed) return;
    this.failures += 1;
    this.restarts += 1;
    for (const listener of this.resetListeners) listener(reason);
    const delay = restartDelayMs(this.backoff, this.failures);
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      if (!this.closed && this.module !== null) this.startWorker();
      this.pump();
    }, delay);
  }

  private failQueue(error: Error): void {
    for (const pending of this.queue.splice(0)) pending.reject(error);
  }
}
