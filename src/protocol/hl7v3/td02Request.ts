// TD0.2 (test d'existence du DMP et de l'autorisation) request: HL7v3 PRPA_IN201307UV02,
// "Patient Registry Get Demographics Query", reasonCode TEST_EXST. Only the SOAP Body payload;
// the envelope (WS-Addressing, VIHF) is soap/'s job. Shape copied from the official sample
// td0.2-test-d-existence.request.xml and validated against NE2009 PRPA_IN201307UV02.xsd.
// TD1.3a (consultation des données administratives) is the same message with CNSLT_DATA.
import { randomUUID } from 'node:crypto';
import { createIns, type Ins } from '../../domain/ins/ins.js';
import { InsError } from '../../domain/ins/InsError.js';
import { escapeXml } from '../xml/parse.js';
import {
  DMP_DEVICE_OID,
  DMP_REASON_CODE_SYSTEM,
  DMP_SOFTWARE_NAME,
  HL7_INTERACTION_ROOT,
  HL7V3_NS,
  TD02_REASON_DISPLAY,
  XSI_NS,
  type Td02ReasonCode,
} from './hl7v3Constants.js';
import { toHl7Timestamp } from './hl7Timestamp.js';
import {
  DmpPayloadError,
  attr,
  child,
  childText,
  instanceId,
  invalidPayload,
  locatePayload,
  path,
  type InstanceId,
  type XmlInput,
} from './xmlTree.js';

export const TD02_REQUEST_ELEMENT = 'PRPA_IN201307UV02';

/** A software or system as HL7 sees it (sender/receiver device). */
export interface Hl7Device {
  /** Device id root: the OID of the sending software (the sample uses 1.3.6.1.4.1.48364). */
  readonly oid: string;
  readonly softwareName: string;
}

export type ProcessingCode = 'P' | 'D' | 'T';

export interface Td02RequestInput {
  readonly ins: Ins;
  readonly sender: Hl7Device;
  /** creationTime: a Date (formatted in Europe/Paris) or an HL7 TS string. */
  readonly creationTime: Date | string;
  /** id/@extension; default a random UUID. */
  readonly messageId?: string;
  /** id/@root; default `<sender.oid>.1.1` as in the sample. */
  readonly messageIdRoot?: string;
  /** queryId/@extension; default a random UUID. */
  readonly queryId?: string;
  /** queryId/@root; default `<sender.oid>.2` as in the sample. */
  readonly queryIdRoot?: string;
  /** Default TEST_EXST (TD0.2). CNSLT_DATA gives TD1.3a. */
  readonly reason?: Td02ReasonCode;
  /** P (production, default), D (debugging: the official sample's value) or T (training). */
  readonly processingCode?: ProcessingCode;
  readonly receiver?: Hl7Device;
}

export interface BuiltTd02Request {
  readonly xml: string;
  /** What the response must echo (acknowledgement/targetMessage/id and queryAck/queryId). */
  readonly messageId: InstanceId & { readonly extension: string };
  readonly queryId: InstanceId & { readonly extension: string };
}

function device(typeCode: 'RCV' | 'SND', d: Hl7Device): string {
  const tag = typeCode === 'RCV' ? 'receiver' : 'sender';
  return (
    `<${tag} typeCode="${typeCode}"><device classCode="DEV" determinerCode="INSTANCE">` +
    `<id root="${escapeXml(d.oid)}"/><softwareName>${escapeXml(d.softwareName)}</softwareName>` +
    `</device></${tag}>`
  );
}

/** Builds the PRPA_IN201307UV02 Body payload of a TD0.2 (or TD1.3a) request. */
export function buildTd02Request(input: Td02RequestInput): BuiltTd02Request {
  const reason = input.reason ?? 'TEST_EXST';
  const messageId = {
    root: input.messageIdRoot ?? `${input.sender.oid}.1.1`,
    extension: input.messageId ?? randomUUID(),
  };
  const queryId = {
    root: input.queryIdRoot ?? `${input.sender.oid}.2`,
    extension: input.queryId ?? randomUUID(),
  };
  const receiver = input.receiver ?? { oid: DMP_DEVICE_OID, softwareName: DMP_SOFTWARE_NAME };
  const xml =
    `<PRPA_IN201307UV02 xmlns="${HL7V3_NS}" xmlns:xsi="${XSI_NS}" ITSVersion="XML_1.0">` +
    `<id root="${escapeXml(messageId.root)}" extension="${escapeXml(messageId.extension)}"/>` +
    `<creationTime value="${toHl7Timestamp(input.creationTime)}"/>` +
    `<interactionId root="${HL7_INTERACTION_ROOT}" extension="PRPA_IN201307UV02"/>` +
    `<processingCode code="${input.processingCode ?? 'P'}"/>` +
    '<processingModeCode code="T"/>' +
    '<acceptAckCode code="AL"/>' +
    device('RCV', receiver) +
    device('SND', input.sender) +
    // The two nil elements are in the official sample (which the DMP accepts): kept for fidelity.
    '<attentionLine xsi:nil="true"/>' +
    '<controlActProcess classCode="CACT" moodCode="EVN">' +
    `<reasonCode code="${reason}" codeSystem="${DMP_REASON_CODE_SYSTEM}" displayName="${escapeXml(TD02_REASON_DISPLAY[reason])}"/>` +
    '<queryByParameter>' +
    `<queryId root="${escapeXml(queryId.root)}" extension="${escapeXml(queryId.extension)}"/>` +
    '<statusCode code="new"/>' +
    '<parameterList>' +
    '<dataSource xsi:nil="true"/>' +
    '<patientIdentifier>' +
    `<value root="${input.ins.oid}" extension="${escapeXml(input.ins.matricule)}"/>` +
    '<semanticsText>Patient.id</semanticsText>' +
    '</patientIdentifier>' +
    '</parameterList>' +
    '</queryByParameter>' +
    '</controlActProcess>' +
    '</PRPA_IN201307UV02>';
  return { xml, messageId, queryId };
}

/** A TD0.2 request as the test server reads it. */
export interface Td02Request {
  readonly messageId: InstanceId;
  readonly creationTime: string | undefined;
  readonly processingCode: string | undefined;
  readonly sender: Hl7Device | undefined;
  readonly receiver: Hl7Device | undefined;
  readonly reasonCode: string | undefined;
  readonly queryId: InstanceId | undefined;
  /** The patient INS (validated: unknown OID or bad key raise InsError). */
  readonly ins: Ins;
}

function readDevice(node: unknown): Hl7Device | undefined {
  const d = child(node, 'device');
  const oid = attr(child(d, 'id'), 'root');
  if (oid === undefined) return undefined;
  return { oid, softwareName: childText(d, 'softwareName') ?? '' };
}

/**
 * Parses a PRPA_IN201307UV02 payload (text or parsed tree; the element itself, the Body or the
 * whole envelope). Throws DmpPayloadError for a structural problem and InsError for a bad INS.
 */
export function parseTd02Request(input: XmlInput): Td02Request {
  const msg = locatePayload(input, TD02_REQUEST_ELEMENT);
  const interaction = attr(child(msg, 'interactionId'), 'extension');
  if (interaction !== undefined && interaction !== 'PRPA_IN201307UV02') {
    invalidPayload(`interaction ${interaction.slice(0, 40)} au lieu de PRPA_IN201307UV02`);
  }
  const messageId = instanceId(child(msg, 'id'));
  if (messageId === undefined) invalidPayload('identifiant de message (id) absent');
  const cap = child(msg, 'controlActProcess');
  const query = child(cap, 'queryByParameter');
  const value = path(query, 'parameterList', 'patientIdentifier', 'value');
  const root = attr(value, 'root');
  const extension = attr(value, 'extension');
  if (root === undefined || extension === undefined) {
    invalidPayload('identifiant patient (patientIdentifier/value) absent');
  }
  let ins: Ins;
  try {
    ins = createIns(extension, root);
  } catch (e) {
    if (e instanceof InsError) throw e;
    throw new DmpPayloadError(
      'DMP_PAYLOAD_INVALID',
      'Identifiant patient illisible.',
      {},
      { cause: e },
    );
  }
  return {
    messageId,
    creationTime: attr(child(msg, 'creationTime'), 'value'),
    processingCode: attr(child(msg, 'processingCode'), 'code'),
    sender: readDevice(child(msg, 'sender')),
    receiver: readDevice(child(msg, 'receiver')),
    reasonCode: attr(child(cap, 'reasonCode'), 'code'),
    queryId: instanceId(child(query, 'queryId')),
    ins,
  };
}
