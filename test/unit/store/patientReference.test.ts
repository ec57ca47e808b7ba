import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PATIENT_REF_PATTERN, patientReference } from '../../../src/store/patientReference.js';

const KEY = Buffer.alloc(32, 7);

describe('patientReference', () => {
  it('is the HMAC-SHA-256 of the normalised identifier, in lower-case hex', () => {
    const ref = patientReference(KEY, ' 2a0576800608436 ');
    expect(ref).toBe(createHmac('sha256', KEY).update('2A0576800608436').digest('hex'));
    expect(ref).toMatch(PATIENT_REF_PATTERN);
    expect(ref).not.toContain('0576800608436');
  });

  it('depends on the key and on the identifier', () => {
    const a = patientReference(KEY, '185057800608436');
    expect(patientReference(Buffer.alloc(32, 8), '185057800608436')).not.toBe(a);
    expect(patientReference(KEY, '185057800608437')).not.toBe(a);
    expect(patientReference(KEY, '185057800608436')).toBe(a);
  });

  it('refuses a short key or an empty identifier', () => {
    expect(() => patientReference(Buffer.alloc(16), '185057800608436')).toThrow(RangeError);
    expect(() => patientReference(KEY, '   ')).toThrow(RangeError);
  });
});
