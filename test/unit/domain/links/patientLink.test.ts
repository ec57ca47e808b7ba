import { describe, expect, it } from 'vitest';
import { formatPatientLink, parsePatientLink } from '../../../../src/domain/links/patientLink.js';
import { INS_OIDS } from '../../../../src/domain/ins/insOids.js';

describe('patient links', () => {
  it('reads navette://patient/<INS>, with spaces and an optional OID, and writes it back', () => {
    expect(parsePatientLink('navette://patient/279035121518989')).toEqual({
      matricule: '279035121518989',
    });
    expect(parsePatientLink('navette://patient/2%2079%2003%2051%20215%20189%2089')).toEqual({
      matricule: '279035121518989',
    });
    const link = { matricule: '279035121518989', oid: INS_OIDS.NIR_TEST };
    expect(parsePatientLink(formatPatientLink(link))).toEqual(link);
  });

  it('refuses anything else with a French reason', () => {
    for (const bad of [
      'https://patient/279035121518989',
      'navette://document/279035121518989',
      'navette://patient/',
      'navette://patient/279035121518989/extra',
      'navette://patient/279035121518989?action=delete',
      'navette://patient/279035121518989?oid=1.2.3',
      'navette://user:pw@patient/279035121518989',
      'navette://patient/%E0%A4%A',
      `navette://patient/${'1'.repeat(600)}`,
    ]) {
      expect(() => parsePatientLink(bad), bad).toThrow(/Lien patient illisible/);
    }
    // A wrong key is an INS problem, said as such.
    expect(() => parsePatientLink('navette://patient/279035121518988')).toThrow(/clé|INS/i);
  });
});
