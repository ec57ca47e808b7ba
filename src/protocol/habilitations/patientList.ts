// TD0.4 patientList (service /patients, PatientsSpecific.wsdl, namespace urn:si-dmp-patients):
// the DMPs on which the PS is authorised, changed since a date. Official samples:
// td0.4-liste-des-dmp-autorises.{request,response}.xml. Not patient-scoped.
import { createIns, type Ins } from '../../domain/ins/ins.js';
import { isInsOid } from '../../domain/ins/insOids.js';
import { toHl7Timestamp } from '../hl7v3/hl7Timestamp.js';
import {
  child,
  childText,
  children,
  invalidPayload,
  locatePayload,
  parseXsBoolean,
  type XmlInput,
} from '../hl7v3/xmlTree.js';
import {
  PATIENTS_SPECIFIC_NS,
  optionalElement,
  readWebServiceStatus,
  writeWebServiceStatus,
  type WebServiceStatus,
  type WebServiceStatusInput,
} from './webServiceResponse.js';

/** LASTAUTORIZATION: authorisations given since startDate; LASTDOC: documents added since. (WSDL spelling.) */
export type PatientListDateType = 'LASTAUTORIZATION' | 'LASTDOC';

export interface PatientListRequest {
  /** HL7 TS (YYYYMMDDHHMMSS) or a Date (formatted in Europe/Paris). */
  readonly startDate: Date | string;
  readonly dateType: PatientListDateType;
  /** psOwnerId (optional in the WSDL; not in the sample). */
  readonly psOwnerId?: string;
}

export interface PatientIdentifier {
  readonly nationalId: string;
  /** An OID: INS root, or 1.2.250.1.213.1.4.2 for the INS-C. */
  readonly nationalIdType: string;
}

export interface PatientListEntry {
  readonly identifiers: readonly PatientIdentifier[];
  /** The identifier under an INS root that validates, if any. */
  readonly ins: Ins | undefined;
  readonly lastName: string | undefined;
  readonly patronymicalName: string | undefined;
  readonly firstName: string | undefined;
  readonly civility: string | undefined;
  /** YYYYMMDD. */
  readonly dateOfBirth: string | undefined;
  /** MT: the requesting PS is this patient's médecin traitant. */
  readonly isMedecinTraitant: boolean;
  /** `message` flag of the WSDL (meaning UNCONFIRMED; false in the sample). */
  readonly message: boolean;
  readonly lastAccessDate: string | undefined;
  readonly lastUpdateDate: string | undefined;
  readonly lastAddDate: string | undefined;
}

export interface PatientListResponse extends WebServiceStatus {
  readonly patients: readonly PatientListEntry[];
}

const DATE_TYPES: readonly string[] = ['LASTAUTORIZATION', 'LASTDOC'];

export function buildPatientListRequest(request: PatientListRequest): string {
  return (
    `<patientList xmlns="${PATIENTS_SPECIFIC_NS}">` +
    `<startDate>${toHl7Timestamp(request.startDate)}</startDate>` +
    `<dateType>${request.dateType}</dateType>` +
    optionalElement('psOwnerId', request.psOwnerId) +
    '</patientList>'
  );
}

export interface ParsedPatientListRequest {
  readonly startDate: string | undefined;
  readonly dateType: PatientListDateType | undefined;
  readonly psOwnerId: string | undefined;
}

/** Test-server side. Every field is optional in the WSDL; a dateType outside the enum is refused. */
export function parsePatientListRequest(input: XmlInput): ParsedPatientListRequest {
  const el = locatePayload(input, 'patientList');
  const dateType = childText(el, 'dateType');
  if (dateType !== undefined && !DATE_TYPES.includes(dateType)) {
    invalidPayload('type de date inconnu (attendu LASTAUTORIZATION ou LASTDOC)', {
      dateType: dateType.slice(0, 30),
    });
  }
  return {
    startDate: childText(el, 'startDate'),
    dateType: dateType as PatientListDateType | undefined,
    psOwnerId: childText(el, 'psOwnerId'),
  };
}

function findIns(ids: readonly PatientIdentifier[]): Ins | undefined {
  for (const id of ids) {
    if (!isInsOid(id.nationalIdType)) continue;
    try {
      return createIns(id.nationalId, id.nationalIdType);
    } catch {
      // kept in `identifiers` only
    }
  }
  return undefined;
}

function readEntry(node: unknown): PatientListEntry {
  const identifiers = children(node, 'patientIdentifier').flatMap((p) => {
    const nationalId = childText(p, 'nationalId');
    const nationalIdType = childText(p, 'nationalIdType');
    return nationalId === undefined || nationalIdType === undefined
      ? []
      : [{ nationalId, nationalIdType }];
  });
  return {
    identifiers,
    ins: findIns(identifiers),
    lastName: childText(node, 'lastName'),
    patronymicalName: childText(node, 'patronymicalName'),
    firstName: childText(node, 'firstName'),
    civility: childText(node, 'civility'),
    dateOfBirth: childText(node, 'dateOfBirth'),
    isMedecinTraitant: parseXsBoolean(childText(node, 'MT')) ?? false,
    message: parseXsBoolean(childText(node, 'message')) ?? false,
    lastAccessDate: childText(node, 'lastAccessDate'),
    lastUpdateDate: childText(node, 'lastUpdateDate'),
    lastAddDate: childText(node, 'lastAddDate'),
  };
}

export function parsePatientListResponse(input: XmlInput): PatientListResponse {
  const el = locatePayload(input, 'patientListResponse');
  const output = child(el, 'output');
  return {
    ...readWebServiceStatus(output),
    patients: children(output, 'patientlistData').map(readEntry),
  };
}

export interface PatientListEntryInput {
  readonly identifiers: readonly PatientIdentifier[];
  readonly lastName?: string;
  readonly patronymicalName?: string;
  readonly firstName?: string;
  readonly civility?: string;
  readonly dateOfBirth?: string;
  readonly isMedecinTraitant: boolean;
  readonly message?: boolean;
  readonly lastAccessDate?: string;
  readonly lastUpdateDate?: string;
  readonly lastAddDate?: string;
}

/** Test-server side. Element order follows the WSDL sequence (PatientListData). */
export function buildPatientListResponse(
  patients: readonly PatientListEntryInput[],
  status: WebServiceStatusInput = {},
): string {
  const entries = patients
    .map(
      (p) =>
        '<patientlistData>' +
        p.identifiers
          .map(
            (id) =>
              '<patientIdentifier>' +
              optionalElement('nationalId', id.nationalId) +
              optionalElement('nationalIdType', id.nationalIdType) +
              '</patientIdentifier>',
          )
          .join('') +
        optionalElement('lastName', p.lastName) +
        optionalElement('patronymicalName', p.patronymicalName) +
        optionalElement('firstName', p.firstName) +
        optionalElement('civility', p.civility) +
        optionalElement('dateOfBirth', p.dateOfBirth) +
        `<MT>${String(p.isMedecinTraitant)}</MT>` +
        `<message>${String(p.message ?? false)}</message>` +
        optionalElement('lastAccessDate', p.lastAccessDate) +
        optionalElement('lastUpdateDate', p.lastUpdateDate) +
        optionalElement('lastAddDate', p.lastAddDate) +
        '</patientlistData>',
    )
    .join('');
  return (
    `<patientListResponse xmlns="${PATIENTS_SPECIFIC_NS}">` +
    `<output>${entries}${writeWebServiceStatus(status)}</output>` +
    '</patientListResponse>'
  );
}
