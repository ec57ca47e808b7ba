// The sandbox's rights decision: the matrix cell for the request's column, then the footnote
// condition checked against the facts of the case. Refusals carry the DMP's fault code
// (DMPAccessDeniedByRightsService, DMP-INTERFACE §9) and a French explanation.
import { matrixColumn, type Requester } from './actor.js';
import { matrixCell, type MatrixAction } from './matrix.js';

export interface DecisionFacts {
  /** The user is the patient's médecin traitant. */
  readonly isMedecinTraitant: boolean;
  /** The user's national id (VIHF NameID) and structure id (Identifiant_Structure). */
  readonly userId: string;
  readonly structureId: string;
  /** For document actions: the national ids of the document's authors, and its structure. */
  readonly documentAuthorIds?: readonly string[];
  readonly documentStructureId?: string;
  /** For masked documents in bris de glace / centre 15: the patient allowed it. */
  readonly patientAllowsMaskedInEmergency?: boolean;
}

export type Decision =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly code: string; readonly reason: string };

export const RIGHTS_FAULT = 'DMPAccessDeniedByRightsService';

function deny(reason: string): Decision {
  return { allowed: false, code: RIGHTS_FAULT, reason };
}

export function decide(action: MatrixAction, requester: Requester, facts: DecisionFacts): Decision {
  const column = matrixColumn(requester, facts.isMedecinTraitant);
  if (column === undefined) {
    return deny(`Mode d'accès ${requester.accessMode} non autorisé pour ce profil.`);
  }
  const cell = matrixCell(action, column);
  if (cell === true) return { allowed: true };
  if (cell === false) {
    return deny(`Action ${action} non autorisée pour le profil ${column} (PDT-INF-526).`);
  }
  switch (cell) {
    case 'OWN_DOCUMENTS':
      return (facts.documentAuthorIds ?? []).includes(facts.userId)
        ? { allowed: true }
        : deny(`Action ${action} possible uniquement sur ses propres documents.`);
    case 'STRUCTURE_DOCUMENTS':
      return facts.documentStructureId !== undefined &&
        facts.documentStructureId === facts.structureId
        ? { allowed: true }
        : deny(`Action ${action} possible uniquement sur les documents de la structure.`);
    case 'PATIENT_PERMISSION':
      return facts.patientAllowsMaskedInEmergency === true
        ? { allowed: true }
        : deny(
            "Document masqué aux professionnels : le patient n'en a pas autorisé l'accès en urgence.",
          );
    // Scope-limiting footnotes: the action is allowed; the handler narrows what it returns.
    case 'CPE_SELF_AUTHORISATION':
    case 'SAME_STRUCTURE':
    case 'NEW_AUTHORISATIONS':
    case 'STRUCTURE_IMPUTED':
    case 'REFERENCE_ONLY':
      return { allowed: true };
  }
}
