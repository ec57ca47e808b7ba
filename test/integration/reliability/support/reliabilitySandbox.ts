// The DMP test server for the reliability suites: `sandbox init` without SoftHSM2 (the suites sign
// with the GP's file-backed virtual card, as demo mode does, so that a child process killed with
// SIGKILL leaves no card worker behind), served in this process on a free port, optionally with
// injected faults; every request it answers is counted by operation, and its registry is read
// directly to check "each uniqueId exactly once".
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildLevel1Cda, parseSidecar } from '../../../../src/protocol/cda/index.js';
import { initSandbox, startSandbox, type RunningSandbox } from '../../../../src/app/sandbox.js';
import type { SandboxManifest } from '../../../../src/sandbox/index.js';
import { RegistryStore } from '../../../../src/sandbox/state/RegistryStore.js';
import { TINY_PDF, bundledValueSets } from '../../../unit/protocol/cda/cdaTestSupport.js';
import { makeTempDir } from '../../../support/tempDir.js';

/** The seeded patient whose DMP is open and whose médecin traitant is the GP. */
export const PATIENT = '207058575627097';
const TRAITS = {
  birthFamily: 'PATB-QUATRE',
  birthGivens: 'LAURENCE',
  birthDate: '2007-05-14',
  sex: 'F',
  birthPlaceCode: '85191',
};

export interface RequestCounts {
  /** Answered or failed requests by SOAP operation (injected faults included). */
  readonly byOperation: Map<string, number>;
  /** Requests that got an injected fault, by kind (reset, timeout, http). */
  readonly injected: Map<string, number>;
}

export interface ReliabilitySandbox {
  readonly dir: string;
  readonly manifest: SandboxManifest;
  readonly running: RunningSandbox;
  readonly requests: RequestCounts;
  /** The GP's virtual card, as openDmpSession({ demoCard }) takes it. */
  readonly demoCard: { readonly p12: string; readonly password: string };
  /** A Navette settings file for this sandbox (direct mode) watching `folder`; `sections` adds
   * settings (e.g. `{ documents: { maxSizeMb: 1 } }`). */
  writeConfig(folder: string, sections?: Record<string, Record<string, unknown>>): string;
  /** How many registry entries carry this uniqueId. */
  entries(uniqueId: string): number;
  /** ITI-41 (TD2.1) requests received, whatever their outcome. */
  provideAndRegisterCalls(): number;
  stop(): Promise<void>;
}

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

export async function startReliabilitySandbox(
  options: { readonly faults?: string } = {},
): Promise<ReliabilitySandbox> {
  const dir = path.join(makeTempDir('navette-reliability-dmp-'), 'dmp');
  const manifest = initSandbox({ dir, withoutSoftHsm: true, port: 0 });
  const requests: RequestCounts = { byOperation: new Map(), injected: new Map() };
  const running = await startSandbox({
    dir,
    port: 0,
    ...(options.faults === undefined ? {} : { faults: options.faults }),
    onRequest: (event) => {
      bump(requests.byOperation, event.operation ?? event.service);
      if (event.injected !== undefined) bump(requests.injected, event.injected);
    },
  });
  const gp = manifest.cards.find((c) => c.key === 'gp');
  if (gp === undefined) throw new Error('the sandbox has no GP card');
  const registry = new RegistryStore(running.store);
  let configs = 0;
  let stopped = false;
  return {
    dir,
    manifest,
    running,
    requests,
    demoCard: { p12: gp.p12, password: manifest.structure.password },
    writeConfig(folder, sections = {}) {
      configs += 1;
      const file = path.join(dir, `navette-reliability-${configs}.json`);
      const config = {
        configVersion: 2,
        dmp: { endpoint: running.url, authMode: 'direct', trustAnchors: [manifest.ca] },
        structure: {
          id: manifest.structure.id,
          name: manifest.structure.name,
          p12: manifest.structure.p12,
        },
        watch: { folders: [folder], stableDelayMs: 200, rescanIntervalSec: 5 },
        ...sections,
      };
      writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);
      return file;
    },
    entries: (uniqueId) => registry.entriesByUniqueId(uniqueId).length,
    provideAndRegisterCalls: () => requests.byOperation.get('provideAndRegisterDocumentSet') ?? 0,
    async stop() {
      if (stopped) return;
      stopped = true;
      await running.stop();
    },
  };
}

export interface BuiltDocument {
  readonly bytes: Uint8Array;
  readonly uniqueId: string;
}

/**
 * A level-1 CDA (a tiny PDF wrapped, a few KB) for the open-DMP patient, authored by the
 * sandbox's GP in its structure: what the real checks accept and the sandbox registers. `pdf`
 * replaces the tiny PDF (the large-document benchmark passes its own).
 */
export function buildDocument(
  manifest: SandboxManifest,
  title: string,
  pdf: Uint8Array = TINY_PDF,
): BuiltDocument {
  const gp = manifest.cards.find((c) => c.key === 'gp');
  if (gp === undefined) throw new Error('the sandbox has no GP card');
  const sidecar = parseSidecar(
    JSON.stringify({
      version: 1,
      patient: { ins: PATIENT, insOid: '1.2.250.1.213.1.4.10', ...TRAITS },
      document: { typeCode: '11488-4', title, date: '2026-05-04T10:15:00+02:00' },
    }),
  );
  if (!sidecar.ok) throw new Error(sidecar.problems.map((p) => p.message).join('; '));
  const built = buildLevel1Cda({
    pdf,
    sidecar: sidecar.sidecar,
    cardHolder: {
      idNatPs: gp.holder.id,
      family: gp.holder.family,
      given: gp.holder.given,
      specialty: { code: 'G15_10/SM54' },
    },
    organization: {
      idNatStruct: manifest.structure.id,
      name: manifest.structure.name,
      practiceSetting: 'AMBULATOIRE',
      facilityType: 'SA07',
    },
    valueSets: bundledValueSets(),
  });
  if (!built.ok) throw new Error(built.problems.map((p) => p.message).join('; '));
  return { bytes: built.bytes, uniqueId: built.uniqueId };
}
