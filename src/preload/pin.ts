// The preload of the PIN dialog: exposes `window.navettePin` (three verbs) and nothing else. Like
// index.ts it runs in a SANDBOXED renderer as one plain script (no ESM, no second file), so the
// contract of src/main/pin/pinContract.ts is spelt again here; test/unit/preload/pinPreload.test.ts
// checks that the two agree. The PIN passes through `submit` to main and is not kept here.
import type { ContextBridge, IpcRenderer } from 'electron';
import type { BridgeResult } from '../api/bridge.js';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the only loader a sandboxed preload has
const electron = require('electron') as { contextBridge: ContextBridge; ipcRenderer: IpcRenderer };

const PIN_CHANNELS = {
  prompt: 'navette-pin:prompt',
  submit: 'navette-pin:submit',
  cancel: 'navette-pin:cancel',
} as const;

interface PinPrompt {
  readonly cardLabel: string;
  readonly triesLeft: number | null;
  readonly warning: string | null;
}

type PinSubmitResult =
  | { readonly status: 'accepted' }
  | { readonly status: 'retry'; readonly message: string; readonly triesLeft: number | null }
  | { readonly status: 'closed'; readonly message: string };

interface PinBridge {
  prompt(): Promise<BridgeResult<PinPrompt>>;
  submit(pin: string): Promise<BridgeResult<PinSubmitResult>>;
  cancel(): Promise<BridgeResult<null>>;
}

const pinBridge: PinBridge = {
  prompt: () =>
    electron.ipcRenderer.invoke(PIN_CHANNELS.prompt) as Promise<BridgeResult<PinPrompt>>,
  submit: (pin) =>
    electron.ipcRenderer.invoke(PIN_CHANNELS.submit, pin) as Promise<BridgeResult<PinSubmitResult>>,
  cancel: () => electron.ipcRenderer.invoke(PIN_CHANNELS.cancel) as Promise<BridgeResult<null>>,
};

electron.contextBridge.exposeInMainWorld('navettePin', pinBridge);
