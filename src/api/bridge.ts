// The desktop bridge: what the Electron preload exposes to the renderer as `window.navette`.
// Types only. The sandboxed preload runs as a single script that can load nothing but
// `electron`, so it cannot import a value from here; main and preload each spell the channel
// names and check them against `BridgeChannels` with `satisfies`, which keeps them in step.
import type { z } from 'zod';
import type {
  BATCH_GET,
  BATCH_PREFLIGHT,
  BATCH_REPORT,
  BATCH_RESEND_ITEM,
  BATCH_SEND,
} from './batches.js';
import type { ServiceEvent } from './events.js';
import type { HealthReport } from './health.js';
import type { JOURNAL_CSV, JOURNAL_LIST, JOURNAL_VERIFY } from './journal.js';
import type { OUTBOX_DROP, OUTBOX_LIST, OUTBOX_RETRY } from './outbox.js';
import type { STATUS } from './status.js';
import type {
  DOCUMENT_DISPLAY,
  DOCUMENT_MANAGE,
  PATIENT_AUTHORIZATION,
  PATIENT_DOCUMENTS,
  PATIENT_FOLLOW,
  PATIENT_IMPORT,
  PATIENT_STATUS,
} from './consult.js';
import type { DIAGNOSTICS_RUN } from './diagnostics.js';
import type { SETTINGS_GET, SETTINGS_SAVE } from './settings.js';
import type { TOKEN_CREATE, TOKEN_REVOKE, TOKENS_LIST } from './tokens.js';

/**
 * The JSON operations a front end may call by id, over HTTP (`src/renderer/api/HttpApiClient.ts`)
 * or over IPC (`NavetteBridge.call`): one line per operation, `operationId: typeof DEFINITION`.
 * Event streams are not here: the service's events arrive through `onServiceEvent` (IPC) or
 * `GET /api/events` (HTTP).
 */
export interface ApiOperations {
  readonly getStatus: typeof STATUS;
  readonly listOutbox: typeof OUTBOX_LIST;
  readonly retryOutboxItem: typeof OUTBOX_RETRY;
  readonly dropOutboxFiles: typeof OUTBOX_DROP;
  readonly preflightBatch: typeof BATCH_PREFLIGHT;
  readonly getBatch: typeof BATCH_GET;
  readonly sendBatch: typeof BATCH_SEND;
  readonly resendBatchItem: typeof BATCH_RESEND_ITEM;
  readonly batchReport: typeof BATCH_REPORT;
  readonly listJournal: typeof JOURNAL_LIST;
  readonly verifyJournal: typeof JOURNAL_VERIFY;
  readonly exportJournalCsv: typeof JOURNAL_CSV;
  // Patient (G2)
  readonly patientStatus: typeof PATIENT_STATUS;
  readonly patientAuthorization: typeof PATIENT_AUTHORIZATION;
  readonly patientDocuments: typeof PATIENT_DOCUMENTS;
  readonly documentDisplay: typeof DOCUMENT_DISPLAY;
  readonly documentManage: typeof DOCUMENT_MANAGE;
  readonly patientImport: typeof PATIENT_IMPORT;
  readonly patientFollow: typeof PATIENT_FOLLOW;
  // Réglages (G2)
  readonly getSettings: typeof SETTINGS_GET;
  readonly saveSettings: typeof SETTINGS_SAVE;
  readonly listApiTokens: typeof TOKENS_LIST;
  readonly createApiToken: typeof TOKEN_CREATE;
  readonly revokeApiToken: typeof TOKEN_REVOKE;
  readonly runDiagnostics: typeof DIAGNOSTICS_RUN;
}
export type ApiOperationId = keyof ApiOperations;

/** The `:name` segments of a path, e.g. `'batchId' | 'itemId'`. */
type PathParams<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | PathParams<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : never;

/** What a call carries: path params, query fields and body, as the definition declares them. */
export type ApiInput<K extends ApiOperationId> = (ApiOperations[K] extends {
  readonly query: infer Q extends z.ZodType;
}
  ? { readonly query?: z.input<Q> }
  : unknown) &
  (ApiOperations[K] extends { readonly body: infer B extends z.ZodType }
    ? { readonly body: z.input<B> }
    : unknown) &
  ([PathParams<ApiOperations[K]['path']>] extends [never]
    ? unknown
    : { readonly params: Readonly<Record<PathParams<ApiOperations[K]['path']>, string | number>> });

/** What a call resolves to: the definition's response, parsed. */
export type ApiOutput<K extends ApiOperationId> = z.output<ApiOperations[K]['response']>;

/** What a failed bridge call carries: Electron only transports the `message` of a thrown error. */
export interface BridgeError {
  /** Stable code (same codes as NavetteError and the HTTP API). */
  readonly code: string;
  /** French sentence for the user: what happened and what to do. */
  readonly message: string;
}

/** Every request/response call of the bridge resolves to this envelope; none rejects. */
export type BridgeResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: BridgeError };

/** A `navette://` link opened while Navette runs (second launch, macOS open-url). */
export interface DeepLink {
  /** The link as received, normalised. */
  readonly url: string;
  /** Host and path segments joined with '/', e.g. `patient` for `navette://patient?ins=…`. */
  readonly route: string;
  /** Query parameters (first value of each). */
  readonly params: Readonly<Record<string, string>>;
}

/** `window.navette` in the Electron renderer. Verbs only: no generic send/invoke/on. */
export interface NavetteBridge {
  /** The health report of the service running inside the desktop app. */
  health(): Promise<BridgeResult<HealthReport>>;
  /** Service events pushed by the main process. Returns the function that unsubscribes. */
  onServiceEvent(listener: (event: ServiceEvent) => void): () => void;
  /** `navette://` links for the UI to open. Returns the function that unsubscribes. */
  onDeepLink(listener: (link: DeepLink) => void): () => void;
  /**
   * Calls one operation of the contract (`ApiOperations`) in the main process: main checks that
   * `operationId` is one of `ApiOperations`, zod-parses `input` against the definition's
   * params/query/body schemas, runs the same handler as the local API, and answers with the
   * envelope (a NavetteError's code and French message on failure). Channel `navette:call`.
   * Optional until the main process and the preload provide it (the renderer then says so).
   */
  call?<K extends ApiOperationId>(
    operationId: K,
    input: ApiInput<K>,
  ): Promise<BridgeResult<ApiOutput<K>>>;
}

/** The global name of the bridge in the renderer. */
export type BridgeGlobalName = 'navette';

/** The renderer's global object when it runs inside Electron (absent in a plain browser). */
export interface BridgeHost {
  readonly navette?: NavetteBridge;
}

/** Renderer → main request/response channels (`ipcRenderer.invoke` / `ipcMain.handle`). */
export interface BridgeInvokeChannels {
  readonly health: 'navette:health';
  readonly call: 'navette:call';
}

/** Main → renderer push channels (`webContents.send` / `ipcRenderer.on`). */
export interface BridgePushChannels {
  readonly serviceEvent: 'navette:service-event';
  readonly deepLink: 'navette:deep-link';
}

export type BridgeChannels = BridgeInvokeChannels & BridgePushChannels;
