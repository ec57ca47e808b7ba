import { describe, expect, it } from 'vitest';
import {
  accessModeLabel,
  documentStatusLabel,
  dmpStateLabel,
  formatHl7Date,
  formatSize,
  hl7Day,
} from '../../../../src/renderer/patient/format.js';

describe('formatHl7Date', () => {
  it('shows an HL7 UTC instant in Paris time, summer and winter', () => {
    expect(formatHl7Date('20240115103000')).toBe('15/01/2024 à 11:30');
    expect(formatHl7Date('20240715223000')).toBe('16/07/2024 à 00:30');
    expect(formatHl7Date('202401151030')).toBe('15/01/2024 à 11:30');
  });

  it('shows a date without time as the date, and unreadable values as they are', () => {
    expect(formatHl7Date('20240115')).toBe('15/01/2024');
    expect(formatHl7Date(null)).toBe('date inconnue');
    expect(formatHl7Date('hier')).toBe('hier');
  });

  it('gives the day for date comparisons', () => {
    expect(hl7Day('20240115103000')).toBe('2024-01-15');
    expect(hl7Day(null)).toBeNull();
  });
});

describe('labels', () => {
  it('names every document status in French', () => {
    expect(
      (['approved', 'archived', 'deprecated', 'deleted', 'unknown'] as const).map(
        documentStatusLabel,
      ),
    ).toEqual(['approuvé', 'archivé', 'obsolète', 'supprimé', 'statut inconnu']);
  });

  it('names access modes and DMP states', () => {
    expect(accessModeLabel('bris-de-glace')).toBe('bris de glace');
    expect(accessModeLabel('centre-15')).toBe('centre de régulation (centre 15)');
    expect(dmpStateLabel('INEXISTANT')).toBe("Le patient n'a pas de DMP");
  });

  it('formats sizes', () => {
    expect(formatSize(null)).toBe('');
    expect(formatSize(500)).toBe('500 octets');
    expect(formatSize(12 * 1024)).toBe('12 ko');
    expect(formatSize(1.5 * 1024 * 1024)).toBe('1,5 Mo');
  });
});
