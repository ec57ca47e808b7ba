// The DMP test server: `navette sandbox init` and `navette sandbox serve`, and the embedded
// server of demo mode. Other layers import from here only.
export {
  initSandbox,
  SandboxInitError,
  TEST_CARD_PIN,
  type InitSandboxOptions,
} from './initSandbox.js';
export {
  readSandboxManifest,
  SandboxStartError,
  startSandbox,
  type RunningSandbox,
  type StartSandboxOptions,
} from './startSandbox.js';
export {
  SANDBOX_DEFAULT_PORT,
  SANDBOX_MANIFEST_FILE,
  SANDBOX_REPOSITORY_UNIQUE_ID,
  type SandboxManifest,
} from './manifest.js';
export { FaultSpecError, parseFaultSpec } from './faults/index.js';
export { readIncomingSoap, type IncomingSoap } from './http/incomingMessage.js';
