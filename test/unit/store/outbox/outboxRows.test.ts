// Reading rows defensively: a damaged JSON column costs a display detail, never the row.
import { describe, expect, it } from 'vitest';
import { fromRow, type OutboxRow } from '../../../../src/store/outbox/outboxRows.js';

const AT = '2025-05-12T08:00:00.000Z';
const row = (values: Partial<OutboxRow>): OutboxRow => ({
  id: 1,
  batch_id: null,
  state: 'queued',
  unique_id: '1.2.3',
  content_hash: '0'.repeat(64),
  kind: 'cda-n3',
  title: null,
  set_id: null,
  visibility: null,
  file_name: 'cr.xml',
  sidecar_name: null,
  claim_id: null,
  claim_dir: null,
  sent_dir: null,
  error_dir: null,
  attempts: 0,
  next_at: AT,
  needs_reconcile: 0,
  error_code: null,
  last_error: null,
  problems: null,
  duplicate_of: null,
  receipt: null,
  created_at: AT,
  updated_at: AT,
  finished_at: null,
  placed_name: null,
  placed_at: null,
  ...values,
});

describe('fromRow', () => {
  it('maps columns to the item', () => {
    const item = fromRow(
      row({
        needs_reconcile: 1,
        claim_id: 'c',
        claim_dir: '/e/c',
        sent_dir: '/e/sent',
        error_dir: '/e/error',
        visibility:
          '{"hiddenFromProfessionals":true,"hiddenFromPatient":false,"hiddenFromLegalRepresentatives":false}',
        receipt: '{"entryUuid":"urn:uuid:1","details":{"n":1,"bad":{}}}',
        problems: '[{"code":"A","message":"m","fix":"f"},{"nope":1}]',
      }),
    );
    expect(item).toMatchObject({
      needsReconcile: true,
      nextAt: new Date(AT),
      claim: { claimId: 'c', claimDir: '/e/c', sentDir: '/e/sent', errorDir: '/e/error' },
      visibility: { hiddenFromProfessionals: true, hiddenFromPatient: false },
      receipt: { entryUuid: 'urn:uuid:1', details: { n: 1 } },
      problems: [{ code: 'A', message: 'm', fix: 'f' }],
    });
  });

  it('reads damaged JSON columns as null', () => {
    const item = fromRow(
      row({ visibility: '{"hiddenFromPatient":1}', receipt: '[', problems: '{}' }),
    );
    expect([item.visibility, item.receipt, item.problems]).toEqual([null, null, null]);
  });

  it('refuses an unknown state (the schema makes it impossible short of hand editing)', () => {
    expect(() => fromRow(row({ state: 'lost' }))).toThrow(/unknown state/);
  });
});
