// What the PIN dialog's preload exposes as `window.navettePin` (src/preload/pin.ts). Spelt again
// here because the page may import nothing from main; test/unit/main/pinDialog.test.ts checks
// that these types and main's src/main/pin/pinContract.ts agree.
import type { BridgeResult } from '../../api/bridge.js';

export interface PinPrompt {
  readonly cardLabel: string;
  readonly triesLeft: number | null;
  readonly warning: string | null;
}

export type PinSubmitResult =
  | { readonly status: 'accepted' }
  | { readonly status: 'retry'; readonly message: string; readonly triesLeft: number | null }
  | { readonly status: 'closed'; readonly message: string };

export interface PinBridge {
  prompt(): Promise<BridgeResult<PinPrompt>>;
  submit(pin: string): Promise<BridgeResult<PinSubmitResult>>;
  cancel(): Promise<BridgeResult<null>>;
}

/** The page's global object: the bridge is absent outside the Electron dialog. */
export interface PinHost {
  readonly navettePin?: PinBridge;
}
