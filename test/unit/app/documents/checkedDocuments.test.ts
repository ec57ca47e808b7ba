// The checks' facts kept for the sender of the same process: bounded, oldest dropped first,
// forgotten on request.
import { describe, expect, it } from 'vitest';
import {
  CheckedDocuments,
  type CheckedFacts,
} from '../../../../src/app/documents/CheckedDocuments.js';

function facts(uniqueId: string): CheckedFacts {
  return {
    uniqueId,
    entry: { uniqueId } as CheckedFacts['entry'],
    visibility: undefined,
    replacedUniqueId: undefined,
  };
}

describe('CheckedDocuments', () => {
  it('keeps at most its capacity, dropping the oldest first', () => {
    const checked = new CheckedDocuments({ capacity: 2 });
    checked.remember('a', facts('1.1'));
    checked.remember('b', facts('1.2'));
    checked.remember('a', facts('1.1')); // seen again: now the newest
    checked.remember('c', facts('1.3'));
    expect(checked.size).toBe(2);
    expect(checked.recall('b')).toBeUndefined();
    expect(checked.recall('a')?.uniqueId).toBe('1.1');
    expect(checked.recall('c')?.uniqueId).toBe('1.3');
  });

  it('forgets what it learnt an hour ago (a document that waited is read again)', () => {
    let now = 0;
    const checked = new CheckedDocuments({ now: () => now });
    checked.remember('a', facts('1.1'));
    now = 59 * 60 * 1000;
    expect(checked.recall('a')?.uniqueId).toBe('1.1');
    checked.remember('b', facts('1.2'));
    now = 60 * 60 * 1000;
    expect(checked.recall('a')).toBeUndefined();
    checked.remember('c', facts('1.3')); // drops the expired ones on the way
    expect(checked.size).toBe(2);
    now = 2 * 60 * 60 * 1000;
    checked.remember('d', facts('1.4'));
    expect(checked.size).toBe(1);
  });

  it('forgets a document on request', () => {
    const checked = new CheckedDocuments();
    checked.remember('a', facts('1.1'));
    checked.forget('a');
    checked.forget('unknown');
    expect(checked.recall('a')).toBeUndefined();
    expect(checked.size).toBe(0);
  });
});
