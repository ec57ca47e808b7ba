import { describe, expect, it } from 'vitest';
import {
  escapeHl7,
  formatCodedAttribute,
  formatSourcePatientInfo,
  formatXcn,
  formatXon,
  parseCodedAttribute,
  parseSourcePatientInfo,
  parseXcn,
  parseXon,
  unescapeHl7,
} from '../../../../src/protocol/xds/index.js';

describe('XCN (authorPerson, legalAuthenticator)', () => {
  it('writes the DMP form of the samples', () => {
    expect(formatXcn({ id: '899900063480', family: 'MAX', given: 'LIBRE' })).toBe(
      '899900063480^MAX^LIBRE^^^^^^&1.2.250.1.71.4.2.1&ISO^D^^^IDNPS',
    );
    expect(
      formatXcn({ id: '801234567897', family: 'MEDIONI', given: 'Stéphane', prefix: 'Dr' }),
    ).toBe('801234567897^MEDIONI^Stéphane^^^Dr^^^&1.2.250.1.71.4.2.1&ISO^D^^^IDNPS');
  });

  it('reads back what it writes, escaping delimiters inside names', () => {
    const person = { id: '8123', family: "D'ARC^&|~\\", given: 'Jeanne' };
    const xcn = formatXcn(person);
    expect(xcn.split('^')).toHaveLength(13);
    expect(parseXcn(xcn)).toEqual({
      ...person,
      assigningAuthorityOid: '1.2.250.1.71.4.2.1',
      nameTypeCode: 'D',
      identifierTypeCode: 'IDNPS',
    });
    expect(parseXcn('123')).toEqual({ id: '123' });
  });
});

describe('XON (authorInstitution)', () => {
  it('writes and reads the DMP form', () => {
    const xon = formatXon({ name: 'CABINET DR LIBRE', id: '499900063480001' });
    expect(xon).toBe('CABINET DR LIBRE^^^^^&1.2.250.1.71.4.2.2&ISO^IDNST^^^499900063480001');
    expect(parseXon(xon)).toEqual({
      name: 'CABINET DR LIBRE',
      id: '499900063480001',
      assigningAuthorityOid: '1.2.250.1.71.4.2.2',
      identifierTypeCode: 'IDNST',
    });
    expect(formatXon({ name: 'Sans identifiant' })).toBe('Sans identifiant');
    expect(parseXon('Sans identifiant')).toEqual({ name: 'Sans identifiant' });
  });
});

describe('coded attributes and escaping', () => {
  it('authorSpecialty code^display^scheme', () => {
    const value = 'G15_10/SM26^Médecin - Qualifié en Médecine Générale (SM)^1.2.250.1.213.1.1.4.5';
    expect(parseCodedAttribute(value)).toEqual({
      code: 'G15_10/SM26',
      displayName: 'Médecin - Qualifié en Médecine Générale (SM)',
      codingScheme: '1.2.250.1.213.1.1.4.5',
    });
    expect(formatCodedAttribute(parseCodedAttribute(value))).toBe(value);
    expect(parseCodedAttribute('X')).toEqual({ code: 'X' });
  });

  it('escapes and unescapes every delimiter', () => {
    expect(escapeHl7('a^b&c|d~e\\f')).toBe('a\\S\\b\\T\\c\\F\\d\\R\\e\\E\\f');
    expect(unescapeHl7(escapeHl7('a^b&c|d~e\\f'))).toBe('a^b&c|d~e\\f');
  });
});

describe('sourcePatientInfo', () => {
  it('writes PID-5, PID-7, PID-8 as in the TD2.1 sample and reads them in any order', () => {
    const values = formatSourcePatientInfo({
      family: 'patb-quatre',
      given: 'LAURENCE',
      birthDate: '19070525',
      sex: 'F',
    });
    expect(values).toEqual(['PID-5|patb-quatre^LAURENCE^^^^^L', 'PID-7|19070525', 'PID-8|F']);
    expect(
      parseSourcePatientInfo([
        'PID-8|F',
        'PID-7|19790328',
        'PID-5|PAT-TROIS^DOMINIQUE^^^^^L',
        'bogus',
      ]),
    ).toEqual({
      family: 'PAT-TROIS',
      given: 'DOMINIQUE',
      nameTypeCode: 'L',
      birthDate: '19790328',
      sex: 'F',
    });
    expect(formatSourcePatientInfo({ sex: 'M' })).toEqual(['PID-8|M']);
  });
});
