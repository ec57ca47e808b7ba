// The bridge's request handlers, one per verb of NavetteBridge. Each later operation of the
// api/ contract gets its line here (with its zod schema from src/api).
import type { HealthReport } from '../../api/health.js';
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
  ];
  return () => {
    for (const undo of unregister) undo();
  };
}
