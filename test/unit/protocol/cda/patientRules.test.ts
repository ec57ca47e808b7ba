// Patient rules (CDA-CISIS §1.2): INS roots and key (domain/ins), INS traits, name qualifiers,
// birth time, sex (JDV_J143), and the consistency warnings between the INS and the traits.
import { describe, expect, it } from 'vitest';
import { codes, edit, headerProblems } from './cdaTestSupport.js';

const INS_ID = '<id extension="279035121518989" root="1.2.250.1.213.1.4.10"/>';
const errors = (xml: string) => codes(headerProblems(xml), 'error');
const warnings = (xml: string) => codes(headerProblems(xml), 'warning');

describe('patient identifiers', () => {
  it('checks the INS key with the domain rules and never quotes the matricule', () => {
    const xml = edit(INS_ID, '<id extension="279035121518988" root="1.2.250.1.213.1.4.10"/>');
    const problems = headerProblems(xml).filter((p) => p.severity === 'error');
    expect(problems.map((p) => [p.code, p.element])).toEqual([
      ['CDA_PATIENT_INS_KEY', '/ClinicalDocument/recordTarget/patientRole/id[1]'],
    ]);
    expect(problems[0]?.message).toContain('clé');
    expect(problems[0]?.message).not.toContain('279035121518988');
  });

  it('reports other malformed matricules with their own code', () => {
    expect(
      errors(edit(INS_ID, '<id extension="2790351215189" root="1.2.250.1.213.1.4.10"/>')),
    ).toEqual(['CDA_PATIENT_INS_INVALID']);
  });

  it('requires an INS among the ids, with root and extension on every id', () => {
    expect(errors(edit(INS_ID, ''))).toEqual(['CDA_PATIENT_INS_MISSING']);
    expect(errors(edit(INS_ID, '<id root="1.2.250.1.213.1.4.10"/>'))).toEqual([
      'CDA_PATIENT_ID',
      'CDA_PATIENT_INS_MISSING',
    ]);
  });

  it('warns on a test INS, not on a production one', () => {
    expect(warnings(edit(INS_ID, INS_ID))).toContain('CDA_PATIENT_INS_TEST');
    const production = edit(INS_ID, '<id extension="279035121518989" root="1.2.250.1.213.1.4.8"/>');
    expect(warnings(production)).not.toContain('CDA_PATIENT_INS_TEST');
    expect(errors(production)).toEqual([]);
  });
});

describe('INS traits', () => {
  it('requires the birth family name, the first birth given name and the list of given names', () => {
    expect(
      errors(edit('<family qualifier="BR">PAT-TROIS</family>', '<family>PAT-TROIS</family>')),
    ).toEqual(['CDA_PATIENT_INS_BIRTH_NAME']);
    expect(errors(edit('<given qualifier="BR">DOMINIQUE</given>', ''))).toEqual([
      'CDA_PATIENT_INS_FIRST_GIVEN',
    ]);
    expect(errors(edit('<given>DOMINIQUE MARIE-LOUISE</given>', ''))).toEqual([
      'CDA_PATIENT_INS_GIVEN_LIST',
    ]);
  });

  it('requires the birth place code when an INS is present, not otherwise', () => {
    const noPlace = edit('<county>51215</county>', '');
    expect(errors(noPlace)).toEqual(['CDA_PATIENT_INS_BIRTHPLACE']);
    const local = '<id extension="1234567890121" root="1.2.3.4.567.8.9.10"/>';
    expect(errors(edit(INS_ID, '', noPlace))).toEqual(['CDA_PATIENT_INS_MISSING']);
    expect(errors(edit(INS_ID, '', noPlace))).not.toContain('CDA_PATIENT_INS_BIRTHPLACE');
    expect(noPlace).toContain(local);
  });

  it('still requires the traits when the INS key is wrong', () => {
    const wrongKey = edit(INS_ID, '<id extension="279035121518988" root="1.2.250.1.213.1.4.10"/>');
    expect(errors(edit('<county>51215</county>', '', wrongKey))).toEqual([
      'CDA_PATIENT_INS_KEY',
      'CDA_PATIENT_INS_BIRTHPLACE',
    ]);
  });

  it('refuses name qualifiers other than BR and CL', () => {
    expect(
      errors(
        edit(
          '<family qualifier="CL">PAT-TROIS</family>',
          '<family qualifier="SP">PAT-TROIS</family>',
        ),
      ),
    ).toEqual(['CDA_PATIENT_NAME_QUALIFIER']);
  });

  it('requires a birth time and a J143 sex', () => {
    expect(
      errors(edit('<birthTime value="19790328"/>', '<birthTime value="1979-03-28"/>')),
    ).toEqual(['CDA_PATIENT_BIRTH_TIME']);
    const gender = /<administrativeGenderCode[^>]*\/>/;
    expect(
      errors(
        edit(gender, '<administrativeGenderCode code="X" codeSystem="2.16.840.1.113883.5.1"/>'),
      ),
    ).toEqual(['CDA_PATIENT_GENDER_UNKNOWN']);
    expect(errors(edit(gender, ''))).toEqual(['CDA_PATIENT_GENDER_MISSING']);
  });

  it('warns when the sex or the birth month disagree with the matricule', () => {
    const male = edit(
      /<administrativeGenderCode[^>]*\/>/,
      '<administrativeGenderCode code="M" codeSystem="2.16.840.1.113883.5.1"/>',
    );
    expect(warnings(male)).toContain('CDA_PATIENT_INS_SEX_MISMATCH');
    expect(
      warnings(edit('<birthTime value="19790328"/>', '<birthTime value="19790428"/>')),
    ).toContain('CDA_PATIENT_INS_BIRTH_MISMATCH');
  });
});
