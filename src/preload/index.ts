// The preload of every Navette window: exposes `window.navette` (NavetteBridge, src/api/bridge.ts)
// and nothing else. It runs in a SANDBOXED renderer, where a preload is evaluated as one plain
// script whose `require` knows only 'electron' and a few Node shims: no ESM import, no second
// file. Hence the package.json here ("type": "commonjs", so tsc emits a script, not a module
// with `export {}`), type-only imports, and `require('electron')`. test/unit/preload runs the
// compiled form the way Electron does.
import type { ContextBridge, IpcRenderer, IpcRendererEvent } from 'electron';
import type {
  ApiInput,
  ApiOperationId,
  ApiOutput,
  BridgeChannels,
  BridgeGlobalName,
  BridgeResult,
  DeepLink,
  NavetteBridge,
} from '../api/bridge.js';
import type { ServiceEvent } from '../api/events.js';
import type { HealthReport } from '../api/health.js';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the only loader a sandboxed preload has
const electron = require('electron') as { contextBridge: ContextBridge; ipcRenderer: IpcRenderer };

const CHANNELS = {
  health: 'navette:health',
  call: 'navette:call',
  serviceEvent: 'navette:service-event',
  deepLink: 'navette:deep-link',
} as const satisfies BridgeChannels;

const GLOBAL_NAME: BridgeGlobalName = 'navette';

/**
 * Subscribes `listener` to a push channel. The renderer gets the payload only: the IPC event
 * (with its `sender`) never crosses the bridge.
 */
function subscribe<T>(channel: string, listener: (payload: T) => void): () => void {
  const wrapped = (_event: IpcRendererEvent, payload: T): void => listener(payload);
  electron.ipcRenderer.on(channel, wrapped);
  return () => {
    electron.ipcRenderer.removeListener(channel, wrapped);
  };
}

const bridge: NavetteBridge = {
  health: () => electron.ipcRenderer.invoke(CHANNELS.health) as Promise<BridgeResult<HealthReport>>,
  // One argument: main checks it (the operation id against the contract, the input against the
  // operation's schemas) before anything runs.
  call: <K extends ApiOperationId>(operationId: K, input: ApiInput<K>) =>
    electron.ipcRenderer.invoke(CHANNELS.call, { operationId, input }) as Promise<
      BridgeResult<ApiOutput<K>>
    >,
  onServiceEvent: (listener) => subscribe<ServiceEvent>(CHANNELS.serviceEvent, listener),
  onDeepLink: (listener) => subscribe<DeepLink>(CHANNELS.deepLink, listener),
};

electron.contextBridge.exposeInMainWorld(GLOBAL_NAME, bridge);
