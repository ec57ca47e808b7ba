// Where a finished document's files go, decided from its outbox row (and its original's).
import { describe, expect, it } from 'vitest';
import { placementTask } from '../../../../src/app/sending/intakeOutbox.js';
import type { OutboxItem } from '../../../../src/store/outbox/index.js';

const claim = {
  claimId: 'c',
  claimDir: '/e/.navette-en-cours/p/c',
  sentDir: '/e/sent',
  errorDir: '/e/error',
};
const at = new Date('2025-05-12T08:00:00Z');

function item(values: Partial<OutboxItem>): OutboxItem {
  return {
    id: 7,
    batchId: null,
    state: 'sent',
    uniqueId: '1.2.3^7',
    contentHash: '0'.repeat(64),
    kind: 'cda-n3',
    title: null,
    setId: null,
    visibility: null,
    fileName: 'cr.xml',
    sidecarName: null,
    claim,
    attempts: 1,
    nextAt: null,
    needsReconcile: false,
    errorCode: null,
    lastError: null,
    problems: null,
    duplicateOf: null,
    receipt: null,
    createdAt: at,
    updatedAt: at,
    finishedAt: at,
    placedName: null,
    placedAt: null,
    ...values,
  };
}

describe('placementTask', () => {
  it('sends a sent document to sent/, resuming a chosen name', () => {
    expect(
      placementTask({
        item: item({ placedName: 'cr (2).xml', sidecarName: 'cr.json' }),
        original: null,
      }),
    ).toEqual({
      itemId: 7,
      claim,
      fileName: 'cr.xml',
      sidecarName: 'cr.json',
      placedName: 'cr (2).xml',
      destination: 'sent',
    });
  });

  it('tells the checks, the DMP, a conflict and an exhausted budget apart', () => {
    const cause = (values: Partial<OutboxItem>) =>
      placementTask({ item: item({ lastError: 'x', ...values }), original: null })?.reason?.cause;
    expect(cause({ state: 'refused', attempts: 0, uniqueId: null })).toBe('checks');
    expect(cause({ state: 'refused', attempts: 2 })).toBe('dmp');
    expect(cause({ state: 'refused', attempts: 0, errorCode: 'OUTBOX_UNIQUE_ID_CONFLICT' })).toBe(
      'conflict',
    );
    expect(cause({ state: 'failed', attempts: 20 })).toBe('failed');
    const failed = placementTask({
      item: item({ state: 'failed', attempts: 20, lastError: 'Injoignable.' }),
      original: null,
    });
    expect(failed?.reason).toMatchObject({ attempts: 20, summary: 'Injoignable.', itemId: 7 });
  });

  it('makes a duplicate follow its original, with the original reason', () => {
    const dup = item({ id: 8, state: 'duplicate', duplicateOf: 7, fileName: 'cr-bis.xml' });
    expect(placementTask({ item: dup, original: item({}) })?.destination).toBe('sent');
    const refused = item({
      state: 'refused',
      lastError: 'Le DMP du patient est fermé.',
      problems: [{ code: 'DMP_CLOSED', message: 'Le DMP du patient est fermé.' }],
    });
    expect(placementTask({ item: dup, original: refused })).toMatchObject({
      destination: 'error',
      fileName: 'cr-bis.xml',
      reason: {
        cause: 'duplicate',
        summary: 'Le DMP du patient est fermé.',
        originalFileName: 'cr.xml',
        problems: [{ code: 'DMP_CLOSED' }],
      },
    });
  });

  it('has nothing to move for a document that did not come from a folder', () => {
    expect(placementTask({ item: item({ claim: null }), original: null })).toBeUndefined();
  });
});
