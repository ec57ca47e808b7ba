// The DMP test server as the composition root offers it to the command line (`navette sandbox`)
// and, later, to demo mode. The CLI may not import src/sandbox directly (layer rule).
export {
  initSandbox,
  startSandbox,
  parseFaultSpec,
  SANDBOX_DEFAULT_PORT,
  type InitSandboxOptions,
  type RunningSandbox,
  type SandboxManifest,
  type StartSandboxOptions,
} from '../sandbox/index.js';
