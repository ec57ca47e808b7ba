// What every transaction handler of the DMP test server gets: the state, the clock, and the
// verified caller of the request. Rights decisions and traces go through here so that every
// handler refuses and records the same way.
import { DmpFault } from '../http/DmpFault.js';
import type { SoapRequestContext } from '../http/soapEndpoint.js';
import { decide, type DecisionFacts } from '../rights/decide.js';
import type { MatrixAction } from '../rights/matrix.js';
import type { PatientRecord, SandboxStore } from '../state/SandboxStore.js';
import { requesterOf, type Caller } from '../vihf/Caller.js';

export interface SandboxDeps {
  readonly store: SandboxStore;
  readonly now: () => Date;
  /** Verifies the request's VIHF (signature, attributes, structure link…) and says who calls. */
  readonly authenticate: (request: SoapRequestContext) => Promise<Caller>;
  /** The repository's uniqueId (RepositoryUniqueId in ITI-43). */
  readonly repositoryUniqueId: string;
}

/** The patient named by the VIHF resource-id; a fault when absent or unknown. */
export function patientOf(deps: SandboxDeps, caller: Caller): PatientRecord {
  if (caller.patientIns === undefined) {
    throw new DmpFault(
      'DMPInvalidRequest',
      "Le VIHF ne contient pas l'identifiant du patient (resource-id).",
    );
  }
  const patient = deps.store.patient(caller.patientIns);
  if (!patient) {
    throw new DmpFault('DMPPatientNotFound', 'Patient inconnu du DMP de test.');
  }
  return patient;
}

/** Whether the caller is this patient's médecin traitant. */
export function isMedecinTraitant(deps: SandboxDeps, caller: Caller, ins: string): boolean {
  return deps.store.authorisation(ins, caller.psId)?.isMedecinTraitant === true;
}

/**
 * Applies the rights matrix; on refusal, records the trace and throws the DMP's fault.
 * `facts` adds the document facts where the action is about a document.
 */
export function requireRight(
  deps: SandboxDeps,
  caller: Caller,
  action: MatrixAction,
  ins: string | undefined,
  facts: Partial<DecisionFacts> = {},
): void {
  const decision = decide(action, requesterOf(caller), {
    isMedecinTraitant: ins === undefined ? false : isMedecinTraitant(deps, caller, ins),
    userId: caller.psId,
    structureId: caller.structureId,
    ...facts,
  });
  if (decision.allowed) return;
  trace(deps, caller, action, ins, 'refused', decision.reason);
  throw new DmpFault(decision.code, decision.reason);
}

export function trace(
  deps: SandboxDeps,
  caller: Caller,
  transaction: string,
  ins: string | undefined,
  outcome: 'ok' | 'refused' | 'error',
  detail?: string,
): void {
  deps.store.trace({
    transaction,
    outcome,
    psId: caller.psId,
    structureId: caller.structureId,
    authMode: caller.authenticationMode,
    accessMode: caller.accessMode,
    reason: caller.accessReason,
    ins,
    detail,
  });
}
