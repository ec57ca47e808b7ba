// A DMP test server for the DMP client and CLI tests: `sandbox init` in a temp folder (test PKI,
// SoftHSM2 tokens for the test cards, seeded patients), served in this process on a free port,
// and Navette configuration files pointing at it (the right endpoint, the sandbox's CA as trust
// anchor, SoftHSM2 as the PKCS#11 module, the test structure).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig, type NavetteConfig } from '../../../src/app/config/index.js';
import {
  initSandbox,
  startSandbox,
  type RunningSandbox,
  type SandboxManifest,
} from '../../../src/app/sandbox.js';
import { makeTempDir } from '../../support/tempDir.js';

export const PATIENT_GP_IS_MT = '207058575627097';
export const PATIENT_NOBODY_AUTHORISED = '279035121518989';
export const PATIENT_CLOSED = '153078987658513';
export const PATIENT_NO_DMP = '157069329642881';

export interface TestSandbox {
  readonly dir: string;
  readonly manifest: SandboxManifest;
  readonly running: RunningSandbox;
  /** SOFTHSM2_CONF of the test cards' token store. */
  readonly softhsmConf: string;
  /** The GP's card (SoftHSM2 token). */
  readonly gp: SandboxManifest['cards'][number];
  /** Writes a Navette settings file for this sandbox; `patch` edits the sections. */
  writeConfig(mode: 'direct' | 'indirect', patch?: Record<string, unknown>): string;
  /** The configuration Navette reads from such a file. */
  configOf(file: string): NavetteConfig;
  stop(): Promise<void>;
}

export async function startTestSandbox(
  options: { readonly faults?: string } = {},
): Promise<TestSandbox> {
  const dir = path.join(makeTempDir('navette-dmp-sandbox-'), 'dmp');
  const manifest = initSandbox({ dir });
  const running = await startSandbox({
    dir,
    port: 0,
    ...(options.faults === undefined ? {} : { faults: options.faults }),
  });
  const gp = manifest.cards.find((c) => c.key === 'gp');
  if (gp === undefined || gp.token === null || manifest.softhsm.conf === null) {
    throw new Error(`SoftHSM2 test tokens are required: ${manifest.softhsm.reason ?? '?'}`);
  }
  let configs = 0;
  const stopped = { value: false };
  return {
    dir,
    manifest,
    running,
    softhsmConf: manifest.softhsm.conf,
    gp,
    writeConfig(mode, patch = {}) {
      configs += 1;
      const file = path.join(dir, `navette-${mode}-${configs}.json`);
      const base: Record<string, Record<string, unknown>> = {
        dmp: { endpoint: running.url, authMode: mode, trustAnchors: [manifest.ca] },
        card: { pkcs11Module: gp.token?.module },
        structure: {
          id: manifest.structure.id,
          name: manifest.structure.name,
          p12: manifest.structure.p12,
        },
      };
      for (const [section, values] of Object.entries(patch)) {
        base[section] = { ...base[section], ...(values as Record<string, unknown>) };
      }
      writeFileSync(file, `${JSON.stringify({ configVersion: 2, ...base }, null, 2)}\n`);
      return file;
    },
    configOf(file) {
      const loaded = loadConfig({ userFile: file });
      if (loaded.problems.length > 0) {
        throw new Error(`config problems: ${JSON.stringify(loaded.problems)}`);
      }
      return loaded.config;
    },
    async stop() {
      if (stopped.value) return;
      stopped.value = true;
      await running.stop();
    },
  };
}
