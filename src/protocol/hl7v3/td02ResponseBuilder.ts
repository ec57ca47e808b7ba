// TD0.2 response payload (PRPA_IN201308UV02) built by the DMP test server. Same shape as the
// official sample td0.2-test-d-existence.response.xml; validated against NE2009 in the
// conformance tests. Reading is in td02Response.ts.
import type { Ins } from '../../domain/ins/ins.js';
import { escapeXml } from '../xml/parse.js';
import {
  ATTENTION_AUTORISATION_SYSTEM,
  ATTENTION_AUTORISATION_VALUE_SYSTEM,
  ATTENTION_STATUT_MT_SYSTEM,
  DMP_DEVICE_OID,
  DMP_REASON_CODE_SYSTEM,
  DMP_SOFTWARE_NAME,
  HL7_INTERACTION_ROOT,
  HL7V3_NS,
  OBSERVATION_COMPTE_INTERNET_SYSTEM,
  OBSERVATION_RATTACHEMENT_ENS_SYSTEM,
  TD02_REASON_DISPLAY,
  XSI_NS,
  type Td02ReasonCode,
} from './hl7v3Constants.js';
import { toHl7Timestamp } from './hl7Timestamp.js';
import type { Hl7Device } from './td02Request.js';
import type { DmpAuthorization } from './td02Response.js';
import type { InstanceId } from './xmlTree.js';

export interface Td02PatientInput {
  readonly ins: Ins;
  /** INS-C (1.2.250.1.213.1.4.2), when the seeded patient has one. */
  readonly insC?: string;
  /** Default 'active'; 'terminated' for a closed DMP. */
  readonly statusCode?: string;
  readonly prefix?: string;
  readonly given: readonly string[];
  readonly family: string;
  /** Default 'SP' as in the official sample. */
  readonly familyQualifier?: string;
  readonly telecoms?: readonly { readonly value: string; readonly use?: string }[];
  /** M, F or U. */
  readonly administrativeGender?: string;
  /** HL7 TS (YYYYMMDD). */
  readonly birthTime?: string;
  readonly internetAccountOpen?: boolean;
  readonly linkedToMonEspaceSante?: boolean;
}

export type Td02Outcome =
  | {
      readonly kind: 'found';
      readonly authorization: DmpAuthorization;
      readonly isMedecinTraitant: boolean;
      readonly patient: Td02PatientInput;
    }
  | { readonly kind: 'not-found' }
  | {
      /** An application error (AE) such as DMPClosed, with its French text. */
      readonly kind: 'error';
      readonly code: string;
      readonly text: string;
      readonly codeSystem?: string;
    };

export interface Td02ResponseInput {
  /** id/@root of the response (a UUID in the sample). */
  readonly messageId: string;
  readonly creationTime: Date | string;
  /** The request being answered (its id and queryId are echoed). */
  readonly request: {
    readonly messageId: InstanceId;
    readonly queryId?: InstanceId | undefined;
    readonly reasonCode?: string | undefined;
  };
  /** The requester (becomes the receiver). */
  readonly requester: Hl7Device;
  readonly outcome: Td02Outcome;
  readonly sender?: Hl7Device;
}

function ii(tag: string, id: InstanceId): string {
  const ext = id.extension === undefined ? '' : ` extension="${escapeXml(id.extension)}"`;
  return `<${tag}${ext} root="${escapeXml(id.root)}"/>`;
}

function deviceXml(tag: 'receiver' | 'sender', d: Hl7Device): string {
  const typeCode = tag === 'receiver' ? 'RCV' : 'SND';
  return (
    `<${tag} typeCode="${typeCode}"><device classCode="DEV" determinerCode="INSTANCE">` +
    `<id root="${escapeXml(d.oid)}"/><softwareName>${escapeXml(d.softwareName)}</softwareName></device></${tag}>`
  );
}

function observation(
  code: string,
  codeSystem: string,
  value: boolean,
  displayName?: string,
): string {
  const dn = displayName === undefined ? '' : ` displayName="${escapeXml(displayName)}"`;
  return (
    '<subjectOf typeCode="SBJ"><administrativeObservation classCode="OBS" moodCode="EVN">' +
    `<code code="${code}" codeSystem="${codeSystem}"${dn}/>` +
    `<value value="${String(value)}" xsi:type="BL"/>` +
    '</administrativeObservation></subjectOf>'
  );
}

function patientXml(p: Td02PatientInput): string {
  const ids =
    (p.insC === undefined ? '' : ii('id', { root: '1.2.250.1.213.1.4.2', extension: p.insC })) +
    ii('id', { root: p.ins.oid, extension: p.ins.matricule });
  const name =
    '<name>' +
    (p.prefix === undefined ? '' : `<prefix>${escapeXml(p.prefix)}</prefix>`) +
    p.given.map((g) => `<given>${escapeXml(g)}</given>`).join('') +
    `<family qualifier="${escapeXml(p.familyQualifier ?? 'SP')}">${escapeXml(p.family)}</family>` +
    '</name>';
  const telecoms = (p.telecoms ?? [])
    .map(
      (t) =>
        `<telecom${t.use === undefined ? '' : ` use="${escapeXml(t.use)}"`} value="${escapeXml(t.value)}"/>`,
    )
    .join('');
  return (
    '<subject1 typeCode="SBJ"><patient classCode="PAT">' +
    ids +
    `<statusCode code="${escapeXml(p.statusCode ?? 'active')}"/>` +
    '<patientPerson classCode="PSN" determinerCode="INSTANCE">' +
    name +
    telecoms +
    (p.administrativeGender === undefined
      ? ''
      : `<administrativeGenderCode code="${escapeXml(p.administrativeGender)}"/>`) +
    (p.birthTime === undefined ? '' : `<birthTime value="${toHl7Timestamp(p.birthTime)}"/>`) +
    '</patientPerson>' +
    (p.internetAccountOpen === undefined
      ? ''
      : observation(
          'COMPTE_INTERNET_OUVERT',
          OBSERVATION_COMPTE_INTERNET_SYSTEM,
          p.internetAccountOpen,
        )) +
    (p.linkedToMonEspaceSante === undefined
      ? ''
      : observation(
          'RATTACHEMENT_ENS',
          OBSERVATION_RATTACHEMENT_ENS_SYSTEM,
          p.linkedToMonEspaceSante,
          'information de rattachement du DMP à un ENS',
        )) +
    '</patient></subject1>'
  );
}

/** Builds the PRPA_IN201308UV02 Body payload answering a TD0.2 request (test server). */
export function buildTd02Response(input: Td02ResponseInput): string {
  const { outcome } = input;
  const reason: Td02ReasonCode =
    input.request.reasonCode === 'CNSLT_DATA' ? 'CNSLT_DATA' : 'TEST_EXST';
  const display = TD02_REASON_DISPLAY[reason];
  const attention =
    outcome.kind === 'found'
      ? '<attentionLine>' +
        `<keyWordText code="AUTORISATION" codeSystem="${ATTENTION_AUTORISATION_SYSTEM}"/>` +
        `<value code="${outcome.authorization}" codeSystem="${ATTENTION_AUTORISATION_VALUE_SYSTEM}" xsi:type="CV"/>` +
        '</attentionLine>' +
        '<attentionLine>' +
        `<keyWordText code="STATUT_MT" codeSystem="${ATTENTION_STATUT_MT_SYSTEM}"/>` +
        `<value value="${String(outcome.isMedecinTraitant)}" xsi:type="BL"/>` +
        '</attentionLine>'
      : '';
  const details =
    outcome.kind === 'error'
      ? '<acknowledgementDetail typeCode="E">' +
        `<code code="${escapeXml(outcome.code)}"${outcome.codeSystem === undefined ? '' : ` codeSystem="${escapeXml(outcome.codeSystem)}"`}/>` +
        `<text>${escapeXml(outcome.text)}</text>` +
        '</acknowledgementDetail>'
      : '';
  const subject =
    outcome.kind === 'found'
      ? '<subject contextConductionInd="false" typeCode="SUBJ"><registrationEvent classCode="REG" moodCode="EVN">' +
        '<statusCode code="completed"/>' +
        patientXml(outcome.patient) +
        `<custodian typeCode="CST"><assignedEntity classCode="ASSIGNED"><id root="${DMP_DEVICE_OID}"/></assignedEntity></custodian>` +
        '</registrationEvent></subject>'
      : '';
  const queryResponseCode =
    outcome.kind === 'found' ? 'OK' : outcome.kind === 'not-found' ? 'NF' : 'AE';
  return (
    `<PRPA_IN201308UV02 xmlns="${HL7V3_NS}" xmlns:xsi="${XSI_NS}" ITSVersion="XML_1.0">` +
    `<id root="${escapeXml(input.messageId)}"/>` +
    `<creationTime value="${toHl7Timestamp(input.creationTime)}"/>` +
    `<interactionId extension="PRPA_IN201308UV02" root="${HL7_INTERACTION_ROOT}"/>` +
    '<processingCode code="P"/><processingModeCode code="T"/><acceptAckCode code="NE"/>' +
    deviceXml('receiver', input.requester) +
    deviceXml('sender', input.sender ?? { oid: DMP_DEVICE_OID, softwareName: DMP_SOFTWARE_NAME }) +
    attention +
    `<acknowledgement typeCode="${outcome.kind === 'error' ? 'AE' : 'AA'}">` +
    '<targetMessage>' +
    ii('id', input.request.messageId) +
    '</targetMessage>' +
    details +
    '</acknowledgement>' +
    '<controlActProcess classCode="CACT" moodCode="EVN">' +
    `<reasonCode code="${escapeXml(reason)}" codeSystem="${DMP_REASON_CODE_SYSTEM}" displayName="${escapeXml(display)}"/>` +
    subject +
    '<queryAck>' +
    (input.request.queryId === undefined ? '' : ii('queryId', input.request.queryId)) +
    `<queryResponseCode code="${queryResponseCode}"/>` +
    '</queryAck>' +
    '</controlActProcess>' +
    '</PRPA_IN201308UV02>'
  );
}
