// TD3.1 / TD3.1b — ITI-18 Registry Stored Query: FindDocuments, FindSubmissionSets,
// GetDocuments, GetAssociations, GetDocumentsAndAssociations, answered with what the caller may
// see. Actors without metadata search (CPE, structure certificate) may only look up the
// reference of their structure's documents (matrix footnote 5).
import { insFromCx } from '../../domain/ins/insCx.js';
import {
  buildAdhocQueryResponse,
  parseAdhocQueryRequest,
  type AdhocQueryRequest,
  type AdhocQueryResponseInput,
  type DocumentEntry,
  type SubmissionSet,
  type XdsAssociation,
} from '../../protocol/xds/index.js';
import type { SoapHandler } from '../http/soapEndpoint.js';
import { decide } from '../rights/decide.js';
import { RegistryStore, type StoredEntry } from '../state/RegistryStore.js';
import type { PatientRecord } from '../state/SandboxStore.js';
import { requesterOf, type Caller } from '../vihf/Caller.js';
import { canRead, requireConsultationAccess } from './entryAccess.js';
import {
  isMedecinTraitant,
  patientOf,
  requireRight,
  trace,
  type SandboxDeps,
} from './HandlerContext.js';
import { matchesFindDocuments, matchesFindSubmissionSets, statusUrns } from './queryMatch.js';
import { XdsFailure, fail, xdsCodeOf } from './registryFailure.js';

interface QueryScope {
  readonly deps: SandboxDeps;
  readonly caller: Caller;
  readonly patient: PatientRecord;
  readonly registry: RegistryStore;
  /** Reference search only (CPE, structure): own structure's documents, by uniqueId/entryUUID. */
  readonly referenceOnly: boolean;
}

function visible(scope: QueryScope, e: StoredEntry): boolean {
  if (e.ins !== scope.patient.ins) return false;
  if (scope.referenceOnly) return e.authorStructure === scope.caller.structureId;
  return canRead(scope.deps, scope.caller, scope.patient, e).ok;
}

function requirePatient(scope: QueryScope, patientId: string): void {
  let ins: string;
  try {
    ins = insFromCx(patientId).matricule;
  } catch {
    return fail('XDSPatientIdDoesNotMatch', 'Identifiant patient de la requête invalide.');
  }
  if (ins !== scope.patient.ins) {
    fail('XDSPatientIdDoesNotMatch', 'Le patient de la requête diffère de celui du VIHF.');
  }
}

function byIds(
  scope: QueryScope,
  uniqueIds?: readonly string[],
  entryUuids?: readonly string[],
): StoredEntry[] {
  const found = [
    // By uniqueId: the current metadata version only (ITI-57 versions share the uniqueId).
    ...(uniqueIds ?? []).flatMap((u) => scope.registry.entriesByUniqueId(u).slice(0, 1)),
    ...(entryUuids ?? []).flatMap((id) => {
      const e = scope.registry.entry(id);
      return e ? [e] : [];
    }),
  ];
  return found.filter((e) => visible(scope, e));
}

function answer(scope: QueryScope, q: AdhocQueryRequest): AdhocQueryResponseInput {
  const query = q.query;
  let entries: DocumentEntry[] = [];
  let sets: SubmissionSet[] = [];
  let associations: XdsAssociation[] = [];
  switch (query.kind) {
    case 'FindDocuments': {
      requirePatient(scope, query.patientId);
      entries = scope.registry
        .entriesOfPatient(scope.patient.ins, statusUrns(query.statuses))
        .filter((e) => visible(scope, e) && matchesFindDocuments(query, e.entry))
        .map((e) => e.entry);
      break;
    }
    case 'FindSubmissionSets': {
      requirePatient(scope, query.patientId);
      sets = scope.registry
        .submissionSetsOfPatient(scope.patient.ins)
        .map((s) => s.set)
        .filter((s) => matchesFindSubmissionSets(query, s));
      break;
    }
    case 'GetDocuments':
      entries = byIds(scope, query.uniqueIds, query.entryUuids).map((e) => e.entry);
      break;
    case 'GetAssociations': {
      const own = query.entryUuids.filter((id) => {
        const e = scope.registry.entry(id);
        return e ? visible(scope, e) : scope.registry.submissionSet(id)?.ins === scope.patient.ins;
      });
      associations = scope.registry.associationsOf(own);
      break;
    }
    case 'GetDocumentsAndAssociations': {
      const found = byIds(scope, query.uniqueIds, query.entryUuids);
      entries = found.map((e) => e.entry);
      associations = scope.registry.associationsOf(found.map((e) => e.entry.entryUuid));
      break;
    }
  }
  if (q.returnType === 'ObjectRef') {
    return {
      status: 'Success',
      objectRefs: [
        ...sets.map((s) => s.entryUuid),
        ...entries.map((e) => e.entryUuid),
        ...associations.map((a) => a.id),
      ],
    };
  }
  return { status: 'Success', submissionSets: sets, documentEntries: entries, associations };
}

export function registryStoredQuery(deps: SandboxDeps): SoapHandler {
  return async (request) => {
    const caller = await deps.authenticate(request);
    const patient = patientOf(deps, caller);
    let q: AdhocQueryRequest;
    try {
      q = parseAdhocQueryRequest(request.envelope.bodyXml);
    } catch (error) {
      const code = xdsCodeOf(error);
      return {
        bodyXml: buildAdhocQueryResponse({
          status: 'Failure',
          errors: [{ errorCode: code, codeContext: (error as Error).message, severity: 'Error' }],
        }),
      };
    }
    const byReference = q.query.kind === 'GetDocuments' && (q.query.uniqueIds?.length ?? 0) > 0;
    const facts = {
      isMedecinTraitant: isMedecinTraitant(deps, caller, patient.ins),
      userId: caller.psId,
      structureId: caller.structureId,
    };
    const metadata = decide('TD3.1/metadata', requesterOf(caller), facts).allowed;
    requireRight(
      deps,
      caller,
      metadata || !byReference ? 'TD3.1/metadata' : 'TD3.1/reference',
      patient.ins,
    );
    if (metadata) requireConsultationAccess(deps, caller, patient, 'TD3.1');
    const scope: QueryScope = {
      deps,
      caller,
      patient,
      registry: new RegistryStore(deps.store),
      referenceOnly: !metadata,
    };
    try {
      const result = answer(scope, q);
      trace(deps, caller, 'TD3.1', patient.ins, 'ok', q.query.kind);
      return { bodyXml: buildAdhocQueryResponse(result) };
    } catch (error) {
      if (!(error instanceof XdsFailure)) throw error;
      trace(deps, caller, 'TD3.1', patient.ins, 'refused', error.message);
      return { bodyXml: buildAdhocQueryResponse({ status: 'Failure', errors: error.errors }) };
    }
  };
}
