import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../src/store/json.js';

describe('canonicalJson', () => {
  it('sorts keys at every depth and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: null, y: true }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[3,{"y":true,"z":null}]},"b":1}',
    );
  });

  it('orders keys by UTF-16 code units, as RFC 8785 does', () => {
    // U+00E9 (é) sorts after 'z'; '\u20ac' (€) after é; an astral char's high surrogate after €.
    expect(canonicalJson({ é: 1, z: 2, '€': 3, '😀': 4, Z: 5 })).toBe(
      '{"Z":5,"z":2,"é":1,"€":3,"😀":4}',
    );
  });

  it('writes numbers and strings as JSON.stringify does (RFC 8785 vectors)', () => {
    expect(canonicalJson([1e21, 1e-7, -0, 0.1 + 0.2, 333333333.3333333])).toBe(
      '[1e+21,1e-7,0,0.30000000000000004,333333333.3333333]',
    );
    expect(canonicalJson('é"\\\n\u0001')).toBe('"é\\"\\\\\\n\\u0001"');
  });

  it('refuses what JSON cannot carry faithfully', () => {
    for (const bad of [
      Number.NaN,
      Number.NEGATIVE_INFINITY,
      undefined,
      1n,
      () => 1,
      new Date(0),
      { a: undefined },
      ['\uDC00'],
      { ['\uD800']: 1 },
    ]) {
      expect(() => canonicalJson(bad), String(bad)).toThrow(TypeError);
    }
  });

  it('accepts objects without a prototype and well-formed astral characters', () => {
    const bare = Object.create(null) as Record<string, unknown>;
    bare['k'] = '😀';
    expect(canonicalJson(bare)).toBe('{"k":"😀"}');
  });
});
