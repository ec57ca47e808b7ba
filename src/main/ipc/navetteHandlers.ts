// The bridge's request handlers, one per verb of NavetteBridge. Each later operation of the
// api/ contract gets its line here (with its zod schema from src/api).
import type { HealthReport } from '../../api/health.js';
import { NavetteError } from '../../domain/errors/NavetteError.js';
import { ApiCallSchema, forwardApiCall, targetOfUiUrl } from './apiCall.js';
import { ServiceNotReadyError } from './ServiceNotReadyError.js';
import { CHANNELS } from './channels.js';
import {
  registerHandler,
  type IpcLog,
  type IpcMainLike,
  type Unregister,
} from './registerHandler.js';

/** What the handlers need of the running service. */
export interface BridgeService {
  health(): HealthReport;
  /** The web UI's address with this run's session token (`RunningService.uiUrl`). */
  readonly uiUrl: string;
}

/**
 * Registers every handler. `service` returns undefined while the service starts or after it
 * stopped: calls then get a clear "not ready" error instead of waiting.
 */
export function registerNavetteHandlers(
  ipc: IpcMainLike,
  service: () => BridgeService | undefined,
  log: IpcLog,
): Unregister {
  const unregister = [
    registerHandler(
      ipc,
      CHANNELS.health,
      undefined,
      () => {
        const running = service();
        if (running === undefined) throw new ServiceNotReadyError();
        return running.health();
      },
      log,
    ),
    registerHandler(
      ipc,
      CHANNELS.call,
      ApiCallSchema,
      async (call) => {
        const running = service();
        if (running === undefined) throw new ServiceNotReadyError();
        const target = targetOfUiUrl(running.uiUrl);
        if (target === undefined) throw new ServiceNotReadyError();
        const result = await forwardApiCall(target, call);
        // registerHandler makes the envelope: a value, or the typed error's code and message.
        if (!result.ok) throw new NavetteError(result.error.code, result.error.message);
        return result.value;
      },
      log,
    ),
  ];
  return () => {
    for (const undo of unregister) undo();
  };
}
