// TD1.6 listAuthorizationByPatient (service /habilitations, Habilitations.wsdl): the PS
// authorised on (ACTIVE) or blocked from (INTERDITE) the patient's DMP, or both (TOUTE). The
// patient is the VIHF resource-id. Official samples:
// td1.6-liste-des-ps-autorises-ou-bloques.{request,response}.xml.
import {
  child,
  childText,
  children,
  invalidPayload,
  locatePayload,
  text,
  type XmlInput,
} from '../hl7v3/xmlTree.js';
import type { AuthorizationRole } from './setAuthorization.js';
import {
  HABILITATIONS_NS,
  optionalElement,
  readWebServiceStatus,
  writeWebServiceStatus,
  type WebServiceStatus,
  type WebServiceStatusInput,
} from './webServiceResponse.js';

export type AuthorizationListMode = 'ACTIVE' | 'INTERDITE' | 'TOUTE';
/** The state of one PS's authorisation (TOUTE is only a query mode). */
export type AuthorizationState = 'ACTIVE' | 'INTERDITE';

const MODES: readonly string[] = ['ACTIVE', 'INTERDITE', 'TOUTE'];

export interface Speciality {
  /** e.g. G15_10/SM26. */
  readonly code: string | undefined;
  /** e.g. "Médecin - Qualifié en Médecine générale (SM)". */
  readonly label: string | undefined;
}

export interface ProfessionalAuthorization {
  /** The professional's idNat_PS (nationalIdType 1.2.250.1.71.4.2.1). */
  readonly nationalId: string | undefined;
  readonly nationalIdType: string | undefined;
  readonly firstName: string | undefined;
  readonly lastName: string | undefined;
  /** codeSpeciality[i] paired with libSpeciality[i]. */
  readonly specialities: readonly Speciality[];
  readonly startOfAuthorization: string | undefined;
  readonly lastActionDate: string | undefined;
  readonly mode: AuthorizationListMode | (string & {}) | undefined;
  /** specificRight values (MEDECIN_TRAITANT). */
  readonly specificRights: readonly string[];
}

export interface AuthorizationListResponse extends WebServiceStatus {
  readonly authorizations: readonly ProfessionalAuthorization[];
}

export function buildListAuthorizationByPatientRequest(mode: AuthorizationListMode): string {
  return `<listAuthorizationByPatient xmlns="${HABILITATIONS_NS}"><mode>${mode}</mode></listAuthorizationByPatient>`;
}

/** Test-server side. `mode` is optional in the WSDL; absent means TOUTE here (UNCONFIRMED). */
export function parseListAuthorizationByPatientRequest(input: XmlInput): {
  readonly mode: AuthorizationListMode;
} {
  const el = locatePayload(input, 'listAuthorizationByPatient');
  const mode = childText(el, 'mode');
  if (mode === undefined) return { mode: 'TOUTE' };
  if (!MODES.includes(mode)) {
    invalidPayload('mode de liste inconnu (attendu ACTIVE, INTERDITE ou TOUTE)', {
      mode: mode.slice(0, 20),
    });
  }
  return { mode: mode as AuthorizationListMode };
}

function readAuthorization(node: unknown): ProfessionalAuthorization {
  const codes = children(node, 'codeSpeciality').map(text);
  const labels = children(node, 'libSpeciality').map(text);
  const count = Math.max(codes.length, labels.length);
  const specialities: Speciality[] = [];
  for (let i = 0; i < count; i++) specialities.push({ code: codes[i], label: labels[i] });
  return {
    nationalId: childText(node, 'nationalId'),
    nationalIdType: childText(node, 'nationalIdType'),
    firstName: childText(node, 'firstName'),
    lastName: childText(node, 'lastName'),
    specialities,
    startOfAuthorization: childText(node, 'startOfAuthorization'),
    lastActionDate: childText(node, 'lastActionDate'),
    mode: childText(node, 'mode'),
    specificRights: children(node, 'specificRight').flatMap((r) => {
      const t = text(r);
      return t === undefined ? [] : [t];
    }),
  };
}

export function parseListAuthorizationByPatientResponse(
  input: XmlInput,
): AuthorizationListResponse {
  const el = locatePayload(input, 'listAuthorizationByPatientResponse');
  const output = child(el, 'output');
  return {
    ...readWebServiceStatus(output),
    authorizations: children(output, 'listOfAuthorizationByPatient').map(readAuthorization),
  };
}

export interface ProfessionalAuthorizationInput {
  readonly nationalId: string;
  /** Default 1.2.250.1.71.4.2.1 (idNat_PS). */
  readonly nationalIdType?: string;
  readonly firstName?: string;
  readonly lastName?: string;
  readonly specialities?: readonly { readonly code: string; readonly label?: string }[];
  readonly startOfAuthorization?: string;
  readonly lastActionDate?: string;
  readonly mode: AuthorizationState;
  readonly specificRights?: readonly AuthorizationRole[];
}

/** Test-server side. Order follows the WSDL sequence (AuthorizationByPatient). */
export function buildListAuthorizationByPatientResponse(
  authorizations: readonly ProfessionalAuthorizationInput[],
  status: WebServiceStatusInput = {},
): string {
  const entries = authorizations
    .map(
      (a) =>
        '<listOfAuthorizationByPatient>' +
        optionalElement('nationalId', a.nationalId) +
        optionalElement('nationalIdType', a.nationalIdType ?? '1.2.250.1.71.4.2.1') +
        optionalElement('firstName', a.firstName) +
        optionalElement('lastName', a.lastName) +
        (a.specialities ?? []).map((s) => optionalElement('codeSpeciality', s.code)).join('') +
        (a.specialities ?? []).map((s) => optionalElement('libSpeciality', s.label)).join('') +
        optionalElement('startOfAuthorization', a.startOfAuthorization) +
        optionalElement('lastActionDate', a.lastActionDate) +
        optionalElement('mode', a.mode) +
        (a.specificRights ?? []).map((r) => optionalElement('specificRight', r)).join('') +
        '</listOfAuthorizationByPatient>',
    )
    .join('');
  return (
    `<listAuthorizationByPatientResponse xmlns="${HABILITATIONS_NS}">` +
    // The sample sends an empty <context/> on success; an empty string reproduces it.
    `<output>${entries}${writeWebServiceStatus({ context: '', ...status })}</output>` +
    '</listAuthorizationByPatientResponse>'
  );
}
