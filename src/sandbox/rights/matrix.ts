// The functional rights matrix of the DMP, PDT-INF-526 v1.8 (25.09.2024), as data. Source:
// ../shared/reference/dmp/docs/pdt-inf-526-matrice-droits-fonctionnels-v1.8.txt (page 2). The
// sandbox decides every transaction with it, per actor column and access mode, so that Navette is
// tested against the DMP's rules rather than against our own idea of them.
//
// Cells are `false` (non), `true` (oui) or a footnote condition (oui (n)): the condition is what
// the DMP checks on top of the column (own documents, same structure, patient's permission…).

/** The twelve columns of the matrix (authentication × actor × access mode). */
export type MatrixColumn =
  | 'PS_NON_MEDECIN/normal'
  | 'PS_NON_MEDECIN/centre_15'
  | 'PS_NON_MEDECIN/bris_de_glace'
  | 'MEDECIN/normal'
  | 'MEDECIN/centre_15'
  | 'MEDECIN/bris_de_glace'
  | 'MEDECIN_DU_TRAVAIL/normal'
  | 'MEDECIN_TRAITANT/normal'
  | 'MEDECIN_TRAITANT/bris_de_glace'
  | 'CPE/normal'
  | 'STRUCTURE/normal'
  | 'STRUCTURE/centre_15';

export const MATRIX_COLUMNS: readonly MatrixColumn[] = [
  'PS_NON_MEDECIN/normal',
  'PS_NON_MEDECIN/centre_15',
  'PS_NON_MEDECIN/bris_de_glace',
  'MEDECIN/normal',
  'MEDECIN/centre_15',
  'MEDECIN/bris_de_glace',
  'MEDECIN_DU_TRAVAIL/normal',
  'MEDECIN_TRAITANT/normal',
  'MEDECIN_TRAITANT/bris_de_glace',
  'CPE/normal',
  'STRUCTURE/normal',
  'STRUCTURE/centre_15',
];

/**
 * Footnotes of the matrix that condition a "oui":
 * - CPE_SELF_AUTHORISATION (1): the footnote text is missing from v1.8; treated as plain "oui";
 * - SAME_STRUCTURE (2): TD0.4 limited to professionals of the same structure;
 * - NEW_AUTHORISATIONS (3): TD0.4 limited, by date, to new authorisations;
 * - STRUCTURE_IMPUTED (4): documents added are imputed to the structure;
 * - REFERENCE_ONLY (5): search for a document's reference only (to delete it, say);
 * - OWN_DOCUMENTS (6, 8): the user's own documents only (those they authored);
 * - PATIENT_PERMISSION (7): a masked document in bris de glace or centre 15 only if the patient
 *   allowed it;
 * - STRUCTURE_DOCUMENTS (9): the structure's documents only (authored by it or one of its CPE).
 */
export type Condition =
  | 'CPE_SELF_AUTHORISATION'
  | 'SAME_STRUCTURE'
  | 'NEW_AUTHORISATIONS'
  | 'STRUCTURE_IMPUTED'
  | 'REFERENCE_ONLY'
  | 'OWN_DOCUMENTS'
  | 'PATIENT_PERMISSION'
  | 'STRUCTURE_DOCUMENTS';

export type Cell = boolean | Condition;

/** The matrix rows the sandbox serves (TD0.0, TD0.9, TD1.3 have no web service here). */
export type MatrixAction =
  | 'TD0.2'
  | 'TD0.3/add'
  | 'TD0.3/remove'
  | 'TD0.3/removeMT'
  | 'TD0.4'
  | 'TD0.5'
  | 'TD1.6'
  | 'TD2.1'
  | 'TD2.2'
  | 'TD3.1/metadata'
  | 'TD3.1/reference'
  | 'TD3.2/unmasked'
  | 'TD3.2/masked'
  | 'TD3.2/invisiblePatient'
  | 'TD3.2/archived'
  | 'TD3.2/deprecated'
  | 'TD3.2/deleted'
  | 'TD3.3a/mask'
  | 'TD3.3a/unmask'
  | 'TD3.3b/visibleToPatient'
  | 'TD3.3d/archive'
  | 'TD3.3d/unarchive'
  | 'TD3.3c/delete';

const Y = true;
const N = false;
const OWN: Cell = 'OWN_DOCUMENTS';
const PERM: Cell = 'PATIENT_PERMISSION';

/** Rows in the column order of MATRIX_COLUMNS (as printed in PDT-INF-526). */
// prettier-ignore
const ROWS: Readonly<Record<MatrixAction, readonly Cell[]>> = {
  'TD0.2': [Y, Y, Y, Y, Y, Y, Y, Y, Y, Y, Y, Y],
  'TD0.3/add': [Y, N, N, Y, N, N, N, Y, N, 'CPE_SELF_AUTHORISATION', N, N],
  'TD0.3/remove': [Y, N, N, Y, N, N, N, Y, N, N, N, N],
  'TD0.3/removeMT': [N, N, N, N, N, N, N, Y, N, N, N, N],
  'TD0.4': [Y, Y, Y, Y, Y, Y, Y, Y, Y, 'SAME_STRUCTURE', 'NEW_AUTHORISATIONS', N],
  'TD0.5': [N, Y, N, N, Y, N, N, N, N, N, N, Y],
  'TD1.6': [Y, N, N, Y, N, N, Y, Y, N, N, N, N],
  'TD2.1': [Y, Y, Y, Y, Y, Y, Y, Y, Y, N, 'STRUCTURE_IMPUTED', 'STRUCTURE_IMPUTED'],
  'TD2.2': [N, N, N, N, N, N, N, N, N, 'STRUCTURE_IMPUTED', N, N],
  'TD3.1/metadata': [Y, Y, Y, Y, Y, Y, Y, Y, Y, N, N, N],
  'TD3.1/reference': [
    Y, Y, Y, Y, Y, Y, Y, Y, Y, 'REFERENCE_ONLY', 'REFERENCE_ONLY', 'REFERENCE_ONLY',
  ],
  'TD3.2/unmasked': [Y, Y, Y, Y, Y, Y, N, Y, Y, N, N, N],
  'TD3.2/masked': [OWN, PERM, PERM, OWN, PERM, PERM, N, Y, PERM, N, N, N],
  'TD3.2/invisiblePatient': [Y, Y, Y, Y, Y, Y, N, Y, Y, N, N, N],
  'TD3.2/archived': [Y, Y, Y, Y, Y, Y, N, Y, Y, N, N, N],
  'TD3.2/deprecated': [Y, Y, Y, Y, Y, Y, N, Y, Y, N, N, N],
  'TD3.2/deleted': [Y, Y, Y, Y, Y, Y, N, Y, Y, N, N, N],
  'TD3.3a/mask': [Y, N, N, Y, N, N, Y, Y, N, N, N, N],
  'TD3.3a/unmask': [OWN, N, N, OWN, N, N, OWN, Y, N, N, N, N],
  'TD3.3b/visibleToPatient': [Y, N, N, Y, N, N, Y, Y, N, N, N, N],
  'TD3.3d/archive': [OWN, N, N, OWN, Y, Y, OWN, Y, Y, N, N, N],
  'TD3.3d/unarchive': [OWN, N, N, OWN, Y, Y, OWN, Y, Y, N, N, N],
  'TD3.3c/delete': [
    OWN, OWN, OWN, OWN, OWN, OWN, OWN, OWN, OWN,
    'STRUCTURE_DOCUMENTS', 'STRUCTURE_DOCUMENTS', 'STRUCTURE_DOCUMENTS',
  ],
};

/** The cell of the matrix for an action and a column. */
export function matrixCell(action: MatrixAction, column: MatrixColumn): Cell {
  const row = ROWS[action];
  const cell = row[MATRIX_COLUMNS.indexOf(column)];
  if (cell === undefined) throw new Error(`rights matrix: no cell for ${action} × ${column}`);
  return cell;
}

export const MATRIX_ACTIONS = Object.keys(ROWS) as MatrixAction[];
