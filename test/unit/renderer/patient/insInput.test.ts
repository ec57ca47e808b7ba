import { describe, expect, it } from 'vitest';
import {
  formatIns,
  parseInsInput,
  patientFragment,
  patientOfParam,
} from '../../../../src/renderer/patient/insInput.js';
import { patientViewFragment } from '../../../../src/api/patientView.js';

describe('parseInsInput', () => {
  it('accepts an INS typed with spaces, dots, dashes or non-breaking spaces', () => {
    for (const raw of [
      '1 84 12 75 123 456 78',
      '184127512345678',
      ' 1.84.12-75 123\u00a0456 78 ',
    ]) {
      expect(parseInsInput(raw)).toEqual({ ok: true, matricule: '184127512345678' });
    }
  });

  it('accepts Corsican INS in lower case', () => {
    expect(parseInsInput('1 88 10 2b 172 951 65')).toEqual({
      ok: true,
      matricule: '188102B17295165',
    });
  });

  it('refuses empty, short, long and lettered input with a French sentence', () => {
    const empty = parseInsInput('   ');
    expect(empty).toEqual({ ok: false, message: "Saisissez l'INS du patient (15 caractères)." });
    const short = parseInsInput('1841275123456');
    expect(short.ok).toBe(false);
    if (!short.ok) expect(short.message).toContain('vous en avez saisi 13');
    const letters = parseInsInput('18412751234567X');
    expect(letters.ok).toBe(false);
    if (!letters.ok) expect(letters.message).toContain('que des chiffres');
    const shape = parseInsInput('584127512345678');
    expect(shape.ok).toBe(false);
    if (!shape.ok)
      expect(shape.message).toBe("Ce numéro n'a pas la forme d'un INS. Vérifiez la saisie.");
  });

  it('groups an INS as on the carte Vitale', () => {
    expect(formatIns('184127512345678')).toBe('1 84 12 75 123 456 78');
    expect(formatIns('abc')).toBe('abc');
  });
});

describe('patientOfParam', () => {
  it('reads what follows #patient/, with or without the OID', () => {
    expect(patientOfParam('207058575627097')).toEqual({ matricule: '207058575627097' });
    expect(patientOfParam('188102b17295165?oid=1.2.250.1.213.1.4.8')).toEqual({
      matricule: '188102B17295165',
      oid: '1.2.250.1.213.1.4.8',
    });
  });

  it('refuses what is not an INS, or a query that is not an OID', () => {
    expect(patientOfParam(undefined)).toBeUndefined();
    expect(patientOfParam('12345')).toBeUndefined();
    expect(patientOfParam('207058575627097?oid=abc')).toBeUndefined();
    expect(patientOfParam('207058575627097?x=1')).toBeUndefined();
  });

  it('reads back what src/api/patientView.ts writes for navette:// links', () => {
    const link = { matricule: '207058575627097', oid: '1.2.250.1.213.1.4.10' };
    const param = patientViewFragment(link).replace(/^#\/patient\//, '');
    expect(patientOfParam(decodeURIComponent(param))).toEqual(link);
    expect(patientFragment('207058575627097')).toBe('#patient/207058575627097');
  });
});
