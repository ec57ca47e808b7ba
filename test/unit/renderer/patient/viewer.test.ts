import { describe, expect, it } from 'vitest';
import { bytesOfBase64, safeName } from '../../../../src/renderer/views/viewer.js';

describe('viewer helpers', () => {
  it('decodes the API base64 to bytes', () => {
    expect([...bytesOfBase64(Buffer.from('%PDF-1.4').toString('base64'))]).toEqual([
      ...Buffer.from('%PDF-1.4'),
    ]);
  });

  it('makes a file name without separators or reserved characters', () => {
    expect(safeName('CR 12/05: bilan*?')).toBe('CR 12_05_ bilan__');
    expect(safeName('a\u0000b\\c')).toBe('a_b_c');
    expect(safeName('   ')).toBe('document');
    expect(safeName('x'.repeat(150))).toHaveLength(100);
  });
});
