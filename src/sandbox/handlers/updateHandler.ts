// TD3.3a/b/c/d — ITI-57 Update Document Set: visibility changes as a new metadata version (mask /
// unmask to professionals, make visible to the patient) and availability changes (archive,
// unarchive, delete), each checked against the matrix with the document's author.
import {
  DOCUMENT_STATUSES,
  buildRegistryResponse,
  parseUpdateDocumentSetRequest,
  type UpdateDocumentSetRequest,
} from '../../protocol/xds/index.js';
import type { SoapHandler } from '../http/soapEndpoint.js';
import type { MatrixAction } from '../rights/matrix.js';
import { RegistryStore, type StoredEntry } from '../state/RegistryStore.js';
import type { PatientRecord } from '../state/SandboxStore.js';
import type { Caller } from '../vihf/Caller.js';
import { patientOf, requireRight, trace, type SandboxDeps } from './HandlerContext.js';
import { XdsFailure, fail, xdsCodeOf } from './registryFailure.js';

const STATUS_ACTIONS: Readonly<Record<string, MatrixAction>> = {
  'Approved>Archived': 'TD3.3d/archive',
  'Archived>Approved': 'TD3.3d/unarchive',
  'Approved>Deleted': 'TD3.3c/delete',
  'Archived>Deleted': 'TD3.3c/delete',
};

function documentFacts(e: StoredEntry) {
  return {
    documentAuthorIds: e.authorIds,
    ...(e.authorStructure === undefined ? {} : { documentStructureId: e.authorStructure }),
  };
}

/** The matrix actions a visibility change amounts to. */
function visibilityActions(before: StoredEntry, afterCodes: readonly string[]): MatrixAction[] {
  const had = new Set(before.entry.confidentialityCodes.map((c) => c.code));
  const has = new Set(afterCodes);
  const actions: MatrixAction[] = [];
  if (!had.has('MASQUE_PS') && has.has('MASQUE_PS')) actions.push('TD3.3a/mask');
  if (had.has('MASQUE_PS') && !has.has('MASQUE_PS')) actions.push('TD3.3a/unmask');
  if (had.has('INVISIBLE_PATIENT') && !has.has('INVISIBLE_PATIENT'))
    actions.push('TD3.3b/visibleToPatient');
  if (!had.has('INVISIBLE_PATIENT') && has.has('INVISIBLE_PATIENT')) {
    fail(
      'XDSRegistryMetadataError',
      'Un document visible du patient ne peut plus lui être rendu invisible.',
      before.entry.uniqueId,
    );
  }
  return actions;
}

function apply(
  deps: SandboxDeps,
  caller: Caller,
  patient: PatientRecord,
  req: UpdateDocumentSetRequest,
): string[] {
  const registry = new RegistryStore(deps.store);
  const done: string[] = [];
  const changes: (() => void)[] = [];
  for (const u of req.metadataUpdates) {
    const lid = u.entry.logicalId;
    const current = registry
      .entriesOfPatient(patient.ins, Object.values(DOCUMENT_STATUSES))
      .find((e) => e.logicalId === lid && String(e.version) === u.previousVersion);
    if (!current) {
      fail(
        'XDSMetadataVersionError',
        `Version ${u.previousVersion} du document ${lid ?? '?'} introuvable.`,
        lid,
      );
    }
    if (current.status === DOCUMENT_STATUSES.Deprecated) {
      fail(
        'XDSMetadataVersionError',
        "Cette version n'est plus la version courante du document.",
        lid,
      );
    }
    for (const action of visibilityActions(
      current,
      u.entry.confidentialityCodes.map((c) => c.code),
    )) {
      requireRight(deps, caller, action, patient.ins, documentFacts(current));
      done.push(action);
    }
    changes.push(() =>
      registry.addVersion(current, { ...u.entry, uniqueId: current.entry.uniqueId }),
    );
  }
  for (const s of req.statusUpdates) {
    const target = registry.entry(s.targetEntryUuid);
    if (!target || target.ins !== patient.ins) {
      fail('XDSRegistryError', `Document ${s.targetEntryUuid} introuvable.`, s.targetEntryUuid);
    }
    if (target.status !== DOCUMENT_STATUSES[s.originalStatus]) {
      fail(
        'XDSRegistryError',
        `Le statut actuel du document n'est pas ${s.originalStatus}.`,
        s.targetEntryUuid,
      );
    }
    const action = STATUS_ACTIONS[`${s.originalStatus}>${s.newStatus}`];
    if (!action)
      fail(
        'XDSRegistryError',
        `Changement de statut ${s.originalStatus} → ${s.newStatus} impossible.`,
      );
    requireRight(deps, caller, action, patient.ins, documentFacts(target));
    done.push(action);
    changes.push(() => registry.setStatus(target.entry.entryUuid, DOCUMENT_STATUSES[s.newStatus]));
  }
  // Every check passed: apply all changes at once.
  deps.store.write(() => {
    for (const change of changes) change();
  });
  return done;
}

export function updateDocumentSet(deps: SandboxDeps): SoapHandler {
  return async (request) => {
    const caller = await deps.authenticate(request);
    const patient = patientOf(deps, caller);
    try {
      let req: UpdateDocumentSetRequest;
      try {
        req = parseUpdateDocumentSetRequest(request.envelope.bodyXml);
      } catch (error) {
        return fail(xdsCodeOf(error), (error as Error).message);
      }
      const done = apply(deps, caller, patient, req);
      trace(deps, caller, 'TD3.3', patient.ins, 'ok', done.join(', '));
      return { bodyXml: buildRegistryResponse({ status: 'Success' }) };
    } catch (error) {
      if (!(error instanceof XdsFailure)) throw error;
      trace(deps, caller, 'TD3.3', patient.ins, 'refused', error.message);
      return { bodyXml: buildRegistryResponse({ status: 'Failure', errors: error.errors }) };
    }
  };
}
