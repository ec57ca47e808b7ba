// TD2.1 / TD2.2: a document lot fed to the patient's DMP (IHE ITI-41 Provide and Register Document
// Set-b, DMP-INTERFACE §6–§8). Three steps, each usable alone:
//   submissionSetFor  the lot's RegistryPackage from the document's own metadata (author, patient)
//                     plus what the DMP wants of the sender (sourceId, contentTypeCode, time);
//   signLot           the XAdES lot signature (IHE DSG) over every document, made by the signer
//                     port (the card's SIGNATURE key in direct mode, ORG SIGN in indirect mode),
//                     and its DocumentEntry;
//   submitDocuments   the MTOM request to the repository service and its RegistryResponse.
// A Failure answer is thrown as the protocol's RegistryResponseError (stable code per XDS error
// family, every RegistryError kept) so the caller can tell a duplicate uniqueId from a refusal.
import { randomUUID } from 'node:crypto';
import { uuidToOid } from '../../domain/documents/documentIds.js';
import { isNavetteError } from '../../domain/errors/NavetteError.js';
import type { Ins } from '../../domain/ins/ins.js';
import type { SignatureAlgorithm, XmlSigner } from '../../domain/ports/XmlSigner.js';
import type { TransportAbortSignal } from '../../domain/ports/HttpsTransport.js';
import { buildLotSignature } from '../../protocol/dsig/index.js';
import {
  RegistryResponseError,
  buildProvideAndRegisterRequest,
  documentHashAndSize,
  lotSignatureEntry,
  parseRegistryResponse,
  toXdsDateTime,
  type DocumentEntryInput,
  type ProvideAndRegisterInput,
  type ProvidedDocument,
  type RegistryErrorItem,
  type RegistryStatus,
  type SubmissionSetInput,
  type SubmittedEntry,
  type XdsCode,
} from '../../protocol/xds/index.js';
import type { DmpCall } from '../call/DmpCall.js';
import { DmpResponseError } from '../errors/DmpError.js';
import type { DmpAccess } from '../vihf/VihfContext.js';

/**
 * XDSSubmissionSet.sourceId when the caller gives none. UNCONFIRMED: the DMP expects the
 * software's own OID (given with its homologation); until Navette has one, the root of the
 * official samples' HL7 sender device is used, as for TD0.2 (DEFAULT_SENDER_DEVICE).
 */
export const DEFAULT_SOURCE_ID = '1.3.6.1.4.1.48364';

/** TRE_R209-TypeActivite, one of the code systems of JDV_J59-ContentTypeCode-DMP. */
export const ACTIVITY_TYPE_SYSTEM = '1.2.250.1.213.2.2';
/** TRE_A01-CadreExercice: the practice setting (JDV_J04 / JDV_J62). */
export const PRACTICE_SETTING_SYSTEM = '1.2.250.1.213.1.1.4.9';

/**
 * The submission set's contentTypeCode (JDV_J59-ContentTypeCode-DMP), which no CDA carries
 * (CDA-CISIS §3). J59 takes codes from TRE_R209-TypeActivite, TRE_R02-SecteurActivite and
 * TRE_A00-ProducteurDocNonPS (ANS PDSm SubmissionSet binding). The rule, from the practice
 * setting: ambulatory care (AMBULATOIRE, a GP's practice) is TRE_R209 `07` "Consultation Soins
 * Externes", the code the ANS mapping gives an outpatient visit (HL7 v2 PV1-2 O → 07);
 * any other setting uses the document's facility type (healthcareFacilityTypeCode: TRE_R02 SAxx
 * or TRE_A00, both J59 systems), as the ANS XDM example does (SA04). UNCONFIRMED which values
 * the production DMP checks; a caller with a better answer passes its own code.
 */
export function contentTypeCodeFor(
  entry: Pick<DocumentEntryInput, 'practiceSettingCode' | 'healthcareFacilityTypeCode'>,
): XdsCode {
  const practice = entry.practiceSettingCode;
  if (practice.code === 'AMBULATOIRE' && practice.codingScheme === PRACTICE_SETTING_SYSTEM) {
    return {
      code: '07',
      codingScheme: ACTIVITY_TYPE_SYSTEM,
      displayName: 'Consultation Soins Externes',
    };
  }
  return entry.healthcareFacilityTypeCode;
}

/** A fresh OID for a lot or a signature (ITU-T X.667 arc 2.25, no registered arc needed). */
export function freshOid(newUuid: () => string = randomUUID): string {
  return uuidToOid(newUuid());
}

export interface SubmissionSetOptions {
  /** OID of the sending software (default DEFAULT_SOURCE_ID). */
  readonly sourceId?: string;
  /** Default `contentTypeCodeFor(entry)`. */
  readonly contentTypeCode?: XdsCode;
  readonly submissionTime: Date;
  /** Default a fresh 2.25 OID. */
  readonly uniqueId?: string;
  readonly title?: string;
  readonly comments?: string;
}

/**
 * The lot of one document: its patient, its first author (person, institution, specialty: the
 * author of the submission is the author of the document, DMP-INTERFACE §7.1), the sender's
 * sourceId, the submission time in UTC, a fresh uniqueId and the contentTypeCode.
 */
export function submissionSetFor(
  entry: DocumentEntryInput,
  options: SubmissionSetOptions,
): SubmissionSetInput {
  const author = entry.authors[0];
  const title = options.title ?? entry.title;
  return {
    uniqueId: options.uniqueId ?? freshOid(),
    sourceId: options.sourceId ?? DEFAULT_SOURCE_ID,
    patientId: entry.patientId,
    submissionTime: toXdsDateTime(options.submissionTime),
    contentTypeCode: options.contentTypeCode ?? contentTypeCodeFor(entry),
    authors: author === undefined ? [] : [author],
    ...(title === undefined ? {} : { title }),
    ...(options.comments === undefined ? {} : { comments: options.comments }),
  };
}

/** One document of a lot, as the sender has it. */
export interface LotDocumentInput {
  readonly entry: DocumentEntryInput;
  readonly content: Uint8Array;
  /** entryUUID of the DMP document this one replaces (RPLC). */
  readonly replaces?: string;
}

export interface SignLotInput {
  readonly submissionSet: SubmissionSetInput;
  readonly documents: readonly LotDocumentInput[];
  /** The lot signature key: the card's SIGNATURE key (direct) or ORG SIGN (indirect). */
  readonly signer: XmlSigner;
  /** Default rsa-sha256; rsa-sha1 gives the official sample's algorithms. */
  readonly algorithm?: SignatureAlgorithm;
  /** uniqueId of the signature's own DocumentEntry; default a fresh 2.25 OID. */
  readonly signatureUniqueId?: string;
  /** Default the submission time. */
  readonly signingTime?: Date;
}

/**
 * The lot with its XAdES signature (DMP-INTERFACE §8): the manifest names the lot's SubmissionSet
 * first with the zero digest, then covers every document's bytes by digest (IHE DSG, ITI TF-3
 * §5.5.3.1; the CNAM C# kit does the same), and the signature travels as one more DocumentEntry
 * (Signature01 of the sample) with the first document's author, facility and practice setting,
 * hidden from everybody. The signature is not in its own manifest.
 */
export async function signLot(input: SignLotInput): Promise<ProvideAndRegisterInput> {
  const first = input.documents[0];
  if (first === undefined) throw new TypeError('a lot needs at least one document');
  const signatureUniqueId = input.signatureUniqueId ?? freshOid();
  const time = input.submissionSet.submissionTime;
  const xades = new TextEncoder().encode(
    await buildLotSignature(
      {
        documents: input.documents.map((d) => ({ uniqueId: d.entry.uniqueId, content: d.content })),
        submissionSetUniqueId: input.submissionSet.uniqueId,
        ...(input.signingTime === undefined ? {} : { signingTime: input.signingTime }),
      },
      input.signer,
      input.algorithm === undefined ? {} : { algorithm: input.algorithm },
    ),
  );
  const signatureEntry = lotSignatureEntry({
    uniqueId: signatureUniqueId,
    patientId: input.submissionSet.patientId,
    authors:
      input.submissionSet.authors.length > 0 ? input.submissionSet.authors : first.entry.authors,
    ...(first.entry.legalAuthenticator === undefined
      ? {}
      : { legalAuthenticator: first.entry.legalAuthenticator }),
    time,
    healthcareFacilityTypeCode: first.entry.healthcareFacilityTypeCode,
    practiceSettingCode: first.entry.practiceSettingCode,
    ...documentHashAndSize(xades),
  });
  const documents: ProvidedDocument[] = input.documents.map((d) => ({
    entry: d.entry,
    content: d.content,
    contentSize: d.content.byteLength,
    ...(d.replaces === undefined ? {} : { replaces: d.replaces }),
  }));
  return {
    submissionSet: input.submissionSet,
    documents,
    signature: { entry: signatureEntry, content: xades, contentSize: xades.byteLength },
  };
}

export interface SubmitDocumentsInput {
  readonly lot: ProvideAndRegisterInput;
  readonly patient: Ins;
  readonly access: DmpAccess;
  readonly timeoutMs?: number;
  readonly signal?: TransportAbortSignal;
}

/** What the DMP accepted. */
export interface SubmittedLot {
  /** Success, or PartialSuccess (IHE allows it; the DMP's lots are all or nothing). */
  readonly status: RegistryStatus['status'];
  /** The submission set's entryUUID as sent. */
  readonly submissionSetId: string;
  readonly submissionSetUniqueId: string;
  /**
   * The entries as sent: their UUID ids are kept by the registry as entryUUIDs (IHE ITI TF-3
   * 4.2.3.1.5; UNCONFIRMED for the production DMP, which TD3.1b can confirm).
   */
  readonly entries: readonly SubmittedEntry[];
  /** Warnings of the answer (severity Warning). */
  readonly warnings: readonly RegistryErrorItem[];
}

function registryStatusOf(bodyXml: string): RegistryStatus {
  try {
    return parseRegistryResponse(bodyXml);
  } catch (error: unknown) {
    // The request was read and may have been processed: the caller must reconcile, not resend.
    throw new DmpResponseError(
      'DMP_RESPONSE_INVALID',
      `La réponse du DMP à l'envoi du document est illisible (${isNavetteError(error) ? error.code : 'contenu inattendu'}). ` +
        'Navette vérifiera dans le DMP si le document y est arrivé avant de le renvoyer.',
      { retryable: true, details: { transaction: 'TD2.1' }, cause: error },
    );
  }
}

/** Sends the lot (MTOM) and reads the RegistryResponse. Throws RegistryResponseError on Failure. */
export async function submitDocuments(
  call: DmpCall,
  input: SubmitDocumentsInput,
): Promise<SubmittedLot> {
  const built = buildProvideAndRegisterRequest(input.lot);
  const reply = await call.invoke({
    operation: 'provideAndRegisterDocumentSet',
    bodyXml: built.xml,
    attachments: built.attachments,
    patient: input.patient,
    access: input.access,
    ...(input.timeoutMs === undefined ? {} : { timeoutMs: input.timeoutMs }),
    ...(input.signal === undefined ? {} : { signal: input.signal }),
  });
  const status = registryStatusOf(reply.envelope.bodyXml);
  if (status.status === 'Failure') throw new RegistryResponseError(status);
  return {
    status: status.status,
    submissionSetId: built.submissionSetId,
    submissionSetUniqueId: input.lot.submissionSet.uniqueId,
    entries: built.entries,
    warnings: status.errors.filter((e) => e.severity === 'Warning'),
  };
}

/**
 * What the user can do about a refused lot, by error code: the XDS refusal families
 * (RegistryResponseError) and the DMP faults (DmpFaultError) a feed meets. Undefined for codes
 * whose message already says it all.
 */
export const SUBMISSION_FIXES: Readonly<Record<string, string>> = {
  DMP_METADATA_REJECTED:
    'Vérifiez les informations du document (type, dates, auteur, structure) dans le logiciel qui l’a produit, puis déposez-le à nouveau.',
  DMP_PATIENT_UNKNOWN:
    'Vérifiez l’INS du patient dans le document (identité qualifiée par le téléservice INSi).',
  DMP_PATIENT_MISMATCH: 'Vérifiez l’INS du patient dans le document.',
  DMP_DOCUMENT_UNIQUE_ID:
    'Donnez au document un nouvel identifiant (ClinicalDocument/id) dans le logiciel qui l’a produit.',
  DMP_DOCUMENT_ALREADY_REPLACED:
    'Faites pointer le remplacement (relatedDocument) vers la dernière version du document.',
  DMP_REFERENCE_UNKNOWN:
    'Vérifiez la version remplacée (relatedDocument), ou envoyez le document comme un nouveau document.',
  DMP_DOCUMENT_CORRUPTED:
    'Déposez le document à nouveau ; contactez l’assistance si cela se répète.',
  DMP_DOCUMENT_MISSING: 'Déposez le document à nouveau ; contactez l’assistance si cela se répète.',
  DMP_ACCESS_DENIED:
    'Vérifiez que votre profil peut alimenter ce DMP et que le patient ne vous a pas bloqué. Sinon, ce document ne peut pas être déposé par vous.',
  DMP_INVALID_CERTIFICATE:
    'Vérifiez la carte CPS ou le certificat de la structure (commande « navette doctor »), puis relancez l’envoi.',
  DMP_STRUCTURE_REFUSED: 'Corrigez le réglage structure.id, puis relancez l’envoi.',
  DMP_SPECIALTY_MISSING: 'Contactez l’assistance de Navette, puis relancez l’envoi.',
  DMP_ADDRESSING_REFUSED: 'Signalez cette anomalie à l’assistance de Navette.',
};
