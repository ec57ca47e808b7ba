// TD0.2 response: HL7v3 PRPA_IN201308UV02, read by the client (built by the test server in
// td02ResponseBuilder.ts). Official sample: td0.2-test-d-existence.response.xml. What it carries:
// - attentionLine AUTORISATION (code system 1.2.250.1.213.4.1.2.6.1) with a CV value VALIDE,
//   INTERDIT, EXPIRE or NON_EXISTE (.6.2): the requesting PS's authorisation on this DMP;
// - attentionLine STATUT_MT (.6.3) with a BL value: the requester is the médecin traitant;
// - acknowledgement (typeCode AA/AE/AR, as attribute or, in the TD0.5 sample, as child element)
//   with optional acknowledgementDetail codes such as DMPClosed;
// - controlActProcess/queryAck/queryResponseCode OK (found) or NF (no DMP);
// - the patient: ids (INS-C .4.2 and the INS), statusCode, name, telecoms, gender, birthTime,
//   administrativeObservations COMPTE_INTERNET_OUVERT and RATTACHEMENT_ENS (linked to Mon Espace
//   Santé).
// DMP status (ACTIF/FERME/INEXISTANT, DMPC TD02Response) is derived: NF → INEXISTANT; patient
// statusCode active → ACTIF; terminated/nullified/obsolete (TD1.4 sample returns terminated
// after closing) or an acknowledgement detail DMPClosed → FERME. The mapping of a closed DMP
// in TD0.2 itself is UNCONFIRMED (no sample); both signals are honoured.
import { createIns, type Ins } from '../../domain/ins/ins.js';
import { isInsOid } from '../../domain/ins/insOids.js';
import {
  attr,
  child,
  childText,
  children,
  instanceId,
  invalidPayload,
  locatePayload,
  parseXsBoolean,
  path,
  text,
  type InstanceId,
  type XmlInput,
} from './xmlTree.js';

export const TD02_RESPONSE_ELEMENT = 'PRPA_IN201308UV02';

export type DmpAuthorization = 'VALIDE' | 'INTERDIT' | 'EXPIRE' | 'NON_EXISTE';
export type DmpStatus = 'ACTIF' | 'FERME' | 'INEXISTANT';

export interface AcknowledgementDetail {
  readonly typeCode: string | undefined;
  readonly code: string | undefined;
  readonly codeSystem: string | undefined;
  readonly displayName: string | undefined;
  readonly text: string | undefined;
}

export interface Td02Acknowledgement {
  /** AA accepted, AE application error, AR rejected (CA/CE/CR in commit-level acks). */
  readonly typeCode: string | undefined;
  readonly targetMessageId: InstanceId | undefined;
  readonly details: readonly AcknowledgementDetail[];
}

export interface PersonName {
  readonly prefix: string | undefined;
  readonly given: readonly string[];
  readonly family: string | undefined;
  /** HL7 EntityNamePartQualifier of the family name (SP, BR…). */
  readonly familyQualifier: string | undefined;
}

export interface Td02Patient {
  /** Every patient id as received (INS-C, INS…). */
  readonly ids: readonly InstanceId[];
  /** The INS among the ids, when one is under an INS root and validates. */
  readonly ins: Ins | undefined;
  readonly statusCode: string | undefined;
  readonly names: readonly PersonName[];
  readonly telecoms: readonly { readonly value: string; readonly use: string | undefined }[];
  readonly administrativeGender: string | undefined;
  readonly birthTime: string | undefined;
  /** COMPTE_INTERNET_OUVERT. */
  readonly internetAccountOpen: boolean | undefined;
  /** RATTACHEMENT_ENS: the DMP is linked to the patient's Mon Espace Santé. */
  readonly linkedToMonEspaceSante: boolean | undefined;
  /** Every administrativeObservation by code (BL values as booleans, others as text). */
  readonly observations: Readonly<Record<string, boolean | string>>;
}

export interface Td02Response {
  readonly messageId: InstanceId | undefined;
  readonly creationTime: string | undefined;
  readonly acknowledgement: Td02Acknowledgement | undefined;
  readonly reasonCode: string | undefined;
  readonly queryId: InstanceId | undefined;
  /** OK, NF (no DMP), QE (query error), AE (application error). */
  readonly queryResponseCode: string | undefined;
  readonly dmpStatus: DmpStatus | undefined;
  /** The requester's authorisation, as the code received (an unknown code is kept verbatim). */
  readonly authorization: DmpAuthorization | (string & {}) | undefined;
  /** STATUT_MT. */
  readonly isMedecinTraitant: boolean | undefined;
  readonly patient: Td02Patient | undefined;
  /** Error codes from acknowledgementDetail and detectedIssueEvent (e.g. DMPClosed). */
  readonly errorCodes: readonly string[];
}

function readDetails(ack: unknown): AcknowledgementDetail[] {
  return children(ack, 'acknowledgementDetail').map((d) => {
    const code = child(d, 'code');
    return {
      typeCode: attr(d, 'typeCode'),
      code: attr(code, 'code'),
      codeSystem: attr(code, 'codeSystem'),
      displayName: attr(code, 'displayName'),
      text: childText(d, 'text'),
    };
  });
}

function readAcknowledgement(msg: unknown): Td02Acknowledgement | undefined {
  const ack = child(msg, 'acknowledgement');
  if (ack === undefined) return undefined;
  return {
    typeCode: attr(ack, 'typeCode') ?? attr(child(ack, 'typeCode'), 'code'),
    targetMessageId: instanceId(path(ack, 'targetMessage', 'id')),
    details: readDetails(ack),
  };
}

function readAttentionLines(msg: unknown): { authorization?: string; isMedecinTraitant?: boolean } {
  const out: { authorization?: string; isMedecinTraitant?: boolean } = {};
  for (const line of children(msg, 'attentionLine')) {
    const keyword = attr(child(line, 'keyWordText'), 'code');
    const value = child(line, 'value');
    if (keyword === 'AUTORISATION') {
      const code = attr(value, 'code');
      if (code !== undefined) out.authorization = code;
    } else if (keyword === 'STATUT_MT') {
      const b = parseXsBoolean(attr(value, 'value'));
      if (b !== undefined) out.isMedecinTraitant = b;
    }
  }
  return out;
}

function readName(node: unknown): PersonName {
  const family = child(node, 'family');
  return {
    prefix: childText(node, 'prefix'),
    given: children(node, 'given').map((g) => text(g) ?? ''),
    family: text(family),
    familyQualifier: attr(family, 'qualifier'),
  };
}

function readPatient(patient: unknown): Td02Patient {
  const ids = children(patient, 'id').flatMap((n) => {
    const id = instanceId(n);
    return id ? [id] : [];
  });
  let ins: Ins | undefined;
  for (const id of ids) {
    if (ins === undefined && id.extension !== undefined && isInsOid(id.root)) {
      try {
        ins = createIns(id.extension, id.root);
      } catch {
        // An INS the DMP sends back with a bad key stays in `ids`; callers compare with theirs.
      }
    }
  }
  const person = child(patient, 'patientPerson');
  const observations: Record<string, boolean | string> = {};
  for (const subjectOf of children(patient, 'subjectOf')) {
    const obs = child(subjectOf, 'administrativeObservation');
    const code = attr(child(obs, 'code'), 'code');
    const value = child(obs, 'value');
    if (code === undefined) continue;
    const raw = attr(value, 'value') ?? attr(value, 'code') ?? text(value) ?? '';
    observations[code] = attr(value, 'type') === 'BL' ? (parseXsBoolean(raw) ?? raw) : raw;
  }
  const bool = (code: string): boolean | undefined => {
    const v = observations[code];
    return typeof v === 'boolean' ? v : undefined;
  };
  return {
    ids,
    ins,
    statusCode: attr(child(patient, 'statusCode'), 'code'),
    names: children(person, 'name').map(readName),
    telecoms: children(person, 'telecom').flatMap((t) => {
      const value = attr(t, 'value');
      return value === undefined ? [] : [{ value, use: attr(t, 'use') }];
    }),
    administrativeGender: attr(child(person, 'administrativeGenderCode'), 'code'),
    birthTime: attr(child(person, 'birthTime'), 'value'),
    internetAccountOpen: bool('COMPTE_INTERNET_OUVERT'),
    linkedToMonEspaceSante: bool('RATTACHEMENT_ENS'),
    observations,
  };
}

const CLOSED_STATUSES = new Set(['terminated', 'nullified', 'obsolete', 'cancelled']);

function deriveStatus(
  queryResponseCode: string | undefined,
  patient: Td02Patient | undefined,
  errors: readonly string[],
): DmpStatus | undefined {
  if (errors.includes('DMPClosed')) return 'FERME';
  if (queryResponseCode === 'NF') return 'INEXISTANT';
  if (patient?.statusCode === 'active') return 'ACTIF';
  if (patient?.statusCode !== undefined && CLOSED_STATUSES.has(patient.statusCode)) return 'FERME';
  return undefined;
}

/** Parses a PRPA_IN201308UV02 payload (text or tree; element, Body or envelope). */
export function parseTd02Response(input: XmlInput): Td02Response {
  const msg = locatePayload(input, TD02_RESPONSE_ELEMENT);
  const interaction = attr(child(msg, 'interactionId'), 'extension');
  if (interaction !== undefined && interaction !== 'PRPA_IN201308UV02') {
    invalidPayload(`interaction ${interaction.slice(0, 40)} au lieu de PRPA_IN201308UV02`);
  }
  const acknowledgement = readAcknowledgement(msg);
  const cap = child(msg, 'controlActProcess');
  const patientNode = path(cap, 'subject', 'registrationEvent', 'subject1', 'patient');
  const patient = patientNode === undefined ? undefined : readPatient(patientNode);
  const issueCodes = children(cap, 'reasonOf').flatMap((r) => {
    const code = attr(path(r, 'detectedIssueEvent', 'code'), 'code');
    return code === undefined ? [] : [code];
  });
  const errorCodes = [
    ...(acknowledgement?.details ?? []).flatMap((d) => (d.code === undefined ? [] : [d.code])),
    ...issueCodes,
  ];
  const queryAck = child(cap, 'queryAck');
  const queryResponseCode = attr(child(queryAck, 'queryResponseCode'), 'code');
  const lines = readAttentionLines(msg);
  return {
    messageId: instanceId(child(msg, 'id')),
    creationTime: attr(child(msg, 'creationTime'), 'value'),
    acknowledgement,
    reasonCode: attr(child(cap, 'reasonCode'), 'code'),
    queryId: instanceId(child(queryAck, 'queryId')),
    queryResponseCode,
    dmpStatus: deriveStatus(queryResponseCode, patient, errorCodes),
    authorization: lines.authorization,
    isMedecinTraitant: lines.isMedecinTraitant,
    patient,
    errorCodes,
  };
}
