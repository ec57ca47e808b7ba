// Which documents a caller may see (TD3.1) and read (TD3.2), by the matrix rows for the
// document's status and visibility, and whether the caller may act on a patient's DMP at all:
// in normal mode the professional must be authorised (TD0.2 VALIDE); bris de glace and centre 15
// need no authorisation (DMP-INTERFACE §5); a professional the patient blocked gets nothing.
import { decide } from '../rights/decide.js';
import type { MatrixAction } from '../rights/matrix.js';
import { STATUS, type StoredEntry } from '../state/RegistryStore.js';
import type { PatientRecord } from '../state/SandboxStore.js';
import { requesterOf, type Caller } from '../vihf/Caller.js';
import { DmpFault } from '../http/DmpFault.js';
import { isMedecinTraitant, trace, type SandboxDeps } from './HandlerContext.js';

/** The caller may consult this DMP at all (authorisation, block, DMP status). */
export function requireConsultationAccess(
  deps: SandboxDeps,
  caller: Caller,
  patient: PatientRecord,
  transaction: string,
): void {
  const refuse = (code: string, reason: string): never => {
    trace(deps, caller, transaction, patient.ins, 'refused', reason);
    throw new DmpFault(code, reason);
  };
  if (patient.dmpStatus === 'INEXISTANT') refuse('DMPNotFound', "Ce patient n'a pas de DMP.");
  if (patient.dmpStatus === 'FERME') refuse('DMPClosed', 'Le DMP de ce patient est fermé.');
  const auth = deps.store.authorisation(patient.ins, caller.psId);
  if (auth?.status === 'INTERDIT') {
    refuse('DMPAccessDeniedByPatient', 'Le patient a bloqué votre accès à son DMP.');
  }
  if (caller.authenticationMode !== 'DIRECTE') return; // the matrix decides for structures
  if (caller.accessMode === 'normal' && auth?.status !== 'VALIDE') {
    refuse(
      'DMPAccessNotAuthorized',
      "Vous n'êtes pas autorisé sur le DMP de ce patient : déclarez-vous autorisé (avec son accord) ou utilisez le mode d'accès adapté.",
    );
  }
}

/** The matrix row that governs reading an entry (the strictest that applies). */
function rowsFor(entry: StoredEntry): MatrixAction[] {
  const codes = new Set(entry.entry.confidentialityCodes.map((c) => c.code));
  const rows: MatrixAction[] = [codes.has('MASQUE_PS') ? 'TD3.2/masked' : 'TD3.2/unmasked'];
  if (codes.has('INVISIBLE_PATIENT') || codes.has('INVISIBLE_REPRESENTANTS_LEGAUX')) {
    rows.push('TD3.2/invisiblePatient');
  }
  if (entry.status === STATUS.Archived) rows.push('TD3.2/archived');
  if (entry.status === STATUS.Deprecated) rows.push('TD3.2/deprecated');
  if (entry.status === STATUS.Deleted) rows.push('TD3.2/deleted');
  return rows;
}

/** Whether the caller may read this entry; the reason when not. */
export function canRead(
  deps: SandboxDeps,
  caller: Caller,
  patient: PatientRecord,
  entry: StoredEntry,
): { ok: true } | { ok: false; reason: string } {
  const facts = {
    isMedecinTraitant: isMedecinTraitant(deps, caller, patient.ins),
    userId: caller.psId,
    structureId: caller.structureId,
    documentAuthorIds: entry.authorIds,
    ...(entry.authorStructure === undefined ? {} : { documentStructureId: entry.authorStructure }),
    patientAllowsMaskedInEmergency: patient.allowsMaskedInEmergency,
  };
  // The author always sees their own documents (matrix footnote 6 is about others' masking).
  const isAuthor = entry.authorIds.includes(caller.psId);
  for (const row of rowsFor(entry)) {
    const d = decide(row, requesterOf(caller), facts);
    if (!d.allowed && !(isAuthor && row === 'TD3.2/masked')) return { ok: false, reason: d.reason };
  }
  return { ok: true };
}
