// The desktop transport: the preload's `window.navette` bridge. Calls go to the main process,
// which runs the same operations as the local API (no network: the CSP has `connect-src 'none'`);
// events come from `onServiceEvent`.
import type { ApiInput, ApiOperationId, ApiOutput, NavetteBridge } from '../../api/bridge.js';
import type { ServiceEvent } from '../../api/events.js';
import { ApiCallError, type ApiClient } from './ApiClient.js';

const NOT_WIRED =
  "Cette version de l'application de bureau ne sait pas encore faire cette opération : mettez Navette à jour.";

export class IpcApiClient implements ApiClient {
  readonly transport = 'ipc';

  constructor(private readonly bridge: NavetteBridge) {}

  async call<K extends ApiOperationId>(operationId: K, input: ApiInput<K>): Promise<ApiOutput<K>> {
    if (this.bridge.call === undefined) throw new ApiCallError('NOT_AVAILABLE', NOT_WIRED);
    let result;
    try {
      result = await this.bridge.call(operationId, input);
    } catch {
      // The envelope never rejects; a rejection means the main process has no handler.
      throw new ApiCallError('NOT_AVAILABLE', NOT_WIRED);
    }
    if (!result.ok) throw new ApiCallError(result.error.code, result.error.message);
    return result.value;
  }

  events(
    listener: (event: ServiceEvent) => void,
    onState?: (connected: boolean) => void,
  ): () => void {
    // IPC does not drop: the stream is "connected" as long as the window lives.
    onState?.(true);
    return this.bridge.onServiceEvent(listener);
  }
}
