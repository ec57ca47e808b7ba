// Navette's defaults: the bottom layer of the configuration, complete and valid on its own (a
// unit test parses it with the schema). A fresh installation therefore runs, talks to nobody but
// the local DMP test server, and watches no folder until someone configures one.
import { deepFreeze } from './objectPaths.js';
import { CURRENT_CONFIG_VERSION, type NavetteConfig } from './schema.js';

export const DEFAULT_PORT = 7411;

/**
 * The embedded DMP test server (src/sandbox) on this computer. The default points there, never at
 * the national DMP, so that an unconfigured Navette cannot send anything to a real patient's
 * record: pointing at the real DMP is a deliberate act of the administrator or the user.
 */
export const DEFAULT_DMP_ENDPOINT = 'https://127.0.0.1:7412/si-dmp-server/v2/services';

export const DEFAULT_IMPORT_NAME_PATTERN = '{date}_{type}_{title}_{uniqueId}';

export const DEFAULT_CONFIG: NavetteConfig = deepFreeze({
  configVersion: CURRENT_CONFIG_VERSION,
  demo: false,
  server: { port: DEFAULT_PORT, host: '127.0.0.1' },
  watch: { folders: [], rescanIntervalSec: 30, stableDelayMs: 2000, polling: 'auto' },
  card: { pollIntervalMs: 1500 },
  // 4 in flight: the DMP answers in 0.2–1 s, so one at a time leaves the line idle; the card
  // signs one request at a time anyway (its worker process serialises), which bounds the gain.
  sending: {
    concurrency: 4,
    maxAttempts: 20,
    backoff: { baseMs: 30_000, maxMs: 60 * 60_000, factor: 2, jitter: 0.5 },
  },
  dmp: {
    endpoint: DEFAULT_DMP_ENDPOINT,
    authMode: 'direct',
    trustAnchors: [],
    signatureAlgorithm: 'rsa-sha256',
  },
  structure: {},
  documents: {
    defaultVisibility: {
      hiddenFromProfessionals: false,
      hiddenFromPatient: false,
      hiddenFromLegalRepresentatives: false,
    },
    maxSizeMb: 100,
  },
  import: {
    namePattern: DEFAULT_IMPORT_NAME_PATTERN,
    writeMetadata: true,
    autoImport: false,
    autoIntervalMin: 15,
  },
  api: { tokens: [] },
  logging: { level: 'info', maxFileBytes: 10 * 1024 * 1024, maxFiles: 5, retentionDays: 30 },
  updates: { enabled: false },
});

/** A deep copy of the defaults (callers may mutate it). */
export function defaultConfig(): NavetteConfig {
  return structuredClone(DEFAULT_CONFIG);
}
