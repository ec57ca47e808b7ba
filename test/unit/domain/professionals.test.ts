import { describe, expect, it } from 'vitest';
import {
  NavetteError,
  ProfessionalIdError,
  finessCheckDigitValid,
  formatIdNatPs,
  formatStructureId,
  isValidIdNatPs,
  isValidRpps,
  isValidSiren,
  isValidSiret,
  isValidStructureId,
  luhnCheckDigit,
  luhnValid,
  parseIdNatPs,
  parseStructureId,
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

describe('Luhn and registry numbers', () => {
  it('checks Luhn', () => {
    expect(luhnValid('79927398713')).toBe(true);
    expect(luhnValid('79927398710')).toBe(false);
    expect(luhnValid('')).toBe(false);
    expect(luhnValid('12a')).toBe(false);
    expect(luhnCheckDigit('7992739871')).toBe('3');
  });

  it('validates SIREN and SIRET, with the La Poste exception', () => {
    expect(isValidSiren('732829320')).toBe(true);
    expect(isValidSiren('732829321')).toBe(false);
    expect(isValidSiren('73282932')).toBe(false);
    expect(isValidSiret('73282932000074')).toBe(true);
    expect(isValidSiret('73282932000075')).toBe(false);
    // La Poste: digit sum multiple of 5, Luhn not applicable.
    expect(isValidSiret('35600000049837')).toBe(true);
    expect(isValidSiret('35600000049838')).toBe(false);
  });

  it('validates FINESS keys when all digits, and reports letters as not applicable', () => {
    expect(finessCheckDigitValid('750803447')).toBe(true);
    expect(finessCheckDigitValid('750803448')).toBe(false);
    expect(finessCheckDigitValid('2A0000014')).toBeNull();
    expect(finessCheckDigitValid('75080344')).toBe(false);
  });

  it('validates RPPS keys', () => {
    expect(isValidRpps('99900063480')).toBe(true);
    expect(isValidRpps('01234567897')).toBe(true);
    expect(isValidRpps('01234567898')).toBe(false);
  });
});

describe('idNat_PS', () => {
  it('parses the test card RPPS id', () => {
    expect(parseIdNatPs('899900063480')).toEqual({
      value: '899900063480',
      kind: 'RPPS',
      number: '99900063480',
      checkDigitValid: true,
    });
    expect(parseIdNatPs(' 801234567897 ').value).toBe('801234567897');
  });

  it('parses ADELI and the structure/internal forms', () => {
    expect(parseIdNatPs('0751234567')).toMatchObject({
      kind: 'ADELI',
      number: '751234567',
      checkDigitValid: null,
    });
    expect(parseIdNatPs('02A1234567')).toMatchObject({ kind: 'ADELI', number: '2A1234567' });
    expect(parseIdNatPs('3750803447/INT-042')).toMatchObject({
      kind: 'FINESS_INTERNAL',
      number: '750803447',
      internalId: 'INT-042',
      checkDigitValid: true,
    });
    expect(parseIdNatPs('4732829320/77')).toMatchObject({
      kind: 'SIREN_INTERNAL',
      internalId: '77',
    });
    expect(parseIdNatPs('573282932000074/A1')).toMatchObject({
      kind: 'SIRET_INTERNAL',
      number: '73282932000074',
    });
    expect(parseIdNatPs('1CAB123/9')).toMatchObject({
      kind: 'CABINET_ADELI_INTERNAL',
      number: 'CAB123',
    });
    expect(parseIdNatPs('699900063480001/2')).toMatchObject({ kind: 'CABINET_RPPS_INTERNAL' });
  });

  it('formats', () => {
    expect(formatIdNatPs('RPPS', '99900063480')).toBe('899900063480');
    expect(formatIdNatPs('FINESS_INTERNAL', '750803447', 'X1')).toBe('3750803447/X1');
    expect(codeOf(() => formatIdNatPs('RPPS', '99900063481'))).toBe('PS_ID_CHECK_DIGIT');
  });

  it('rejects malformed ids with stable codes', () => {
    expect(codeOf(() => parseIdNatPs(''))).toBe('PS_ID_EMPTY');
    expect(codeOf(() => parseIdNatPs('999900063480'))).toBe('PS_ID_PREFIX_UNKNOWN');
    expect(codeOf(() => parseIdNatPs('89990006348'))).toBe('PS_ID_FORMAT');
    expect(codeOf(() => parseIdNatPs('8999000634800'))).toBe('PS_ID_FORMAT');
    expect(codeOf(() => parseIdNatPs('075123456'))).toBe('PS_ID_FORMAT');
    expect(codeOf(() => parseIdNatPs('3750803447'))).toBe('PS_ID_FORMAT');
    expect(codeOf(() => parseIdNatPs('3750803447/'))).toBe('PS_ID_FORMAT');
    expect(codeOf(() => parseIdNatPs('37508034/1'))).toBe('PS_ID_FORMAT');
    expect(codeOf(() => parseIdNatPs('899900063481'))).toBe('PS_ID_CHECK_DIGIT');
    expect(codeOf(() => parseIdNatPs('3750803448/1'))).toBe('PS_ID_CHECK_DIGIT');
  });

  it('reports a wrong key instead of throwing in lenient mode (foreign documents)', () => {
    // 801234534765 appears in official CDA examples; its RPPS key is wrong.
    expect(parseIdNatPs('801234534765', { checkDigits: 'lenient' })).toMatchObject({
      kind: 'RPPS',
      checkDigitValid: false,
    });
    expect(isValidIdNatPs('801234534765')).toBe(false);
    expect(isValidIdNatPs('801234567897')).toBe(true);
  });

  it('throws a ProfessionalIdError with a French message', () => {
    try {
      parseIdNatPs('899900063481');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ProfessionalIdError);
      expect((e as ProfessionalIdError).message).toMatch(/clé de contrôle du n° RPPS est fausse/);
    }
  });
});

describe('structure ids', () => {
  it('parses the test structure (RPPS-rang)', () => {
    expect(parseStructureId('499900063480001')).toEqual({
      value: '499900063480001',
      kind: 'RPPS_RANG',
      number: '99900063480001',
      rpps: '99900063480',
      rang: '001',
      checkDigitValid: true,
    });
  });

  it('parses FINESS, SIREN, SIRET and cabinet ADELI forms', () => {
    expect(parseStructureId('1750803447')).toMatchObject({
      kind: 'FINESS',
      number: '750803447',
      checkDigitValid: true,
    });
    expect(parseStructureId('10B0127189')).toMatchObject({
      kind: 'FINESS',
      number: '0B0127189',
      checkDigitValid: null,
    });
    expect(parseStructureId('2732829320')).toMatchObject({ kind: 'SIREN', checkDigitValid: true });
    expect(parseStructureId('373282932000074')).toMatchObject({
      kind: 'SIRET',
      checkDigitValid: true,
    });
    expect(parseStructureId('0751234567')).toMatchObject({
      kind: 'CABINET_ADELI',
      checkDigitValid: null,
    });
    expect(formatStructureId('FINESS', '750803447')).toBe('1750803447');
    expect(formatStructureId('SIRET', '35600000049837')).toBe('335600000049837');
  });

  it('rejects malformed ids and wrong keys', () => {
    expect(codeOf(() => parseStructureId(' '))).toBe('STRUCTURE_ID_EMPTY');
    expect(codeOf(() => parseStructureId('9750803447'))).toBe('STRUCTURE_ID_PREFIX_UNKNOWN');
    expect(codeOf(() => parseStructureId('175080344'))).toBe('STRUCTURE_ID_FORMAT');
    expect(codeOf(() => parseStructureId('27328293'))).toBe('STRUCTURE_ID_FORMAT');
    expect(codeOf(() => parseStructureId('37328293200007'))).toBe('STRUCTURE_ID_FORMAT');
    expect(codeOf(() => parseStructureId('49990006348'))).toBe('STRUCTURE_ID_FORMAT');
    expect(codeOf(() => parseStructureId('1750803448'))).toBe('STRUCTURE_ID_CHECK_DIGIT');
    expect(codeOf(() => parseStructureId('2732829321'))).toBe('STRUCTURE_ID_CHECK_DIGIT');
    expect(codeOf(() => parseStructureId('373282932000075'))).toBe('STRUCTURE_ID_CHECK_DIGIT');
    expect(parseStructureId('1120459876', { checkDigits: 'lenient' }).checkDigitValid).toBe(false);
    expect(isValidStructureId('1120459876')).toBe(false);
    expect(isValidStructureId('499900063480001')).toBe(true);
  });
});
