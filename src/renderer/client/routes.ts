// Where each operation of the contract lives over HTTP. The renderer is served as plain modules
// without a bundler, so it cannot load `src/api` at run time (zod is not there): this table
// repeats method and path, and `satisfies` checks them against the definitions' types, so a
// renamed path fails the typecheck (test/unit/renderer/rendererApi.test.ts compares the values too).
import type { ApiOperationId, ApiOperations } from '../../api/bridge.js';

export type OperationRoute<K extends ApiOperationId> = Pick<ApiOperations[K], 'method' | 'path'>;

export const OPERATION_ROUTES = {
  getStatus: { method: 'GET', path: '/api/status' },
  listOutbox: { method: 'GET', path: '/api/outbox' },
  retryOutboxItem: { method: 'POST', path: '/api/outbox/retry' },
  dropOutboxFiles: { method: 'POST', path: '/api/outbox/files' },
  preflightBatch: { method: 'POST', path: '/api/batches' },
  getBatch: { method: 'GET', path: '/api/batches/:batchId' },
  sendBatch: { method: 'POST', path: '/api/batches/:batchId/send' },
  resendBatchItem: { method: 'POST', path: '/api/batches/:batchId/items/:itemId/resend' },
  batchReport: { method: 'GET', path: '/api/batches/:batchId/report' },
  listJournal: { method: 'GET', path: '/api/journal' },
  verifyJournal: { method: 'GET', path: '/api/journal/verification' },
  exportJournalCsv: { method: 'GET', path: '/api/journal/csv' },
  // Patient (G2)
  patientStatus: { method: 'POST', path: '/api/patient/status' },
  patientAuthorization: { method: 'POST', path: '/api/patient/authorization' },
  patientDocuments: { method: 'POST', path: '/api/patient/documents' },
  documentDisplay: { method: 'POST', path: '/api/patient/document/display' },
  documentManage: { method: 'POST', path: '/api/patient/document/manage' },
  patientImport: { method: 'POST', path: '/api/patient/import' },
  patientFollow: { method: 'POST', path: '/api/patient/follow' },
  // Réglages (G2)
  getSettings: { method: 'GET', path: '/api/settings' },
  saveSettings: { method: 'PUT', path: '/api/settings' },
  listApiTokens: { method: 'GET', path: '/api/tokens' },
  createApiToken: { method: 'POST', path: '/api/tokens' },
  revokeApiToken: { method: 'POST', path: '/api/tokens/revoke' },
  runDiagnostics: { method: 'POST', path: '/api/diagnostics' },
} as const satisfies { readonly [K in ApiOperationId]: OperationRoute<K> };

/** The path with its `:name` segments filled (each value URI-encoded). */
export function fillPath(path: string, params: Readonly<Record<string, string | number>>): string {
  return path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new TypeError(`missing path parameter ${name}`);
    return encodeURIComponent(String(value));
  });
}
