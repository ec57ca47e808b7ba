// CDA times (parse, UTC conversion for XDS, formatting with the Paris offset) and the SVS
// value-set reader.
import { describe, expect, it } from 'vitest';
import { CdaError } from '../../../../src/protocol/cda/CdaError.js';
import { cdaTimeToUtc, formatCdaTime, parseCdaTime } from '../../../../src/protocol/cda/cdaTime.js';
import {
  CDA_VALUE_SET_OIDS,
  loadCdaValueSets,
  parseValueSet,
} from '../../../../src/protocol/cda/valueSets.js';
import { bundledValueSets } from './cdaTestSupport.js';

describe('CDA times', () => {
  it('parses TS values and rejects impossible ones', () => {
    expect(parseCdaTime('20200312111700+0100')).toEqual({
      value: '20200312111700+0100',
      digits: '20200312111700',
      offsetMinutes: 60,
    });
    expect(parseCdaTime('20200312111700.123-0330')?.offsetMinutes).toBe(-210);
    expect(parseCdaTime('1979')?.digits).toBe('1979');
    for (const bad of [
      '2020031',
      '20201312',
      '20200230250000',
      '20200312111700+100',
      '2020-03-12',
      '',
      '20200312.5',
    ]) {
      expect(parseCdaTime(bad)).toBeUndefined();
    }
  });

  it('converts to UTC with the written offset (the ANS VSM example: 11:17+01:00 → 10:17Z)', () => {
    expect(cdaTimeToUtc('20200312111700+0100')).toBe('20200312101700');
    expect(cdaTimeToUtc('202302091130+0100')).toBe('202302091030');
    expect(cdaTimeToUtc('20200101003000+0200')).toBe('20191231223000');
    expect(cdaTimeToUtc('20200101230000-0500')).toBe('20200102040000');
  });

  it('takes a time without offset as Paris time (winter and summer) and leaves dates alone', () => {
    expect(cdaTimeToUtc('20240115120000')).toBe('20240115110000');
    expect(cdaTimeToUtc('20240715120000')).toBe('20240715100000');
    expect(cdaTimeToUtc('20240715120000', 'UTC')).toBe('20240715120000');
    expect(cdaTimeToUtc('19790328')).toBe('19790328');
    expect(cdaTimeToUtc('bad')).toBeUndefined();
  });

  it('formats a Date with second precision and the Paris offset of that day', () => {
    expect(formatCdaTime(new Date('2024-05-01T08:15:00Z'))).toBe('20240501101500+0200');
    expect(formatCdaTime(new Date('2024-01-15T08:15:00.900Z'))).toBe('20240115091500+0100');
    expect(formatCdaTime(new Date('2024-01-15T08:15:00Z'), 'America/New_York')).toBe(
      '20240115031500-0500',
    );
  });
});

describe('value sets', () => {
  it('recognises the eight bundled sets by OID', () => {
    const sets = bundledValueSets();
    for (const [key, oid] of Object.entries(CDA_VALUE_SET_OIDS)) {
      expect(sets[key as keyof typeof CDA_VALUE_SET_OIDS].oid).toBe(oid);
    }
    expect(sets.J07_TYPE_CODE.name).toBe('JDV_J07_XdsTypeCode_CISIS');
    expect(sets.J07_TYPE_CODE.concepts).toHaveLength(116);
    expect(sets.J07_TYPE_CODE.find('SYNTH', '1.2.250.1.213.1.1.4.12')?.displayName).toBe(
      'Synthèse',
    );
    expect(sets.J07_TYPE_CODE.find('SYNTH', '2.16.840.1.113883.6.1')).toBeUndefined();
    expect(sets.J04_PRACTICE_SETTING.withCode('AMBULATOIRE')[0]?.codeSystem).toBe(
      '1.2.250.1.213.1.1.4.9',
    );
  });

  it('reports a missing set and an unreadable file', () => {
    const only = `<RetrieveValueSetResponse xmlns="urn:ihe:iti:svs:2008"><ValueSet id="${CDA_VALUE_SET_OIDS.J07_TYPE_CODE}" displayName="X.tabs"><ConceptList><Concept code="A" codeSystem="1.2" displayName="a"/></ConceptList></ValueSet></RetrieveValueSetResponse>`;
    expect(parseValueSet(only).concepts).toEqual([
      { code: 'A', codeSystem: '1.2', displayName: 'a' },
    ]);
    expect(() => loadCdaValueSets([only])).toThrow(CdaError);
    try {
      loadCdaValueSets([only]);
    } catch (e) {
      expect((e as CdaError).code).toBe('CDA_VALUE_SET_MISSING');
    }
    expect(() => parseValueSet('<ValueSet')).toThrow(/illisible/);
    expect(() => parseValueSet('<ValueSet/>')).toThrow(/ValueSet@id/);
  });
});
