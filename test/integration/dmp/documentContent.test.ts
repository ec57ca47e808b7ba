// TD3.2 and "since my last visit" against the DMP test server over mutual TLS: the content read
// back is exactly the bytes sent (MTOM answer), what to display of it, the lots submitted since
// a cursor with their documents, and the cursor moving on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DmpSession } from '../../../src/app/dmp/index.js';
import { groupByLot } from '../../../src/dmp/index.js';
import { displayDataOf } from '../../../src/protocol/cda/displayData.js';
import { TINY_PDF } from '../../unit/protocol/cda/cdaTestSupport.js';
import { removeTempDirs } from '../../support/tempDir.js';
import { Professionals, testIns } from './consultationSupport.js';
import { PATIENT_GP_IS_MT, startTestSandbox, type TestSandbox } from './sandboxFixture.js';

let sandbox: TestSandbox;
let pros: Professionals;
let gp: DmpSession;
const PATIENT = testIns(PATIENT_GP_IS_MT);

beforeAll(async () => {
  sandbox = await startTestSandbox();
  pros = new Professionals(sandbox);
  gp = await pros.open('gp');
});

afterAll(async () => {
  await pros?.close();
  await sandbox?.stop();
  removeTempDirs();
});

describe('TD3.2 and the search since the last visit', () => {
  it('TD3.2 returns exactly the bytes sent, and the PDF to display', async () => {
    const sent = await pros.feed(
      { key: 'gp', session: gp },
      { ins: PATIENT_GP_IS_MT, title: 'Compte rendu à relire' },
    );
    const [doc] = (await gp.client.findDocuments(PATIENT, 'normal')).filter(
      (d) => d.uniqueId === sent.uniqueId,
    );
    if (doc === undefined) throw new Error('document not found');
    expect(doc).toMatchObject({
      mimeType: 'text/xml',
      size: sent.bytes.byteLength,
      status: 'approved',
    });
    const content = await gp.client.retrieveDocument(PATIENT, doc, 'normal');
    expect(content.mimeType).toBe('text/xml');
    expect(Buffer.from(content.bytes).equals(Buffer.from(sent.bytes))).toBe(true);
    const display = displayDataOf(content.bytes, content.mimeType);
    expect(display).toMatchObject({ kind: 'pdf', source: 'cda-level-1' });
    expect(display.kind === 'pdf' && Buffer.from(display.bytes).equals(Buffer.from(TINY_PDF))).toBe(
      true,
    );
    // A document the registry does not know is reported as unavailable, in French.
    await expect(
      gp.client.retrieveDocument(PATIENT, { ...doc, uniqueId: '1.2.250.1.999.404' }, 'normal'),
    ).rejects.toMatchObject({
      code: 'DMP_DOCUMENT_UNAVAILABLE',
      message: expect.stringContaining('ne trouve pas'),
    });
    // Bytes that do not match the registry's hash are never handed over.
    await expect(
      gp.client.retrieveDocument(PATIENT, { ...doc, hash: '0'.repeat(40) }, 'normal'),
    ).rejects.toMatchObject({ code: 'DMP_RESPONSE_INVALID' });
  });

  it('since the last visit: the lots submitted after the cursor, their documents, and a new cursor', async () => {
    const first = await gp.client.findDocumentsSince(PATIENT, '20000101', 'normal');
    const cursor = first.cursor;
    expect(cursor).toMatch(/^\d{14}$/);
    // Lots submitted within the cursor's second come again: wait for the next second.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const a = await pros.feed(
      { key: 'gp', session: gp },
      { ins: PATIENT_GP_IS_MT, title: 'Nouveau A' },
    );
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const b = await pros.feed(
      { key: 'gp', session: gp },
      { ins: PATIENT_GP_IS_MT, title: 'Nouveau B', visibility: { hiddenFromPatient: true } },
    );
    const since = await gp.client.findDocumentsSince(PATIENT, cursor, 'normal');
    expect(first.documents.map((d) => d.title)).toContain('Compte rendu à relire');
    expect(since.documents.map((d) => d.uniqueId)).toEqual(
      expect.arrayContaining([a.uniqueId, b.uniqueId]),
    );
    // Anything else comes from a lot submitted at the cursor itself (the bound is inclusive).
    for (const d of since.documents.filter((x) => ![a.uniqueId, b.uniqueId].includes(x.uniqueId))) {
      expect(d.lot?.submissionTime).toBe(cursor);
    }
    // Newest lot first; each document names its lot, with the lot's uniqueId.
    expect(since.documents[0]?.uniqueId).toBe(b.uniqueId);
    const lotB = since.lots.find((l) => l.entryUuid === since.documents[0]?.lot?.entryUuid);
    expect(since.documents[0]?.lot).toMatchObject({ uniqueId: lotB?.uniqueId });
    expect(since.documents[0]?.alerts.map((x) => x.code)).toEqual(['INVISIBLE_PATIENT']);
    expect(groupByLot(since.documents)).toHaveLength(since.documents.length);
    expect(since.cursor > cursor).toBe(true);
    // A document whose visibility changed since it was sent comes in its current version.
    const sentA = since.documents.find((d) => d.uniqueId === a.uniqueId);
    if (sentA === undefined) throw new Error('document A missing');
    const masked = await gp.client.manageDocument(PATIENT, sentA, 'mask', 'normal');
    const again = await gp.client.findDocumentsSince(PATIENT, cursor, 'normal');
    expect(again.documents.find((d) => d.uniqueId === a.uniqueId)).toMatchObject({
      entryUuid: masked.entryUuid,
      visibility: { hiddenFromProfessionals: true },
      lot: { entryUuid: sentA.lot?.entryUuid },
    });
    expect(again.documents.filter((d) => d.uniqueId === a.uniqueId)).toHaveLength(1);
    // The next visit starts from the new cursor: only the last lot can come again.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const later = await gp.client.findDocumentsSince(PATIENT, since.cursor, 'normal');
    expect(later.documents.map((d) => d.uniqueId)).not.toContain(a.uniqueId);
  });

  it('a regular search also names each document’s lot', async () => {
    const docs = await gp.client.findDocuments(PATIENT, 'normal');
    expect(docs.length).toBeGreaterThan(0);
    for (const d of docs) {
      expect(d.lot).toMatchObject({
        entryUuid: expect.stringMatching(/^urn:uuid:/),
        uniqueId: expect.any(String),
      });
    }
  });
});
