// The batch service over a real SQLite outbox (a file, so that a "restart" can reopen it) and the
// real worker, with a fake checker and a fake DMP at the ports: nothing is sent by the pre-flight,
// each document reaches the DMP once (two identical files too), a DMP refusal is reported, a fixed
// document is sent again, and a new service on the same database sees the same batch.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BatchService } from '../../../../src/app/batches/BatchService.js';
import { OutboxWorker } from '../../../../src/app/sending/OutboxWorker.js';
import type { DocumentChecker } from '../../../../src/domain/ports/DocumentChecker.js';
import { openDatabase, type Database } from '../../../../src/store/index.js';
import { OutboxRepository } from '../../../../src/store/outbox/index.js';
import { makeTempDir, removeTempDirs } from '../../../support/tempDir.js';
import { FakeDocumentSender } from '../../../integration/intake/support/FakeDocumentSender.js';

/** "ok <uniqueId>" passes; anything else is refused in French. */
const checker: DocumentChecker = {
  check({ bytes }) {
    const text = new TextDecoder().decode(bytes);
    const m = /^ok (\S+)/.exec(text);
    if (m?.[1] === undefined) {
      return {
        verdict: 'rejected',
        problems: [{ code: 'CDA_NOT_XML', message: "Le fichier n'est pas un document CDA." }],
      };
    }
    return { verdict: 'accepted', document: { uniqueId: m[1], kind: 'cda-n3', title: 'CR' } };
  },
};

const open: { db: Database; worker: OutboxWorker; service: BatchService }[] = [];
afterEach(async () => {
  for (const o of open.splice(0)) {
    o.service.dispose();
    await o.worker.stop({ drainMs: 50, abortGraceMs: 50 });
    o.db.close();
  }
  removeTempDirs();
});

function start(file: string, sender: FakeDocumentSender) {
  const db = openDatabase(file);
  const outbox = new OutboxRepository(db);
  const worker = new OutboxWorker({ outbox, sender, backoff: { initialMs: 10, maxMs: 20 } });
  const service = new BatchService({ db, outbox, worker, preflight: { checker } });
  open.push({ db, worker, service });
  worker.start();
  return { db, outbox, worker, service };
}

describe('BatchService', () => {
  it('pre-flight, send once each, DMP refusal, fix and re-send, survives a restart', async () => {
    const dir = makeTempDir('navette-batch-unit-');
    const docs = path.join(dir, 'docs');
    const dbFile = path.join(dir, 'navette.db');
    mkdirSync(docs);
    writeFileSync(path.join(docs, 'a.xml'), 'ok 1.2.3^1');
    writeFileSync(path.join(docs, 'b.xml'), 'ok 1.2.3^2');
    writeFileSync(path.join(docs, 'copie-de-a.xml'), 'ok 1.2.3^1');
    writeFileSync(path.join(docs, 'refuse.xml'), 'ok 1.2.3^3');
    writeFileSync(path.join(docs, 'casse.xml'), 'pas un CDA');
    writeFileSync(path.join(docs, '.cache'), 'ignored');
    const sender = new FakeDocumentSender();
    sender.script('1.2.3^3', { kind: 'refuse', reason: 'Le DMP refuse ce document.', code: 'X' });
    const { service, outbox } = start(dbFile, sender);

    const checked = await service.preflight({ folder: docs });
    expect(checked.items.map((i) => [i.fileName, i.status])).toEqual([
      ['a.xml', 'ready'],
      ['b.xml', 'ready'],
      ['casse.xml', 'blocked'],
      ['copie-de-a.xml', 'ready'],
      ['refuse.xml', 'ready'],
    ]);
    expect(checked.items[0]?.reasons.map((r) => r.code)).toEqual(['DMP_STATUS_UNCHECKED']);
    expect(outbox.counts().total).toBe(0);
    expect(sender.sends).toHaveLength(0);

    await service.send(checked.id);
    const done = await service.whenDone(checked.id);
    expect(done.counts).toMatchObject({ sent: 3, refused: 1, blocked: 1, total: 5 });
    expect(sender.registry.get('1.2.3^1')).toBe(1);
    expect(sender.registry.get('1.2.3^2')).toBe(1);
    const refused = done.items.find((i) => i.fileName === 'refuse.xml');
    expect(refused?.reasons[0]?.message).toBe('Le DMP refuse ce document.');
    await expect(service.resend(checked.id, done.items[0]?.id ?? 0)).rejects.toMatchObject({
      code: 'BATCH_ITEM_NOT_RESENDABLE',
    });

    const broken = done.items.find((i) => i.fileName === 'casse.xml');
    writeFileSync(path.join(docs, 'casse.xml'), 'ok 1.2.3^4');
    await service.resend(checked.id, broken?.id ?? 0);
    const after = await service.whenDone(checked.id);
    expect(after.counts).toMatchObject({ sent: 4, refused: 1, blocked: 0 });
    expect(sender.registry.get('1.2.3^4')).toBe(1);

    const o = open.pop();
    o?.service.dispose();
    await o?.worker.stop({ drainMs: 50 });
    o?.db.close();
    const restarted = start(dbFile, new FakeDocumentSender());
    expect(restarted.service.get(checked.id)?.counts).toEqual(after.counts);
    expect(restarted.service.report(checked.id, 'csv')).toContain('"casse.xml"');
  });
});
