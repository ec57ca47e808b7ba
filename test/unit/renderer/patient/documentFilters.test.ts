import { describe, expect, it } from 'vitest';
import {
  EMPTY_FILTERS,
  filterDocuments,
  groupByLot,
  kindOptions,
  searchRequestOf,
} from '../../../../src/renderer/patient/documentFilters.js';
import { summary } from './fixtures.js';

const base = { patient: { ins: '184127512345678' }, access: { mode: 'normal' as const } };

describe('searchRequestOf', () => {
  it('asks the first look when no date is chosen', () => {
    expect(searchRequestOf(base, EMPTY_FILTERS)).toEqual({ ...base, allStatuses: false });
  });

  it('passes the date, the statuses, and « depuis ma dernière visite » over a date', () => {
    expect(
      searchRequestOf(base, { ...EMPTY_FILTERS, since: '2024-01-01', allStatuses: true }),
    ).toEqual({
      ...base,
      allStatuses: true,
      since: '2024-01-01',
    });
    expect(
      searchRequestOf(base, { ...EMPTY_FILTERS, since: '2024-01-01', sinceLastVisit: true }).since,
    ).toBe('last-visit');
  });
});

describe('filterDocuments', () => {
  const cr = summary({ uniqueId: 'a', creationTime: '20240110080000' });
  const bio = summary({
    uniqueId: 'b',
    creationTime: '20240220080000',
    typeCode: { code: '11502-2', codeSystem: 'LOINC', displayName: 'Biologie' },
    classCode: { code: '11', codeSystem: 'x', displayName: 'Résultat' },
  });

  it('keeps a class or a type, and documents up to a day', () => {
    expect(filterDocuments([cr, bio], { ...EMPTY_FILTERS, kind: 'type:11502-2' })).toEqual([bio]);
    expect(filterDocuments([cr, bio], { ...EMPTY_FILTERS, kind: 'class:10' })).toEqual([cr]);
    expect(filterDocuments([cr, bio], { ...EMPTY_FILTERS, until: '2024-01-31' })).toEqual([cr]);
    expect(filterDocuments([cr, bio], EMPTY_FILTERS)).toEqual([cr, bio]);
  });

  it('offers the classes and types found in the list, sorted', () => {
    expect(kindOptions([bio, cr, cr])).toEqual([
      { value: 'class:10', label: 'Classe : Compte rendu' },
      { value: 'class:11', label: 'Classe : Résultat' },
      { value: 'type:11502-2', label: 'Type : Biologie' },
      { value: 'type:11488-4', label: 'Type : Compte rendu de consultation' },
    ]);
  });
});

describe('groupByLot', () => {
  it('groups by lot, newest first, documents alone in their own group', () => {
    const a = summary({ uniqueId: 'a', lot: 'L1', creationTime: '20240101000000' });
    const b = summary({ uniqueId: 'b', lot: 'L1', creationTime: '20240102000000' });
    const c = summary({ uniqueId: 'c', lot: null, creationTime: '20240103000000' });
    const d = summary({ uniqueId: 'd', lot: null, creationTime: '20231201000000' });
    const groups = groupByLot([a, b, c, d]);
    expect(groups.map((g) => [g.lot, g.documents.map((x) => x.uniqueId)])).toEqual([
      [null, ['c']],
      ['L1', ['b', 'a']],
      [null, ['d']],
    ]);
  });
});
