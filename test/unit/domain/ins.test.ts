import { describe, expect, it } from 'vitest';
import {
  INS_OIDS,
  InsError,
  NavetteError,
  computeMatriculeKey,
  createIns,
  formatInsCx,
  insFromCx,
  insKindOfOid,
  insOfKind,
  insParts,
  isFictitiousInsKind,
  isValidMatricule,
  normalizeMatricule,
  parseInsCx,
  parseMatricule,
  requireInsKind,
  sameIns,
} from '../../../src/domain/index.js';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof NavetteError) return e.code;
    throw e;
  }
  return undefined;
}

describe('matricule key', () => {
  it('computes 97 - n mod 97', () => {
    expect(computeMatriculeKey('2070585756270')).toBe('97');
    expect(computeMatriculeKey('1530789876585')).toBe('13');
    expect(computeMatriculeKey('1570693296428')).toBe('81');
    expect(computeMatriculeKey('1000175001001')).toBe('44');
  });

  it('counts 2A as 19 and 2B as 18 (Corsica)', () => {
    expect(computeMatriculeKey('185022A004123')).toBe('08');
    expect(computeMatriculeKey('285122B012045')).toBe('80');
    // The same digits with department 20 (Corsica before 1976) give another key.
    expect(computeMatriculeKey('1850220004123')).not.toBe('08');
  });

  it('refuses a body that is not 13 characters', () => {
    expect(codeOf(() => computeMatriculeKey('123'))).toBe('INS_CHARS');
    expect(codeOf(() => computeMatriculeKey('18502AA004123'))).toBe('INS_CHARS');
  });
});

describe('parseMatricule', () => {
  it('decodes a valid matricule', () => {
    const p = parseMatricule('207058575627097');
    expect(p).toMatchObject({
      value: '207058575627097',
      body: '2070585756270',
      key: '97',
      sex: 'F',
      birthYear: '07',
      birthMonth: '05',
      monthKnown: true,
      department: '85',
      commune: '756',
      order: '270',
      bornAbroad: false,
      overseas: false,
      corsica: false,
    });
  });

  it('normalises spaces and lower-case Corsican letters', () => {
    expect(normalizeMatricule(' 1 85 02 2a 004 123 08 ')).toBe('185022A00412308');
    expect(parseMatricule('1 85 02 2a 004 123 08')).toMatchObject({
      department: '2A',
      corsica: true,
      sex: 'M',
    });
    expect(parseMatricule('2 85 12 2B 012 045 80').department).toBe('2B');
  });

  it('accepts department 20 (Corsica before 1976), overseas, abroad and pseudo-months', () => {
    expect(parseMatricule('185022004123421').department).toBe('20');
    expect(parseMatricule('293129710100863')).toMatchObject({
      department: '971',
      commune: '01',
      order: '008',
      overseas: true,
    });
    expect(parseMatricule('169039935012305')).toMatchObject({
      department: '99',
      commune: '350',
      bornAbroad: true,
    });
    expect(parseMatricule('255237512345635')).toMatchObject({
      birthMonth: '23',
      monthKnown: false,
    });
  });

  it('rejects wrong lengths', () => {
    expect(codeOf(() => parseMatricule('20705857562709'))).toBe('INS_LENGTH');
    expect(codeOf(() => parseMatricule('2070585756270977'))).toBe('INS_LENGTH');
    expect(codeOf(() => parseMatricule('2070585756270'))).toBe('INS_LENGTH');
  });

  it('rejects empty input and bad characters', () => {
    expect(codeOf(() => parseMatricule('   '))).toBe('INS_EMPTY');
    expect(codeOf(() => parseMatricule('20705857562709X'))).toBe('INS_CHARS');
    expect(codeOf(() => parseMatricule('2070-585756270'))).toBe('INS_CHARS');
    expect(codeOf(() => parseMatricule('1850A2A00412308'))).toBe('INS_CHARS');
    expect(codeOf(() => parseMatricule('185023A00412308'))).toBe('INS_CHARS');
    expect(codeOf(() => parseMatricule('185022A0041230B'))).toBe('INS_CHARS');
  });

  it('rejects a wrong key, including a one-digit typo', () => {
    expect(codeOf(() => parseMatricule('207058575627098'))).toBe('INS_KEY_INVALID');
    expect(codeOf(() => parseMatricule('207058575672097'))).toBe('INS_KEY_INVALID');
    // Corsica computed without the 2A substitution is wrong.
    expect(codeOf(() => parseMatricule('185022A00412321'))).toBe('INS_KEY_INVALID');
  });

  it('checks plausibility of sex, month, department, commune and order', () => {
    expect(codeOf(() => parseMatricule('507058575627097'))).toBe('INS_SEX_INVALID');
    expect(codeOf(() => parseMatricule('207008575627097'))).toBe('INS_MONTH_INVALID');
    expect(codeOf(() => parseMatricule('207138575627097'))).toBe('INS_MONTH_INVALID');
    expect(codeOf(() => parseMatricule('207458575627097'))).toBe('INS_MONTH_INVALID');
    expect(codeOf(() => parseMatricule('207050075627097'))).toBe('INS_DEPARTMENT_INVALID');
    expect(codeOf(() => parseMatricule('207059790127097'))).toBe('INS_DEPARTMENT_INVALID');
    expect(codeOf(() => parseMatricule('207058500027097'))).toBe('INS_COMMUNE_INVALID');
    expect(codeOf(() => parseMatricule('207059710027097'))).toBe('INS_COMMUNE_INVALID');
    expect(codeOf(() => parseMatricule('207058575600097'))).toBe('INS_ORDER_INVALID');
  });

  it('gives French messages that never quote the matricule', () => {
    try {
      parseMatricule('207058575627098');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InsError);
      const err = e as InsError;
      expect(err.message).toContain('clé');
      expect(err.message).not.toContain('207058575627098');
      expect(JSON.stringify(err.toJSON())).not.toContain('2070585756270');
    }
  });

  it('isValidMatricule mirrors parseMatricule', () => {
    expect(isValidMatricule('207058575627097')).toBe(true);
    expect(isValidMatricule('207058575627096')).toBe(false);
  });
});

describe('INS OIDs and INS values', () => {
  it('maps each OID to its kind', () => {
    expect(insKindOfOid('1.2.250.1.213.1.4.8')).toBe('NIR');
    expect(insKindOfOid('1.2.250.1.213.1.4.9')).toBe('NIA');
    expect(insKindOfOid('1.2.250.1.213.1.4.10')).toBe('NIR_TEST');
    expect(insKindOfOid('1.2.250.1.213.1.4.11')).toBe('NIR_DEMO');
    expect(insKindOfOid('1.2.250.1.213.1.4.2')).toBeUndefined();
    expect(codeOf(() => requireInsKind('1.2.250.1.213.1.4.12'))).toBe('INS_OID_UNKNOWN');
    expect(isFictitiousInsKind('NIR_TEST')).toBe(true);
    expect(isFictitiousInsKind('NIR')).toBe(false);
  });

  it('creates an INS from a matricule and an OID', () => {
    const ins = createIns('2 07 05 85 756 270 97', INS_OIDS.NIR_TEST);
    expect(ins).toEqual({
      matricule: '207058575627097',
      oid: '1.2.250.1.213.1.4.10',
      kind: 'NIR_TEST',
    });
    expect(insParts(ins).sex).toBe('F');
    expect(sameIns(ins, insOfKind('207058575627097', 'NIR_TEST'))).toBe(true);
    expect(sameIns(ins, insOfKind('207058575627097', 'NIR'))).toBe(false);
    expect(insOfKind('169039935012305', 'NIA').oid).toBe('1.2.250.1.213.1.4.9');
    expect(codeOf(() => createIns('207058575627097', '1.2.3'))).toBe('INS_OID_UNKNOWN');
  });
});

describe('INS CX form', () => {
  it('parses and formats both ways', () => {
    const cx = '207058575627097^^^&1.2.250.1.213.1.4.10&ISO^NH';
    const parsed = parseInsCx(cx);
    expect(parsed.ins).toEqual({
      matricule: '207058575627097',
      oid: '1.2.250.1.213.1.4.10',
      kind: 'NIR_TEST',
    });
    expect(parsed.effectiveDate).toBeUndefined();
    expect(formatInsCx(parsed.ins)).toBe(cx);
    expect(formatInsCx(insFromCx('185022A00412308^^^&1.2.250.1.213.1.4.8&ISO^NH'))).toBe(
      '185022A00412308^^^&1.2.250.1.213.1.4.8&ISO^NH',
    );
  });

  it('keeps the CX.7 effective date of the official samples', () => {
    const parsed = parseInsCx('207058575627097^^^&1.2.250.1.213.1.4.10&ISO^NH^^20100907');
    expect(parsed.effectiveDate).toBe('20100907');
    expect(formatInsCx(parsed.ins, { effectiveDate: '20100907' })).toBe(
      '207058575627097^^^&1.2.250.1.213.1.4.10&ISO^NH^^20100907',
    );
    expect(
      parseInsCx('207058575627097^^^&1.2.250.1.213.1.4.10&ISO^NH^^20210604092415^20301231')
        .expirationDate,
    ).toBe('20301231');
  });

  it('rejects malformed values with precise codes', () => {
    expect(codeOf(() => parseInsCx(''))).toBe('INS_CX_MALFORMED');
    expect(codeOf(() => parseInsCx('207058575627097'))).toBe('INS_CX_MALFORMED');
    expect(codeOf(() => parseInsCx('207058575627097^^^1.2.250.1.213.1.4.10^NH'))).toBe(
      'INS_CX_MALFORMED',
    );
    expect(codeOf(() => parseInsCx('207058575627097^^^&1.2.250.1.213.1.4.10&DNS^NH'))).toBe(
      'INS_CX_MALFORMED',
    );
    expect(codeOf(() => parseInsCx('207058575627097^1^^&1.2.250.1.213.1.4.10&ISO^NH'))).toBe(
      'INS_CX_MALFORMED',
    );
    expect(codeOf(() => parseInsCx('^^^&1.2.250.1.213.1.4.10&ISO^NH'))).toBe('INS_CX_MALFORMED');
    expect(codeOf(() => parseInsCx('207058575627097^^^&1.2.250.1.213.1.4.10&ISO^NH^^2010'))).toBe(
      'INS_CX_MALFORMED',
    );
    expect(codeOf(() => parseInsCx('207058575627097^^^&1.2.250.1.213.1.4.10&ISO^PI'))).toBe(
      'INS_CX_TYPE',
    );
    expect(codeOf(() => parseInsCx('207058575627097^^^&1.2.250.1.213.1.4.2&ISO^NH'))).toBe(
      'INS_OID_UNKNOWN',
    );
    expect(codeOf(() => parseInsCx('207058575627096^^^&1.2.250.1.213.1.4.10&ISO^NH'))).toBe(
      'INS_KEY_INVALID',
    );
    expect(
      codeOf(() =>
        formatInsCx(insOfKind('207058575627097', 'NIR_TEST'), { effectiveDate: 'hier' }),
      ),
    ).toBe('INS_CX_MALFORMED');
  });
});
