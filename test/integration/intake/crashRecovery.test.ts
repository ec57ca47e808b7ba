// Restarts after a stop at the worst moments: what is on disk and in the database must be enough
// for the next run to finish every document exactly once, losing none.
import { mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/store/index.js';
import { OutboxRepository } from '../../../src/store/outbox/index.js';
import { contentHash } from '../../../src/intake/contentHash.js';
import { removeTempDirs } from '../../support/tempDir.js';
import { FakeDocumentChecker, fakeCda } from './support/FakeDocumentChecker.js';
import { closeHarnesses, makeHarness, simulateCrash, type Harness } from './support/harness.js';
import { sleep, waitFor } from './support/waitFor.js';

afterEach(async () => {
  await closeHarnesses();
  removeTempDirs();
});

const PROCESSING = path.join('.navette-en-cours', 'poste-a');

/** The same installation started again on the same folder and database. */
function restart(before: Harness, more: Parameters<typeof makeHarness>[0] = {}): Harness {
  return makeHarness({
    folder: before.folder,
    dbFile: before.dbFile,
    instanceId: 'poste-a',
    sender: before.sender,
    ...more,
  });
}

function claimedFiles(h: Harness): string[] {
  return h.list(PROCESSING).flatMap((claim) => h.list(path.join(PROCESSING, claim)));
}

describe('crash recovery', () => {
  it('finds a file claimed but not recorded, and records it once; other instances leave it alone', async () => {
    const a = makeHarness();
    a.checker.gate = new Promise(() => undefined); // the check never ends: "killed" mid-check
    await a.service.start();
    writeFileSync(path.join(a.folder, 'cr.xml'), fakeCda('1.2.3^1'));
    await waitFor(() => a.checker.checked.length === 1, 'claimed and being checked');
    simulateCrash(a);
    expect(claimedFiles(a)).toEqual(['cr.xml']);

    // Another workstation on the same share never touches poste-a's claims.
    const other = makeHarness({ folder: a.folder, instanceId: 'poste-b' });
    await other.service.start();
    await other.service.intake.scanNow();
    expect(other.checker.checked).toHaveLength(0);
    expect(claimedFiles(a)).toEqual(['cr.xml']);

    const b = restart(a);
    await b.service.start();
    await waitFor(() => b.list('sent').includes('cr.xml'), 'sent after restart');
    expect(b.sender.registry.get('1.2.3^1')).toBe(1);
    expect(b.service.outbox.counts()).toMatchObject({ sent: 1, total: 1 });
    expect(b.events.find((e) => e.type === 'recorded')).toMatchObject({ status: 'queued' });
  });

  it('does not record a claim twice when the restart finds its row already there', async () => {
    const a = makeHarness();
    a.service.worker.pause(); // recorded, never sent: "killed" right after the record
    await a.service.start();
    writeFileSync(path.join(a.folder, 'cr.xml'), fakeCda('1.2.3^2'));
    await waitFor(() => a.service.outbox.counts().queued === 1, 'recorded');
    simulateCrash(a);
    expect(claimedFiles(a)).toEqual(['cr.xml']);

    const b = restart(a);
    await b.service.start();
    await waitFor(() => b.list('sent').includes('cr.xml'), 'sent after restart');
    expect(b.checker.checked).toHaveLength(0); // the claim was known: not checked again
    expect(b.service.outbox.counts()).toMatchObject({ sent: 1, total: 1 });
    expect(b.sender.registry.get('1.2.3^2')).toBe(1);
  });

  it('after a crash mid-send that reached the DMP, reconciles and sends nothing more', async () => {
    const a = makeHarness();
    a.sender.script('1.2.3^3', { kind: 'hang', reached: true });
    await a.service.start();
    writeFileSync(path.join(a.folder, 'cr.xml'), fakeCda('1.2.3^3'));
    await waitFor(() => a.sender.sends.length === 1, 'send in progress');
    simulateCrash(a);

    const b = restart(a);
    await b.service.start();
    await waitFor(() => b.list('sent').includes('cr.xml'), 'sent after reconciliation');
    expect(b.sender.lookups).toEqual(['1.2.3^3']);
    expect(b.sender.sendCount('1.2.3^3')).toBe(1); // the interrupted one only
    expect(b.sender.registry.get('1.2.3^3')).toBe(1);
    const sent = b.journal.list().find((e) => e.transaction === 'outbox.sent');
    expect(sent?.details).toMatchObject({ reconciled: true, attempts: 2 });
  });

  it('after a crash mid-send that did not reach the DMP, sends once after asking', async () => {
    const a = makeHarness();
    a.sender.script('1.2.3^4', { kind: 'hang', reached: false });
    await a.service.start();
    writeFileSync(path.join(a.folder, 'cr.xml'), fakeCda('1.2.3^4'));
    await waitFor(() => a.sender.sends.length === 1, 'send in progress');
    simulateCrash(a);

    const b = restart(a);
    await b.service.start();
    await waitFor(() => b.list('sent').includes('cr.xml'), 'sent');
    expect(b.sender.lookups).toEqual(['1.2.3^4']);
    expect(b.sender.sendCount('1.2.3^4')).toBe(2);
    expect(b.sender.registry.get('1.2.3^4')).toBe(1);
  });

  it('fetches the sidecar of a PDF claimed alone when the stop fell between the two renames', async () => {
    const a = makeHarness();
    await a.service.start();
    simulateCrash(a);
    const claimDir = path.join(a.folder, PROCESSING, '20250512T080000000Z-0badc0de');
    mkdirSync(claimDir, { recursive: true });
    writeFileSync(path.join(claimDir, 'scan.pdf'), '%PDF-1.7 fake');
    writeFileSync(path.join(a.folder, 'scan.json'), '{"title":"Radio"}');

    const b = restart(a, { checker: new FakeDocumentChecker() });
    await b.service.start();
    await waitFor(() => b.list('sent').length === 2, 'both in sent/');
    expect(b.list('sent')).toEqual(['scan.json', 'scan.pdf']);
    expect(b.checker.checked[0]?.sidecar?.text).toBe('{"title":"Radio"}');
    expect(b.list(PROCESSING)).toEqual([]);
  });

  /**
   * The state a run stopped mid-placement leaves: x.pdf and x.json sent (the row says so), the
   * name `chosen` recorded, the sidecar moved under it (it goes first), the PDF not yet.
   */
  function stoppedMidPlacement(a: Harness, chosen: string): number {
    const claimDir = path.join(a.folder, PROCESSING, '20250512T080000000Z-00000001');
    mkdirSync(claimDir, { recursive: true });
    mkdirSync(path.join(a.folder, 'sent'), { recursive: true });
    writeFileSync(path.join(claimDir, 'x.pdf'), '%PDF-1.7 x');
    writeFileSync(path.join(claimDir, 'x.json'), '{}');
    const db = openDatabase(a.dbFile);
    const outbox = new OutboxRepository(db);
    const { item } = outbox.enqueue({
      uniqueId: '2.25.1',
      contentHash: contentHash(Buffer.from('%PDF-1.7 x'), Buffer.from('{}')),
      fileName: 'x.pdf',
      sidecarName: 'x.json',
      kind: 'pdf',
      claim: {
        claimId: path.basename(claimDir),
        claimDir,
        sentDir: path.join(a.folder, 'sent'),
        errorDir: path.join(a.folder, 'error'),
      },
    });
    outbox.takeNextDue();
    outbox.markSent(item.id);
    outbox.choosePlacement(item.id, chosen);
    const sidecar = chosen.replace(/\.pdf$/, '.json');
    renameSync(path.join(claimDir, 'x.json'), path.join(a.folder, 'sent', sidecar));
    db.close();
    return item.id;
  }

  /** After the restart: x (2).pdf and its sidecar placed, the row placed, nothing sent again. */
  async function expectPlacedAsSecond(a: Harness, itemId: number): Promise<void> {
    const b = restart(a);
    await b.service.start();
    await waitFor(() => b.list('sent').includes('x (2).pdf'), 'document placed');
    expect(b.list('sent')).toEqual(['x (2).json', 'x (2).pdf', 'x.pdf']);
    expect(b.service.outbox.get(itemId)?.placedAt).not.toBeNull();
    expect(readdirSync(path.join(a.folder, PROCESSING))).toEqual([]);
    await sleep(50);
    expect(b.sender.sends).toHaveLength(0);
  }

  it('resumes an interrupted move with the name it had chosen', async () => {
    const a = makeHarness();
    await a.service.start();
    simulateCrash(a);
    // "x (2).pdf" was chosen because sent/ already held an x.pdf.
    mkdirSync(path.join(a.folder, 'sent'), { recursive: true });
    writeFileSync(path.join(a.folder, 'sent', 'x.pdf'), 'an older x.pdf');
    const itemId = stoppedMidPlacement(a, 'x (2).pdf');
    await expectPlacedAsSecond(a, itemId);
  });

  it('keeps a PDF and its sidecar together when the chosen name was taken meanwhile', async () => {
    const a = makeHarness();
    await a.service.start();
    simulateCrash(a);
    // "x.pdf" was chosen; since, someone put an x.pdf in sent/. The sidecar goes back and comes
    // out again with its document, under the next free name.
    const itemId = stoppedMidPlacement(a, 'x.pdf');
    writeFileSync(path.join(a.folder, 'sent', 'x.pdf'), 'another x.pdf');
    await expectPlacedAsSecond(a, itemId);
    expect(readFileSync(path.join(a.folder, 'sent', 'x.pdf'), 'utf8')).toBe('another x.pdf');
  });
});
