import { describe, expect, it } from 'vitest';
import { matrixColumn, type Requester } from '../../../src/sandbox/rights/actor.js';
import { decide, RIGHTS_FAULT, type DecisionFacts } from '../../../src/sandbox/rights/decide.js';

const GP: Requester = {
  authenticationMode: 'DIRECTE',
  card: 'CPS',
  profession: '10',
  specialty: 'SM54',
  accessMode: 'normal',
};
const NURSE: Requester = { authenticationMode: 'DIRECTE', card: 'CPS', profession: '60', accessMode: 'normal' };
const SECRETARY: Requester = { authenticationMode: 'DIRECTE', card: 'CPE', accessMode: 'normal' };
const STRUCTURE: Requester = { authenticationMode: 'INDIRECTE', accessMode: 'normal' };
const FACTS: DecisionFacts = { isMedecinTraitant: false, userId: '810001', structureId: 'S1' };

describe('matrix column of a request', () => {
  it('places each actor in its PDT-INF-526 column', () => {
    expect(matrixColumn(GP, false)).toBe('MEDECIN/normal');
    expect(matrixColumn(GP, true)).toBe('MEDECIN_TRAITANT/normal');
    expect(matrixColumn({ ...GP, accessMode: 'bris_de_glace' }, false)).toBe(
      'MEDECIN/bris_de_glace',
    );
    expect(matrixColumn({ ...GP, specialty: 'SM25' }, false)).toBe('MEDECIN_DU_TRAVAIL/normal');
    expect(matrixColumn(NURSE, false)).toBe('PS_NON_MEDECIN/normal');
    expect(matrixColumn(SECRETARY, false)).toBe('CPE/normal');
    expect(matrixColumn(STRUCTURE, false)).toBe('STRUCTURE/normal');
    expect(matrixColumn({ ...STRUCTURE, accessMode: 'centre_15' }, false)).toBe(
      'STRUCTURE/centre_15',
    );
  });

  it('has no column for a mode the matrix does not offer', () => {
    expect(matrixColumn({ ...SECRETARY, accessMode: 'bris_de_glace' }, false)).toBeUndefined();
    expect(matrixColumn({ ...STRUCTURE, accessMode: 'bris_de_glace' }, false)).toBeUndefined();
    expect(
      matrixColumn({ ...GP, specialty: 'SM25', accessMode: 'centre_15' }, false),
    ).toBeUndefined();
  });
});

describe('rights decision', () => {
  it('refuses consultation to a secretary and to a structure certificate', () => {
    for (const who of [SECRETARY, STRUCTURE]) {
      const d = decide('TD3.2/unmasked', who, FACTS);
      expect(d.allowed).toBe(false);
      if (!d.allowed) expect(d.code).toBe(RIGHTS_FAULT);
    }
    expect(decide('TD3.2/unmasked', GP, FACTS).allowed).toBe(true);
  });

  it('checks own documents, structure documents and the patient permission', () => {
    expect(decide('TD3.3c/delete', GP, { ...FACTS, documentAuthorIds: ['810001'] }).allowed).toBe(
      true,
    );
    expect(decide('TD3.3c/delete', GP, { ...FACTS, documentAuthorIds: ['899'] }).allowed).toBe(
      false,
    );
    expect(
      decide('TD3.3c/delete', STRUCTURE, { ...FACTS, documentStructureId: 'S1' }).allowed,
    ).toBe(true);
    expect(
      decide('TD3.3c/delete', STRUCTURE, { ...FACTS, documentStructureId: 'S2' }).allowed,
    ).toBe(false);
    const bdg = { ...GP, accessMode: 'bris_de_glace' } as const;
    expect(decide('TD3.2/masked', bdg, FACTS).allowed).toBe(false);
    expect(
      decide('TD3.2/masked', bdg, { ...FACTS, patientAllowsMaskedInEmergency: true }).allowed,
    ).toBe(true);
  });

  it('lets only the médecin traitant remove the médecin traitant', () => {
    expect(decide('TD0.3/removeMT', GP, FACTS).allowed).toBe(false);
    expect(decide('TD0.3/removeMT', GP, { ...FACTS, isMedecinTraitant: true }).allowed).toBe(true);
  });

  it('explains a refusal in French', () => {
    const d = decide('TD3.2/unmasked', { ...SECRETARY, accessMode: 'bris_de_glace' }, FACTS);
    expect(d).toMatchObject({ allowed: false, reason: expect.stringContaining("Mode d'accès") });
  });
});
