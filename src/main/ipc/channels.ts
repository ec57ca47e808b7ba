// The bridge's channel names on the main side. The preload spells the same names; both are
// checked against BridgeChannels (src/api/bridge.ts), so a rename fails the typecheck of both.
import type { BridgeChannels, BridgeInvokeChannels } from '../../api/bridge.js';

export const CHANNELS = {
  health: 'navette:health',
  call: 'navette:call',
  serviceEvent: 'navette:service-event',
  deepLink: 'navette:deep-link',
} as const satisfies BridgeChannels;

/** A renderer → main request channel. */
export type InvokeChannel = BridgeInvokeChannels[keyof BridgeInvokeChannels];
