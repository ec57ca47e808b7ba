// Demo mode: the embedded DMP test server and its virtual test card, so that `npm start` (and
// `navette serve --demo`) runs the whole path — export folder, checks, outbox, signatures, mutual
// TLS, the DMP — on a fresh machine with no card and no network. The sandbox lives in
// <data>/demo/dmp (created on first use, kept across restarts) and listens on a free port of
// 127.0.0.1; documents dropped in <data>/demo/export go to it.
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../../domain/ports/Logger.js';
import type { NavetteConfig } from '../config/index.js';
import { initSandbox, startSandbox, type RunningSandbox } from '../sandbox.js';

/** The demo's card: the GP of the sandbox (« MARTIN CLAIRE », virtual, TEST certificates). */
const DEMO_CARD_KEY = 'gp';

export interface DemoDmp {
  readonly url: string;
  /** The folder the demo watches when no export folder is configured. */
  readonly exportDir: string;
  /** The virtual test card for openDmpSession({ demoCard }). */
  readonly card: { readonly p12: string; readonly password: string; readonly label: string };
  /** The configuration with the DMP, trust anchor, structure (and export folder) of the demo. */
  applyTo(config: NavetteConfig): NavetteConfig;
  stop(): Promise<void>;
}

export function demoExportDir(dataDir: string): string {
  return path.join(dataDir, 'demo', 'export');
}

export async function startDemoDmp(dataDir: string, log: Logger): Promise<DemoDmp> {
  const dir = path.join(dataDir, 'demo', 'dmp');
  if (!existsSync(path.join(dir, 'sandbox.json'))) {
    log.info('creating the demo DMP', {});
    // No SoftHSM tokens: the demo uses the file-backed virtual card, which needs no PIN.
    initSandbox({ dir, withoutSoftHsm: true, port: 0 });
  }
  const sandbox: RunningSandbox = await startSandbox({ dir, port: 0 });
  const card = sandbox.manifest.cards.find((c) => c.key === DEMO_CARD_KEY);
  if (!card) {
    await sandbox.stop();
    throw new Error(`demo DMP in ${dir} has no ${DEMO_CARD_KEY} card`);
  }
  const exportDir = demoExportDir(dataDir);
  mkdirSync(exportDir, { recursive: true });
  log.info('demo DMP ready', { url: sandbox.url });
  return {
    url: sandbox.url,
    exportDir,
    card: { p12: card.p12, password: sandbox.manifest.structure.password, label: card.label },
    applyTo: (config) => ({
      ...config,
      dmp: {
        ...config.dmp,
        endpoint: sandbox.url,
        authMode: 'direct',
        trustAnchors: [sandbox.manifest.ca],
      },
      structure: {
        ...config.structure,
        id: sandbox.manifest.structure.id,
        name: sandbox.manifest.structure.name,
      },
      watch: {
        ...config.watch,
        folders: config.watch.folders.length > 0 ? config.watch.folders : [exportDir],
      },
    }),
    stop: () => sandbox.stop(),
  };
}
