// `navette:call`: the desktop transport of the api/ contract. The window cannot reach the network
// (its CSP has `connect-src 'none'`), so main carries each call to the service's own local API on
// 127.0.0.1 with this run's UI session token: the very same checks (origin, token, size, zod
// schemas) and handlers as a browser call, no second implementation. Only the operations listed
// in `API_DEFINITIONS` (the contract's `ApiOperations`) can be called; anything else is refused
// before a request is made.
import { z } from 'zod';
import {
  BATCH_GET,
  BATCH_PREFLIGHT,
  BATCH_REPORT,
  BATCH_RESEND_ITEM,
  BATCH_SEND,
} from '../../api/batches.js';
import type { ApiOperationId, ApiOperations, BridgeResult } from '../../api/bridge.js';
import {
  DOCUMENT_DISPLAY,
  DOCUMENT_MANAGE,
  PATIENT_AUTHORIZATION,
  PATIENT_DOCUMENTS,
  PATIENT_FOLLOW,
  PATIENT_IMPORT,
  PATIENT_STATUS,
} from '../../api/consult.js';
import { DIAGNOSTICS_RUN } from '../../api/diagnostics.js';
import { JOURNAL_CSV, JOURNAL_LIST, JOURNAL_VERIFY } from '../../api/journal.js';
import { OUTBOX_DROP, OUTBOX_LIST, OUTBOX_RETRY } from '../../api/outbox.js';
import { SETTINGS_GET, SETTINGS_SAVE } from '../../api/settings.js';
import { STATUS } from '../../api/status.js';
import { TOKEN_CREATE, TOKEN_REVOKE, TOKENS_LIST } from '../../api/tokens.js';

export const API_DEFINITIONS: { readonly [K in ApiOperationId]: ApiOperations[K] } = {
  getStatus: STATUS,
  listOutbox: OUTBOX_LIST,
  retryOutboxItem: OUTBOX_RETRY,
  dropOutboxFiles: OUTBOX_DROP,
  preflightBatch: BATCH_PREFLIGHT,
  getBatch: BATCH_GET,
  sendBatch: BATCH_SEND,
  resendBatchItem: BATCH_RESEND_ITEM,
  batchReport: BATCH_REPORT,
  listJournal: JOURNAL_LIST,
  verifyJournal: JOURNAL_VERIFY,
  exportJournalCsv: JOURNAL_CSV,
  patientStatus: PATIENT_STATUS,
  patientAuthorization: PATIENT_AUTHORIZATION,
  patientDocuments: PATIENT_DOCUMENTS,
  documentDisplay: DOCUMENT_DISPLAY,
  documentManage: DOCUMENT_MANAGE,
  patientImport: PATIENT_IMPORT,
  patientFollow: PATIENT_FOLLOW,
  getSettings: SETTINGS_GET,
  saveSettings: SETTINGS_SAVE,
  listApiTokens: TOKENS_LIST,
  createApiToken: TOKEN_CREATE,
  revokeApiToken: TOKEN_REVOKE,
  runDiagnostics: DIAGNOSTICS_RUN,
};

const OPERATION_IDS = Object.keys(API_DEFINITIONS) as [ApiOperationId, ...ApiOperationId[]];

/** The one argument of `navette:call`. The input is checked by the operation's own schemas. */
export const ApiCallSchema = z.strictObject({
  operationId: z.enum(OPERATION_IDS),
  input: z
    .strictObject({
      params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
      query: z.record(z.string(), z.unknown()).optional(),
      body: z.unknown().optional(),
    })
    .optional(),
});
export type ApiCall = z.infer<typeof ApiCallSchema>;

/** Where the service's local API answers, and this run's UI token (never logged). */
export interface LocalApiTarget {
  readonly baseUrl: string;
  readonly token: string;
}

/** `http://127.0.0.1:P/#jeton=T` (RunningService.uiUrl) → base URL and token. */
export function targetOfUiUrl(uiUrl: string): LocalApiTarget | undefined {
  const [base, fragment = ''] = uiUrl.split('#', 2);
  const token = /(?:^|&)jeton=([^&]+)/.exec(fragment)?.[1];
  if (base === undefined || token === undefined) return undefined;
  return { baseUrl: base, token: decodeURIComponent(token) };
}

function fillPath(path: string, params: Readonly<Record<string, string | number>>): string {
  return path.replace(/:([A-Za-z]+)/g, (_all, name: string) => {
    const value = params[name];
    if (value === undefined) throw new RangeError(`missing path parameter ${name}`);
    return encodeURIComponent(String(value));
  });
}

type Fetch = (url: string, init: RequestInit) => Promise<Response>;

/** Runs one call against the local API and wraps the answer in the bridge envelope. */
export async function forwardApiCall(
  target: LocalApiTarget,
  call: ApiCall,
  fetchFn: Fetch = fetch,
): Promise<BridgeResult<unknown>> {
  const definition = API_DEFINITIONS[call.operationId];
  let url: URL;
  try {
    url = new URL(fillPath(definition.path, call.input?.params ?? {}), target.baseUrl);
  } catch {
    return {
      ok: false,
      error: { code: 'INVALID_REQUEST', message: 'Requête incomplète : un paramètre manque.' },
    };
  }
  for (const [key, value] of Object.entries(call.input?.query ?? {})) {
    if (value !== undefined && value !== null) url.searchParams.set(key, String(value));
  }
  const hasBody = call.input?.body !== undefined;
  const response = await fetchFn(url.toString(), {
    method: definition.method,
    headers: {
      authorization: `Bearer ${target.token}`,
      ...(hasBody ? { 'content-type': 'application/json' } : {}),
    },
    ...(hasBody ? { body: JSON.stringify(call.input?.body) } : {}),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  if (response.ok) return { ok: true, value: json };
  const error = (json as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  return {
    ok: false,
    error: {
      code: typeof error?.code === 'string' ? error.code : `HTTP_${response.status}`,
      message:
        typeof error?.message === 'string'
          ? error.message
          : `Le service Navette a répondu par une erreur (${response.status}). Réessayez, puis consultez le journal de Navette.`,
    },
  };
}
