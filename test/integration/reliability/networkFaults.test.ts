// Network reliability (issue 5): about 20 % of the DMP calls fail, drawn by the DMP test server's
// fault injection (`--faults`, seeded so that a run is reproducible): HTML 503 and 500 answers,
// connections reset after the request was read, requests never answered (the client gives up
// after its 3 s idle timeout). The real send path in a child process (concurrency 4, a short retry
// backoff) sends 100 documents dropped into a real folder. Every document must be delivered, and
// the registry must hold each uniqueId exactly once: a reset or a timeout on the lot leaves the
// client unsure whether it arrived, so the outbox must reconcile (TD3.1b) before sending again.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, removeTempDirs } from '../../support/tempDir.js';
import { waitFor } from '../intake/support/waitFor.js';
import {
  buildDocument,
  startReliabilitySandbox,
  type ReliabilitySandbox,
} from './support/reliabilitySandbox.js';
import { killHard, prepareSendingChild, startSendingChild } from './support/sendingChild.js';

const TOTAL = 100;
// Shares are drawn independently per rule: 1 − 0.94 × 0.98 × 0.93 × 0.93 ≈ 20.3 % of calls fail.
const FAULTS = 'http503@6%,http:500@2%,reset@7%,timeout@7%,seed:20';

let sandbox: ReliabilitySandbox;
let work: string;

beforeAll(async () => {
  sandbox = await startReliabilitySandbox({ faults: FAULTS });
  work = makeTempDir('navette-reliability-child-');
  prepareSendingChild(work);
});

afterAll(async () => {
  await sandbox?.stop();
  removeTempDirs();
});

function list(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

describe('20 % of DMP calls fail', () => {
  it(`delivers all ${TOTAL} documents, none twice`, async () => {
    const root = makeTempDir('navette-reliability-network-');
    const folder = path.join(root, 'export');
    const dataDir = path.join(root, 'data');
    mkdirSync(folder);
    mkdirSync(dataDir);
    const documents = Array.from({ length: TOTAL }, (_, i) =>
      buildDocument(sandbox.manifest, `Compte rendu réseau ${i}`),
    );
    documents.forEach((doc, i) => writeFileSync(path.join(folder, `cr-${i}.xml`), doc.bytes));
    const run = startSendingChild({
      work,
      configFile: sandbox.writeConfig(folder),
      dataDir,
      demoCard: sandbox.demoCard,
      concurrency: 4,
    });
    try {
      await run.started;
      await waitFor(
        () => list(path.join(folder, 'sent')).length === TOTAL,
        `${TOTAL} documents in sent/`,
        150_000,
      );
      expect(run.child.exitCode).toBeNull();
    } finally {
      await killHard(run.child);
    }
    expect(run.stderr()).toBe('');

    for (const doc of documents) expect(sandbox.entries(doc.uniqueId), doc.uniqueId).toBe(1);
    expect(list(path.join(folder, 'error'))).toEqual([]);
    expect(list(folder).filter((n) => n.endsWith('.xml'))).toEqual([]);

    // The faults did happen, in the intended share and of every kind.
    const calls = [...sandbox.requests.byOperation.values()].reduce((a, b) => a + b, 0);
    const injected = [...sandbox.requests.injected.values()].reduce((a, b) => a + b, 0);
    console.log(
      `network suite: ${calls} DMP calls, ${injected} failed (${Math.round((100 * injected) / calls)} %): ` +
        JSON.stringify(Object.fromEntries(sandbox.requests.injected)) +
        `; by operation ${JSON.stringify(Object.fromEntries(sandbox.requests.byOperation))}`,
    );
    expect(injected / calls).toBeGreaterThan(0.12);
    expect(injected / calls).toBeLessThan(0.3);
    for (const kind of ['http', 'reset', 'timeout']) {
      expect(sandbox.requests.injected.get(kind) ?? 0, kind).toBeGreaterThan(0);
    }
  });
});
