// One contract, two transports: the screens call `api.call('listOutbox', { query })` and listen
// to `api.events(listener)` without knowing whether they run in a browser (HTTP to the local
// service) or in the desktop app (IPC to the main process).
// This folder is `client/`, not `api/`: the UI is served from `/`, where `/api/` is the
// token-guarded local API, so a module at `/api/…` could not load.
import type { ApiInput, ApiOperationId, ApiOutput } from '../../api/bridge.js';
import type { ServiceEvent } from '../../api/events.js';

export interface ApiClient {
  /** Which transport this is (shown in diagnostics, used by tests). */
  readonly transport: 'http' | 'ipc';
  /** Calls one operation; rejects with an ApiCallError carrying the service's French message. */
  call<K extends ApiOperationId>(operationId: K, input: ApiInput<K>): Promise<ApiOutput<K>>;
  /** The service's events; `onState` says when the stream is lost or back. Returns the stop. */
  events(
    listener: (event: ServiceEvent) => void,
    onState?: (connected: boolean) => void,
  ): () => void;
}

/** A failed call: a stable code and a French sentence saying what to do. */
export class ApiCallError extends Error {
  override readonly name = 'ApiCallError';
  constructor(
    readonly code: string,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

/** The French message of anything a call threw. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiCallError) return error.message;
  return 'Navette ne répond pas. Vérifiez que le service est démarré, puis réessayez.';
}
