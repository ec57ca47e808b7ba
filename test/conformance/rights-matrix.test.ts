// The sandbox's rights matrix against the official PDT-INF-526 v1.8 text: every cell of every
// row the sandbox serves is read from the reference file and compared with our table.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  MATRIX_ACTIONS,
  MATRIX_COLUMNS,
  matrixCell,
  type Cell,
  type MatrixAction,
} from '../../src/sandbox/rights/matrix.js';
import { REFERENCE_DIR } from '../support/paths.js';

const TEXT = readFileSync(
  path.join(REFERENCE_DIR, 'dmp/docs/pdt-inf-526-matrice-droits-fonctionnels-v1.8.txt'),
  'utf8',
).split('\n');

/** The row label of each action, as printed in the official file. */
const LABELS: Record<MatrixAction, string> = {
  'TD0.2': "Test d'existence d'un DMP",
  'TD0.3/add': 'Se déclarer autorisé',
  'TD0.3/remove': 'Supprimer son autorisation',
  'TD0.3/removeMT': 'Se supprimer MT',
  'TD0.4': 'Liste des DMP autorisés   ',
  'TD0.5': "Recherche d'un patient dans le DMP sans INS",
  'TD1.6': 'Liste des PS autorisés/bloqués',
  'TD2.1': "Alimentation d'un DMP   ",
  'TD2.2': "Alimentation d'un DMP par CPE",
  'TD3.1/metadata': 'Rechercher les métadonnées',
  'TD3.1/reference': "Rechercher la référence d'un document",
  'TD3.2/unmasked': 'Documents non masqués aux PS',
  'TD3.2/masked': 'Documents masqués aux PS',
  'TD3.2/invisiblePatient': 'Documents non visibles du patient',
  'TD3.2/archived': 'Documents archivés',
  'TD3.2/deprecated': 'Documents obsolètes',
  'TD3.2/deleted': 'Documents supprimés',
  'TD3.3a/mask': 'Masquer un document aux PS',
  'TD3.3a/unmask': 'Démasquer un document aux PS',
  'TD3.3b/visibleToPatient': 'Rendre un document visible au patient',
  'TD3.3d/archive': 'Archiver un document',
  'TD3.3d/unarchive': 'Désarchiver un document',
  'TD3.3c/delete': 'Supprimer un document *',
};

const FOOTNOTES: Record<string, Cell> = {
  '1': 'CPE_SELF_AUTHORISATION',
  '2': 'SAME_STRUCTURE',
  '3': 'NEW_AUTHORISATIONS',
  '4': 'STRUCTURE_IMPUTED',
  '5': 'REFERENCE_ONLY',
  '6': 'OWN_DOCUMENTS',
  '7': 'PATIENT_PERMISSION',
  '8': 'OWN_DOCUMENTS',
  '9': 'STRUCTURE_DOCUMENTS',
};

function cellsOf(line: string): Cell[] {
  return [...line.matchAll(/\b(oui|non)\b(?: \((\d)\))?/g)].map(([, word, note]) => {
    if (word === 'non') return false;
    return note === undefined ? true : (FOOTNOTES[note] ?? true);
  });
}

function officialRow(label: string): Cell[] {
  const at = TEXT.findIndex((line) => line.includes(label));
  expect(at, `row "${label}" in PDT-INF-526`).toBeGreaterThanOrEqual(0);
  const line = TEXT[at] ?? '';
  const here = cellsOf(line.slice(line.indexOf(label) + label.length));
  return here.length > 0 ? here : cellsOf(TEXT[at + 1] ?? '');
}

describe('rights matrix = PDT-INF-526 v1.8', () => {
  it.each(MATRIX_ACTIONS)('%s: all twelve cells as in the official file', (action) => {
    const official = officialRow(LABELS[action]);
    expect(official).toHaveLength(MATRIX_COLUMNS.length);
    expect(MATRIX_COLUMNS.map((c) => matrixCell(action, c))).toEqual(official);
  });

  it('reads concrete cells the way a reader of the file would', () => {
    expect(matrixCell('TD3.2/unmasked', 'CPE/normal')).toBe(false);
    expect(matrixCell('TD3.2/unmasked', 'STRUCTURE/normal')).toBe(false);
    expect(matrixCell('TD0.3/removeMT', 'MEDECIN_TRAITANT/normal')).toBe(true);
    expect(matrixCell('TD3.2/masked', 'MEDECIN/bris_de_glace')).toBe('PATIENT_PERMISSION');
    expect(matrixCell('TD3.3c/delete', 'STRUCTURE/normal')).toBe('STRUCTURE_DOCUMENTS');
  });
});
