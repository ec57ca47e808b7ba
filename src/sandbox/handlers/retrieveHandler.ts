// TD3.2 — ITI-43 Retrieve Document Set: the documents' bytes as MTOM parts, for what the caller
// may read (masked documents, archived, replaced and deleted ones per the matrix). Unknown or
// unreadable documents give a RegistryError each; several documents may give PartialSuccess.
import {
  buildRetrieveDocumentSetResponse,
  parseRetrieveDocumentSetRequest,
  type DocumentReference,
  type RegistryErrorItem,
  type RetrievedDocumentInput,
} from '../../protocol/xds/index.js';
import type { MtomAttachmentInput } from '../../protocol/mtom/index.js';
import type { SoapHandler } from '../http/soapEndpoint.js';
import { RegistryStore } from '../state/RegistryStore.js';
import { canRead, requireConsultationAccess } from './entryAccess.js';
import { patientOf, requireRight, trace, type SandboxDeps } from './HandlerContext.js';
import { xdsCodeOf, xdsError } from './registryFailure.js';

export function retrieveDocumentSet(deps: SandboxDeps): SoapHandler {
  return async (request) => {
    const caller = await deps.authenticate(request);
    const patient = patientOf(deps, caller);
    requireRight(deps, caller, 'TD3.2/unmasked', patient.ins);
    requireConsultationAccess(deps, caller, patient, 'TD3.2');
    let refs: DocumentReference[];
    try {
      refs = parseRetrieveDocumentSetRequest(request.envelope.bodyXml);
    } catch (error) {
      const built = buildRetrieveDocumentSetResponse({
        status: 'Failure',
        errors: [xdsError(xdsCodeOf(error), (error as Error).message)],
      });
      return { bodyXml: built.xml };
    }
    const registry = new RegistryStore(deps.store);
    const errors: RegistryErrorItem[] = [];
    const found: { input: RetrievedDocumentInput; bytes: Buffer }[] = [];
    for (const ref of refs) {
      if (ref.repositoryUniqueId !== deps.repositoryUniqueId) {
        errors.push(
          xdsError(
            'XDSUnknownRepositoryId',
            `Entrepôt inconnu : ${ref.repositoryUniqueId}.`,
            ref.documentUniqueId,
          ),
        );
        continue;
      }
      const entry = registry
        .entriesByUniqueId(ref.documentUniqueId)
        .find((e) => e.ins === patient.ins);
      const content = registry.content(ref.documentUniqueId);
      if (!entry || !content) {
        errors.push(
          xdsError(
            'XDSDocumentUniqueIdError',
            `Document inconnu : ${ref.documentUniqueId}.`,
            ref.documentUniqueId,
          ),
        );
        continue;
      }
      const read = canRead(deps, caller, patient, entry);
      if (!read.ok) {
        errors.push(xdsError('DMPAccessDeniedByRightsService', read.reason, ref.documentUniqueId));
        continue;
      }
      found.push({ input: { ...ref, mimeType: content.mimeType }, bytes: content.bytes });
    }
    const status =
      errors.length === 0 ? 'Success' : found.length === 0 ? 'Failure' : 'PartialSuccess';
    const built = buildRetrieveDocumentSetResponse({
      status,
      errors,
      documents: found.map((f) => f.input),
    });
    const attachments: MtomAttachmentInput[] = found.map((f, i) => ({
      contentId: built.contentIds[i] ?? '',
      content: f.bytes,
      contentType: f.input.mimeType,
    }));
    trace(
      deps,
      caller,
      'TD3.2',
      patient.ins,
      found.length > 0 ? 'ok' : 'refused',
      `${found.length}/${refs.length}`,
    );
    return { bodyXml: built.xml, attachments };
  };
}
