// Crash reliability (issue 5): kill -9 Navette at random moments during a 200-document batch,
// restart, repeat. The child runs the real send path (settings file, DMP session over mutual TLS,
// real document checks, outbox, worker, concurrency 4) on a real folder, against the DMP test
// server in this process. One batch of 200 documents is spread over 20 kill/restart trials: ten
// new documents are dropped before each start, the child is killed with SIGKILL at a random moment
// 0–0.4 s after its first claim appears (while documents are being claimed, checked, sent and
// moved), then a last run finishes the batch. Then: each uniqueId exactly once in the sandbox's registry, every
// file in sent/, none in error/, nothing left in the folder or in processing.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, removeTempDirs } from '../../support/tempDir.js';
import { sleep, waitFor } from '../intake/support/waitFor.js';
import {
  buildDocument,
  startReliabilitySandbox,
  type BuiltDocument,
  type ReliabilitySandbox,
} from './support/reliabilitySandbox.js';
import { killHard, prepareSendingChild, startSendingChild } from './support/sendingChild.js';

const TOTAL = 200;
const TRIALS = 20;
const CONCURRENCY = 4;

let sandbox: ReliabilitySandbox;
let work: string;

beforeAll(async () => {
  sandbox = await startReliabilitySandbox();
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

describe('kill -9 during a 200-document batch', () => {
  it(`sends every document exactly once through ${TRIALS} random kills`, async () => {
    const root = makeTempDir('navette-reliability-crash-');
    const folder = path.join(root, 'export');
    const dataDir = path.join(root, 'data');
    mkdirSync(folder);
    mkdirSync(dataDir);
    const configFile = sandbox.writeConfig(folder);
    const documents: BuiltDocument[] = Array.from({ length: TOTAL }, (_, i) =>
      buildDocument(sandbox.manifest, `Compte rendu ${i}`),
    );
    let dropped = 0;
    const drop = (n: number): void => {
      for (const end = Math.min(TOTAL, dropped + n); dropped < end; dropped++) {
        const doc = documents[dropped];
        if (doc !== undefined) writeFileSync(path.join(folder, `cr-${dropped}.xml`), doc.bytes);
      }
    };
    const sentFolder = path.join(folder, 'sent');
    const child = {
      work,
      configFile,
      dataDir,
      demoCard: sandbox.demoCard,
      concurrency: CONCURRENCY,
    };

    // What each kill interrupted: documents in sent/, and claims in the processing folder (work
    // under way: being checked, queued, sent or moved).
    const processing = path.join(folder, '.navette-en-cours', 'poste-a');
    const kills: { sent: number; claims: number }[] = [];
    for (let trial = 0; trial < TRIALS; trial++) {
      drop(TOTAL / TRIALS);
      const run = startSendingChild(child);
      await run.started;
      // Strike while work is under way: once the first claim appears (a loaded machine can take
      // seconds to get there), then at a random moment of the next 0.4 s.
      await waitFor(() => list(processing).length > 0, 'a claim in progress', 20_000).catch(
        () => undefined,
      );
      await sleep(Math.random() * 400);
      await killHard(run.child);
      kills.push({ sent: list(sentFolder).length, claims: list(processing).length });
      expect(run.stderr()).toBe('');
    }
    drop(TOTAL);
    const last = startSendingChild(child);
    await last.started;
    try {
      await waitFor(
        () => list(sentFolder).length === TOTAL,
        `${TOTAL} documents in sent/`,
        120_000,
      );
    } finally {
      await killHard(last.child);
    }
    expect(last.stderr()).toBe('');

    // The kills struck work under way, not an idle service.
    const midWork = kills.filter((k) => k.claims > 0).length;
    expect(midWork).toBeGreaterThanOrEqual(TRIALS / 2);
    console.log(
      `crash suite: ${TRIALS} kills; sent/claims at each kill: ${kills.map((k) => `${k.sent}/${k.claims}`).join(' ')}`,
    );

    for (const doc of documents) expect(sandbox.entries(doc.uniqueId), doc.uniqueId).toBe(1);
    expect(list(sentFolder)).toEqual(Array.from({ length: TOTAL }, (_, i) => `cr-${i}.xml`).sort());
    expect(list(path.join(folder, 'error'))).toEqual([]);
    expect(list(path.join(folder, '.navette-en-cours', 'poste-a'))).toEqual([]);
    expect(list(folder).filter((n) => n.endsWith('.xml'))).toEqual([]);
  });
});
