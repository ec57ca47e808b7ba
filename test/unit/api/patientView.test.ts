import { describe, expect, it } from 'vitest';
import { patientLinkOfFragment, patientViewFragment } from '../../../src/api/patientView.js';

describe('patient view route', () => {
  it('round-trips a link and ignores other routes', () => {
    const link = { matricule: '279035121518989', oid: '1.2.250.1.213.1.4.10' };
    expect(patientViewFragment(link)).toBe('#/patient/279035121518989?oid=1.2.250.1.213.1.4.10');
    expect(patientLinkOfFragment(patientViewFragment(link))).toEqual(link);
    expect(patientLinkOfFragment('#/patient/279035121518989')).toEqual({
      matricule: '279035121518989',
    });
    expect(patientLinkOfFragment('#/envois')).toBeUndefined();
    expect(patientLinkOfFragment('#/patient/<script>')).toBeUndefined();
    expect(patientLinkOfFragment('#/patient/%E0%A4%A')).toBeUndefined();
  });
});
