// TD0.4: the DMPs the professional is authorised on, with their dates (PatientsSpecific
// patientList, DMP-INTERFACE §6). Not patient-scoped: the VIHF has no resource-id. `dateType`
// picks what `since` filters on: LASTAUTORIZATION (authorisations given since) or LASTDOC
// (documents added since). The three dates come as the DMP writes them (HL7 TS, local time);
// their exact meaning is UNCONFIRMED: lastUpdateDate is read as the last authorisation change
// and lastAddDate as the last document added, as the sample's values and the sandbox suggest.
import { isNavetteError } from '../../domain/errors/NavetteError.js';
import type { Ins } from '../../domain/ins/ins.js';
import type { TransportAbortSignal } from '../../domain/ports/HttpsTransport.js';
import {
  buildPatientListRequest,
  parsePatientListResponse,
  type PatientIdentifier,
  type PatientListDateType,
  type PatientListResponse,
} from '../../protocol/habilitations/index.js';
import type { DmpCall } from '../call/DmpCall.js';
import { DmpError, DmpResponseError } from '../errors/DmpError.js';
import type { DmpAccess } from '../vihf/VihfContext.js';

export interface AuthorizedPatientsQuery {
  /** Lower bound; a Date is written in Europe/Paris time (HL7 TS). */
  readonly since: Date | string;
  /** Default LASTAUTORIZATION. */
  readonly dateType?: PatientListDateType;
}

export interface AuthorizedPatient {
  /** The INS, when one identifier is a valid INS (the list may also carry an INS-C). */
  readonly ins: Ins | undefined;
  readonly identifiers: readonly PatientIdentifier[];
  readonly lastName: string | undefined;
  readonly firstName: string | undefined;
  /** YYYYMMDD. */
  readonly birthDate: string | undefined;
  /** The caller is this patient's médecin traitant. */
  readonly isMedecinTraitant: boolean;
  /** HL7 TS of the last document added (lastAddDate). */
  readonly lastDocumentDate: string | undefined;
  /** HL7 TS of the last authorisation change (lastUpdateDate). */
  readonly lastAuthorizationDate: string | undefined;
  /** HL7 TS of the last access (lastAccessDate). */
  readonly lastAccessDate: string | undefined;
}

export interface ListAuthorizedPatientsInput extends AuthorizedPatientsQuery {
  readonly access: DmpAccess;
  readonly timeoutMs?: number;
  readonly signal?: TransportAbortSignal;
}

function parsed(bodyXml: string): PatientListResponse {
  try {
    return parsePatientListResponse(bodyXml);
  } catch (error: unknown) {
    throw new DmpResponseError(
      'DMP_RESPONSE_INVALID',
      `La liste des DMP autorisés renvoyée par le DMP est illisible (${isNavetteError(error) ? error.code : 'contenu inattendu'}). Réessayez plus tard.`,
      { retryable: true, details: { transaction: 'TD0.4' }, cause: error },
    );
  }
}

export async function listAuthorizedPatients(
  call: DmpCall,
  input: ListAuthorizedPatientsInput,
): Promise<AuthorizedPatient[]> {
  const reply = await call.invoke({
    operation: 'patientList',
    bodyXml: buildPatientListRequest({
      startDate: input.since,
      dateType: input.dateType ?? 'LASTAUTORIZATION',
    }),
    access: input.access,
    ...(input.timeoutMs === undefined ? {} : { timeoutMs: input.timeoutMs }),
    ...(input.signal === undefined ? {} : { signal: input.signal }),
  });
  const answer = parsed(reply.envelope.bodyXml);
  if (answer.status !== undefined && !answer.ok) {
    throw new DmpError(
      'DMP_REQUEST_REJECTED',
      `Le DMP n'a pas donné la liste des dossiers autorisés (${answer.status}${answer.context === undefined ? '' : ` : « ${answer.context.slice(0, 300)} »`}).`,
      { retryable: false, details: { transaction: 'TD0.4', status: answer.status } },
    );
  }
  return answer.patients.map((p) => ({
    ins: p.ins,
    identifiers: p.identifiers,
    lastName: p.lastName,
    firstName: p.firstName,
    birthDate: p.dateOfBirth,
    isMedecinTraitant: p.isMedecinTraitant,
    lastDocumentDate: p.lastAddDate,
    lastAuthorizationDate: p.lastUpdateDate,
    lastAccessDate: p.lastAccessDate,
  }));
}
