// The patient's traits in the metadata JSON come from the document's sourcePatientInfo
// (PID-5 names, PID-7 birth date, PID-8 sex), as the DMP returns it.
import { describe, expect, it } from 'vitest';
import { importMetadataBytes, traitsOf } from '../../../../src/app/import/index.js';

describe('patient traits of the metadata JSON', () => {
  it('reads PID-5, PID-7 and PID-8', () => {
    expect(traitsOf(['PID-5|PAT-TROIS^DOMINIQUE^^^^^L', 'PID-7|19790328', 'PID-8|F'])).toEqual({
      family: 'PAT-TROIS',
      given: 'DOMINIQUE',
      birthDate: '1979-03-28',
      sex: 'F',
    });
  });

  it('keeps the first name line (the birth name) and skips what is missing or unreadable', () => {
    expect(
      traitsOf(['PID-5|NAISSANCE^ANNE^^^^^L', 'PID-5|USAGE^ANNE^^^^^D', 'PID-7|1979']),
    ).toEqual({ family: 'NAISSANCE', given: 'ANNE' });
    expect(traitsOf(undefined)).toEqual({});
    expect(traitsOf(['PID-8|', 'garbage'])).toEqual({});
  });

  it('is pretty UTF-8 JSON with a final newline', () => {
    const bytes = importMetadataBytes({ title: 'Échographie' } as never);
    expect(Buffer.from(bytes).toString('utf8')).toBe('{\n  "title": "Échographie"\n}\n');
  });
});
