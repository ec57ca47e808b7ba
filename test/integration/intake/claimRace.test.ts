// Two Navette instances watching one shared folder never take the same file: the claim is a
// rename, and only one rename of a file can succeed.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { claimUnit } from '../../../src/intake/claim.js';
import { folderLayout, prepareLayout } from '../../../src/intake/folderLayout.js';
import { makeTempDir, removeTempDirs } from '../../support/tempDir.js';
import { FakeDocumentSender } from './support/FakeDocumentSender.js';
import { fakeCda } from './support/FakeDocumentChecker.js';
import { closeHarnesses, makeHarness } from './support/harness.js';
import { waitFor } from './support/waitFor.js';

afterEach(async () => {
  await closeHarnesses();
  removeTempDirs();
});

describe('claim race', () => {
  it('lets exactly one of two simultaneous claims of a file succeed, 200 times out of 200', async () => {
    const folder = makeTempDir('navette-race-');
    const a = folderLayout(folder, 'poste-a');
    const b = folderLayout(folder, 'poste-b');
    await prepareLayout(a);
    await prepareLayout(b);
    for (let i = 0; i < 200; i++) {
      const name = `cr-${i}.xml`;
      writeFileSync(path.join(folder, name), `document ${i}`);
      const results = await Promise.all([
        claimUnit(a, { document: name }),
        claimUnit(b, { document: name }),
      ]);
      expect(results.map((r) => r.kind).sort(), name).toEqual(['claimed', 'gone']);
    }
    const claimed = (dir: string): string[] =>
      readdirSync(dir).flatMap((claimDir) => readdirSync(path.join(dir, claimDir)));
    const inA = claimed(a.processingDir);
    const inB = claimed(b.processingDir);
    expect(inA.length + inB.length).toBe(200);
    expect(new Set([...inA, ...inB]).size).toBe(200);
    // The losers left no empty claim folder behind.
    expect(readdirSync(a.processingDir).length + readdirSync(b.processingDir).length).toBe(200);
  });

  it('sends every document of a shared folder exactly once with two instances watching it', async () => {
    const shared = path.join(makeTempDir('navette-shared-'), 'export');
    mkdirSync(shared);
    const dmp = new FakeDocumentSender(); // one DMP for both workstations
    const a = makeHarness({
      folder: shared,
      instanceId: 'poste-a',
      sender: dmp,
      stableDelayMs: 200,
    });
    const b = makeHarness({
      folder: shared,
      instanceId: 'poste-b',
      sender: dmp,
      stableDelayMs: 200,
    });
    await Promise.all([a.service.start(), b.service.start()]);
    const count = 80;
    for (let i = 0; i < count; i++) {
      writeFileSync(path.join(shared, `cr-${i}.xml`), fakeCda(`1.2.250.9^${i}`));
    }
    await waitFor(() => a.list('sent').length === count, 'every document in sent/', 30_000);
    expect(dmp.registry.size).toBe(count);
    expect([...dmp.registry.values()].every((n) => n === 1)).toBe(true);
    expect(dmp.sends).toHaveLength(count);
    const totalA = a.service.outbox.counts();
    const totalB = b.service.outbox.counts();
    expect(totalA.total + totalB.total).toBe(count);
    expect(totalA.sent + totalB.sent).toBe(count);
    const byA = new Set(a.service.outbox.list({ limit: 1000 }).map((i) => i.uniqueId));
    const byB = b.service.outbox.list({ limit: 1000 }).map((i) => i.uniqueId);
    expect(byB.filter((id) => byA.has(id))).toEqual([]);
    expect(a.list('.navette-en-cours')).toEqual(['poste-a', 'poste-b']);
    // The empty claim folder is removed just after its file reached sent/: let the last one go.
    const claims = () =>
      a.list(path.join('.navette-en-cours', 'poste-a')).length +
      a.list(path.join('.navette-en-cours', 'poste-b')).length;
    await waitFor(() => claims() === 0, 'no claim folder left', 5_000);
    expect(a.list(path.join('.navette-en-cours', 'poste-a'))).toEqual([]);
    expect(a.list(path.join('.navette-en-cours', 'poste-b'))).toEqual([]);
  });
});
