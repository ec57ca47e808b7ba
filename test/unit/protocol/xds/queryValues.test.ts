import { describe, expect, it } from 'vitest';
import {
  formatQueryCode,
  listQueryValues,
  parseQueryCode,
  parseQueryValues,
  quoteQueryString,
  singleQueryValue,
} from '../../../../src/protocol/xds/queryValues.js';

describe('stored query values', () => {
  it('quotes strings (doubling quotes) and leaves numbers bare', () => {
    expect(quoteQueryString("l'école")).toBe("'l''école'");
    expect(singleQueryValue('207058575627097^^^&1.2.250.1.213.1.4.10&ISO^NH')).toEqual([
      "'207058575627097^^^&1.2.250.1.213.1.4.10&ISO^NH'",
    ]);
    expect(singleQueryValue(20240101)).toEqual(['20240101']);
    expect(listQueryValues(['a', "b'c"], 'p')).toEqual(["('a','b''c')"]);
  });

  it('splits long lists over several values of at most 256 characters', () => {
    const ids = Array.from(
      { length: 40 },
      (_, i) => `urn:uuid:00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    );
    const values = listQueryValues(ids, '$uuid');
    expect(values.length).toBeGreaterThan(1);
    expect(values.every((v) => v.length <= 256 && v.startsWith('(') && v.endsWith(')'))).toBe(true);
    expect(parseQueryValues(values, '$uuid')).toEqual(ids);
    expect(() => listQueryValues(['x'.repeat(300)], '$p')).toThrow(
      expect.objectContaining({ code: 'XDS_QUERY_INVALID' }) as Error,
    );
  });

  it('parses single values, lists, bare numbers and blanks', () => {
    expect(parseQueryValues(["'a'"], 'p')).toEqual(['a']);
    expect(parseQueryValues(["( 'a' , 'b''c' )", '(20200101)'], 'p')).toEqual([
      'a',
      "b'c",
      '20200101',
    ]);
    expect(parseQueryValues(['20200101'], 'p')).toEqual(['20200101']);
    expect(
      parseQueryValues(["('urn:oasis:names:tc:ebxml-regrep:StatusType:Approved')"], 'p'),
    ).toEqual(['urn:oasis:names:tc:ebxml-regrep:StatusType:Approved']);
  });

  it.each([["('a'"], ["'a"], ["'a' 'b'"], ["('a' 'b')"], ["('a') x"], ['(,)']])(
    'rejects %s',
    (value) => {
      expect(() => parseQueryValues([value], '$p')).toThrow(
        expect.objectContaining({ code: 'XDS_QUERY_INVALID' }) as Error,
      );
    },
  );

  it('codes are code^^scheme', () => {
    expect(formatQueryCode({ code: '10', codingScheme: '1.2.250.1.213.1.1.4.1' })).toBe(
      '10^^1.2.250.1.213.1.1.4.1',
    );
    expect(formatQueryCode({ code: '10' })).toBe('10');
    expect(parseQueryCode('10^^1.2.250.1.213.1.1.4.1')).toEqual({
      code: '10',
      codingScheme: '1.2.250.1.213.1.1.4.1',
    });
    expect(parseQueryCode('N')).toEqual({ code: 'N' });
  });
});
