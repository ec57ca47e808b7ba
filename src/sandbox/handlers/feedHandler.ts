// TD2.1 / TD2.2 — ITI-41 Provide and Register Document Set-b: what the DMP checks before it
// accepts a lot (DMP-INTERFACE §12.5): the caller's right to feed, the patient, the metadata, the
// SHA-1 hash and size of every document, the XAdES lot signature with its manifest digests and
// its signer, duplicate uniqueIds, replacements (RPLC) of the author's own documents.
import { createHash, randomUUID } from 'node:crypto';
import { insFromCx } from '../../domain/ins/insCx.js';
import { verifyLotSignature } from '../../protocol/dsig/index.js';
import {
  buildRegistryResponse,
  documentFor,
  parseProvideAndRegisterRequest,
  parseXcn,
  parseXon,
  type DocumentEntry,
  type ProvideAndRegisterRequest,
} from '../../protocol/xds/index.js';
import { DmpFault } from '../http/DmpFault.js';
import type { SoapHandler, SoapRequestContext } from '../http/soapEndpoint.js';
import { RegistryStore, STATUS } from '../state/RegistryStore.js';
import type { PatientRecord } from '../state/SandboxStore.js';
import type { Caller } from '../vihf/Caller.js';
import { patientOf, requireRight, trace, type SandboxDeps } from './HandlerContext.js';
import { XdsFailure, fail, xdsCodeOf } from './registryFailure.js';
import type { CertificateDirectory } from '../vihf/authenticateVihf.js';

function bytesOf(
  request: SoapRequestContext,
  lot: ProvideAndRegisterRequest,
  e: DocumentEntry,
): Buffer {
  const match = documentFor(lot, e);
  if (!match)
    fail('XDSMissingDocument', `Document absent du lot pour l'entrée ${e.entryUuid}.`, e.entryUuid);
  const { document } = match;
  if (document.inline) return document.inline;
  const part =
    document.contentId === undefined ? undefined : request.attachment(document.contentId);
  if (!part)
    fail('XDSMissingDocument', `Partie MTOM absente pour l'entrée ${e.entryUuid}.`, e.entryUuid);
  return part.data;
}

function insOfCx(cx: string, where: string): string {
  try {
    return insFromCx(cx).matricule;
  } catch {
    return fail('XDSPatientIdDoesNotMatch', `Identifiant patient invalide (${where}).`, where);
  }
}

/** Checks one entry against its bytes; returns their SHA-1 (hex), which the registry keeps. */
function checkEntry(e: DocumentEntry, bytes: Buffer, ins: string): string {
  if (insOfCx(e.patientId, e.entryUuid) !== ins) {
    fail(
      'XDSPatientIdDoesNotMatch',
      'Le patient du document diffère de celui du lot.',
      e.entryUuid,
    );
  }
  const sha1 = createHash('sha1').update(bytes).digest('hex');
  if (e.hash !== undefined && e.hash.toLowerCase() !== sha1) {
    fail(
      'XDSRepositoryMetadataError',
      `Empreinte SHA-1 incorrecte pour ${e.uniqueId}.`,
      e.uniqueId,
    );
  }
  if (e.size !== undefined && e.size !== bytes.byteLength) {
    fail('XDSRepositoryMetadataError', `Taille incorrecte pour ${e.uniqueId}.`, e.uniqueId);
  }
  if (!e.confidentialityCodes.some((c) => c.code === 'N')) {
    fail(
      'XDSRegistryMetadataError',
      `confidentialityCode N absent pour ${e.uniqueId}.`,
      e.uniqueId,
    );
  }
  if (e.authors.length === 0) {
    fail('XDSRegistryMetadataError', `Auteur absent pour ${e.uniqueId}.`, e.uniqueId);
  }
  return sha1;
}

function checkLotSignature(
  lot: ProvideAndRegisterRequest,
  contents: ReadonlyMap<string, Buffer>,
  caller: Caller,
  dir: CertificateDirectory,
): void {
  const id = lot.relations.signatureEntryId;
  const entry = lot.documentEntries.find((e) => e.entryUuid === id);
  if (id === undefined || !entry) {
    fail(
      'DMPLotSignatureMissing',
      'Le lot ne contient pas de signature XAdES (association signs).',
    );
  }
  const xml = contents.get(entry.uniqueId);
  if (!xml) fail('DMPLotSignatureMissing', 'Le document de signature du lot est vide.');
  const documents = new Map([...contents].filter(([uid]) => uid !== entry.uniqueId));
  let signer: Uint8Array;
  try {
    // IHE DSG (ITI TF-3 §5.5.3.1): the zero-digest manifest entry names this request's
    // SubmissionSet; every other document of the lot has an entry with its digest.
    signer = verifyLotSignature(xml.toString('utf8'), {
      documents,
      submissionSetUniqueId: lot.submissionSet.uniqueId,
    }).signerCertificateDer;
  } catch (error) {
    return fail(
      'DMPLotSignatureInvalid',
      `Signature du lot invalide : ${(error as Error).message}`,
    );
  }
  const known = dir.lookup(signer);
  const expected = caller.authenticationMode === 'DIRECTE' ? 'card-sign' : 'org-sign';
  if (known?.use !== expected || (expected === 'card-sign' && known.holderId !== caller.psId)) {
    fail(
      'DMPLotSignatureInvalid',
      'La signature du lot doit être faite avec le certificat de signature de la carte (ou ORG SIGN en mode indirect).',
    );
  }
}

function checkReplacements(
  registry: RegistryStore,
  lot: ProvideAndRegisterRequest,
  caller: Caller,
  ins: string,
): string[] {
  return lot.relations.replacements.map(({ replaces }) => {
    const old = registry.entry(replaces);
    if (!old || old.ins !== ins) {
      fail('XDSRegistryError', `Document remplacé introuvable (${replaces}).`, replaces);
    }
    if (old.status !== STATUS.Approved) {
      fail(
        'XDSRegistryError',
        `Seul un document approuvé peut être remplacé (${replaces}).`,
        replaces,
      );
    }
    const ownStructure = old.authorStructure === caller.structureId;
    if (!old.authorIds.includes(caller.psId) && !(caller.card !== 'CPS' && ownStructure)) {
      fail('XDSRegistryError', "Seul l'auteur peut remplacer son document.", replaces);
    }
    return replaces;
  });
}

/**
 * Registries give symbolic ids (`SubmissionSet01`, `as1`…) a UUID and rewrite the references to
 * them (IHE ITI TF-3 4.2.3.1.5); UUIDs the client chose are kept.
 */
function withRegistryIds(lot: ProvideAndRegisterRequest): ProvideAndRegisterRequest {
  const ids = new Map<string, string>();
  const idOf = (id: string): string => {
    if (id.startsWith('urn:uuid:')) return id;
    let uuid = ids.get(id);
    if (uuid === undefined) {
      uuid = `urn:uuid:${randomUUID()}`;
      ids.set(id, uuid);
    }
    return uuid;
  };
  const ref = (id: string): string => ids.get(id) ?? id;
  const submissionSet = { ...lot.submissionSet, entryUuid: idOf(lot.submissionSet.entryUuid) };
  const documentEntries = lot.documentEntries.map((e) => ({ ...e, entryUuid: idOf(e.entryUuid) }));
  const associations = lot.associations.map((a) => ({
    ...a,
    id: idOf(a.id),
    sourceObject: ref(a.sourceObject),
    targetObject: ref(a.targetObject),
  }));
  return { ...lot, submissionSet, documentEntries, associations };
}

/** A document of the lot: its bytes and their SHA-1 (hex), hashed once (20 MB: ~30 ms each). */
interface LotContent {
  readonly bytes: Buffer;
  readonly sha1: string;
}

/**
 * The entry as the registry keeps it: the repository adds its repositoryUniqueId (TD3.1 answers
 * carry it, and TD3.2 needs it) and the hash and size of the bytes it stored (IHE ITI-41).
 */
function asRegistered(
  e: DocumentEntry,
  content: LotContent | undefined,
  repositoryUniqueId: string,
): DocumentEntry {
  return {
    ...e,
    repositoryUniqueId,
    ...(content === undefined ? {} : { hash: content.sha1, size: content.bytes.length }),
  };
}

function authorIdsOf(e: DocumentEntry): string[] {
  return e.authors.flatMap((a) => (a.person === undefined ? [] : [parseXcn(a.person).id]));
}

/**
 * Checks the lot and registers it. The access trace of the accepted lot is written in the same
 * transaction as the registration: one commit (one fsync) per TD2.1 instead of two.
 */
function accept(
  deps: SandboxDeps,
  dir: CertificateDirectory,
  request: SoapRequestContext,
  caller: Caller,
  patient: PatientRecord,
): void {
  let lot: ProvideAndRegisterRequest;
  try {
    lot = parseProvideAndRegisterRequest(request.envelope.bodyXml);
  } catch (error) {
    return fail(xdsCodeOf(error), (error as Error).message);
  }
  const registry = new RegistryStore(deps.store);
  if (insOfCx(lot.submissionSet.patientId, 'SubmissionSet') !== patient.ins) {
    fail('XDSPatientIdDoesNotMatch', 'Le patient du lot diffère de celui du VIHF.');
  }
  for (const uid of [lot.submissionSet.uniqueId, ...lot.documentEntries.map((e) => e.uniqueId)]) {
    if (registry.uniqueIdExists(uid)) {
      fail(
        'XDSDuplicateUniqueIdInRegistry',
        `Identifiant unique déjà présent dans le DMP : ${uid}.`,
        uid,
      );
    }
  }
  const contents = new Map<string, LotContent>();
  for (const e of lot.documentEntries) {
    const bytes = bytesOf(request, lot, e);
    contents.set(e.uniqueId, { bytes, sha1: checkEntry(e, bytes, patient.ins) });
  }
  const documents = new Map([...contents].map(([uid, c]) => [uid, c.bytes]));
  checkLotSignature(lot, documents, caller, dir);
  const replaced = checkReplacements(registry, lot, caller, patient.ins);
  const stored = withRegistryIds(lot);
  deps.store.write(() => {
    registry.addSubmission({
      ins: patient.ins,
      set: stored.submissionSet,
      entries: stored.documentEntries.map((e) => ({
        entry: asRegistered(e, contents.get(e.uniqueId), deps.repositoryUniqueId),
        authorIds: authorIdsOf(e),
        authorStructure: caller.structureId,
        content: {
          mimeType: e.mimeType,
          bytes: contents.get(e.uniqueId)?.bytes ?? Buffer.alloc(0),
        },
      })),
      associations: stored.associations,
    });
    for (const old of replaced) registry.setStatus(old, STATUS.Deprecated);
    const institution = lot.documentEntries[0]?.authors[0]?.institutions?.[0];
    const detail = `${lot.documentEntries.length} entrée(s)${institution ? `, ${parseXon(institution).name}` : ''}`;
    trace(deps, caller, 'TD2.1', patient.ins, 'ok', detail);
  });
}

export function provideAndRegister(deps: SandboxDeps, dir: CertificateDirectory): SoapHandler {
  return async (request) => {
    const caller = await deps.authenticate(request);
    const patient = patientOf(deps, caller);
    requireRight(deps, caller, caller.card === 'CPE' ? 'TD2.2' : 'TD2.1', patient.ins);
    if (patient.dmpStatus !== 'ACTIF') {
      throw new DmpFault('DMPClosed', "Le DMP de ce patient n'est pas actif : document refusé.");
    }
    if (deps.store.authorisation(patient.ins, caller.psId)?.status === 'INTERDIT') {
      throw new DmpFault('DMPAccessDeniedByPatient', 'Le patient a bloqué votre accès à son DMP.');
    }
    try {
      accept(deps, dir, request, caller, patient);
      return { bodyXml: buildRegistryResponse({ status: 'Success' }) };
    } catch (error) {
      if (!(error instanceof XdsFailure)) throw error;
      trace(deps, caller, 'TD2.1', patient.ins, 'refused', error.message);
      return { bodyXml: buildRegistryResponse({ status: 'Failure', errors: error.errors }) };
    }
  };
}
