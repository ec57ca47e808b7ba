// TD0.2: does this patient have a DMP, and may the caller use it? (DMP-INTERFACE §6.) HL7v3
// PRPA_IN201307UV02 with reasonCode TEST_EXST to the patients service; the answer
// PRPA_IN201308UV02 carries the DMP's status, the caller's authorisation (VALIDE, INTERDIT,
// EXPIRE, NON_EXISTE), whether the caller is the médecin traitant, and whether the DMP is linked
// to the patient's Mon Espace Santé.
import type { AccessMode } from '../../domain/access/accessModes.js';
import type { Ins } from '../../domain/ins/ins.js';
import { sameIns } from '../../domain/ins/ins.js';
import { isNavetteError } from '../../domain/errors/NavetteError.js';
import {
  buildTd02Request,
  parseTd02Response,
  type DmpAuthorization,
  type DmpStatus,
  type Hl7Device,
  type Td02Response,
} from '../../protocol/hl7v3/index.js';
import type { DmpCall } from '../call/DmpCall.js';
import { DmpRejectionError, DmpResponseError } from '../errors/DmpError.js';
import type { DmpAccess } from '../vihf/VihfContext.js';

export interface DmpExistence {
  /** A DMP exists for this INS (open or closed). */
  readonly exists: boolean;
  /** ACTIF, FERME, INEXISTANT, or INCONNU when the answer does not say. */
  readonly status: DmpStatus | 'INCONNU';
  /** The caller's authorisation as the DMP wrote it; null when absent (no DMP). */
  readonly authorization: DmpAuthorization | (string & {}) | null;
  /** authorization === VALIDE. */
  readonly authorized: boolean;
  /** STATUT_MT: the caller is the patient's médecin traitant. */
  readonly isMedecinTraitant: boolean | null;
  /** RATTACHEMENT_ENS: the DMP is linked to the patient's Mon Espace Santé. */
  readonly linkedToMonEspaceSante: boolean | null;
  /** COMPTE_INTERNET_OUVERT. */
  readonly internetAccountOpen: boolean | null;
  /** The access mode of the call. */
  readonly accessMode: AccessMode;
  /** DMP codes of the answer (acknowledgement details), e.g. DMPClosed. */
  readonly dmpCodes: readonly string[];
}

export interface TestExistenceInput {
  readonly ins: Ins;
  readonly access: DmpAccess;
  readonly device: Hl7Device;
  readonly now: Date;
}

const ERROR_ACKS = new Set(['AE', 'AR', 'CE', 'CR']);

function parsed(bodyXml: string): Td02Response {
  try {
    return parseTd02Response(bodyXml);
  } catch (error: unknown) {
    throw new DmpResponseError(
      'DMP_RESPONSE_INVALID',
      `La réponse du DMP au test d'existence est illisible (${isNavetteError(error) ? error.code : 'contenu inattendu'}). ` +
        "Réessayez ; contactez l'assistance si le problème persiste.",
      { retryable: false, details: { transaction: 'TD0.2' }, cause: error },
    );
  }
}

export async function testExistence(
  call: DmpCall,
  input: TestExistenceInput,
): Promise<DmpExistence> {
  const request = buildTd02Request({
    ins: input.ins,
    sender: input.device,
    creationTime: input.now,
  });
  const reply = await call.invoke({
    operation: 'patientRegistryQuery',
    bodyXml: request.xml,
    patient: input.ins,
    access: input.access,
  });
  const answer = parsed(reply.envelope.bodyXml);
  if (
    answer.queryId?.extension !== undefined &&
    answer.queryId.extension !== request.queryId.extension
  ) {
    throw new DmpResponseError(
      'DMP_RESPONSE_MISMATCH',
      'La réponse du DMP ne correspond pas à la demande envoyée (identifiant de requête différent). Réessayez.',
      { retryable: true, details: { transaction: 'TD0.2' } },
    );
  }
  const ackType = answer.acknowledgement?.typeCode;
  if (answer.dmpStatus === undefined && ackType !== undefined && ERROR_ACKS.has(ackType)) {
    const texts = (answer.acknowledgement?.details ?? [])
      .map((d) => d.text ?? d.displayName)
      .filter((t): t is string => t !== undefined && t !== '');
    throw new DmpRejectionError(
      `Le DMP a rejeté le test d'existence (${answer.errorCodes.join(', ') || ackType}${texts.length > 0 ? ` : « ${texts.join(' ; ').slice(0, 300)} »` : ''}).`,
      answer.errorCodes,
      { transaction: 'TD0.2', acknowledgement: ackType },
    );
  }
  const returnedIns = answer.patient?.ins;
  if (returnedIns !== undefined && !sameIns(returnedIns, input.ins)) {
    // Identity vigilance: an answer about another patient is never shown or used.
    throw new DmpResponseError(
      'DMP_RESPONSE_MISMATCH',
      "La réponse du DMP concerne un autre identifiant patient que celui demandé : elle n'est pas utilisée. " +
        "Vérifiez l'INS et son type ; contactez l'assistance si le problème persiste.",
      { retryable: false, details: { transaction: 'TD0.2' } },
    );
  }
  const status = answer.dmpStatus ?? 'INCONNU';
  return {
    exists: status === 'ACTIF' || status === 'FERME',
    status,
    authorization: answer.authorization ?? null,
    authorized: answer.authorization === 'VALIDE',
    isMedecinTraitant: answer.isMedecinTraitant ?? null,
    linkedToMonEspaceSante: answer.patient?.linkedToMonEspaceSante ?? null,
    internetAccountOpen: answer.patient?.internetAccountOpen ?? null,
    accessMode: input.access.mode,
    dmpCodes: answer.errorCodes,
  };
}
