// CDA header → XDS DocumentEntry (CDA-CISIS §3, DMP-INTERFACE §7.2): the metadata Navette sends
// with the document in TD2.1. Codes come from the header (type, practice setting, facility,
// confidentiality), class and format from the ANS association tables, times are converted to
// UTC, the patient is the INS in CX form, the visibility chosen by the user adds the DMP
// confidentiality codes after the document's own code.
import { NORMAL_VISIBILITY, type DocumentVisibility } from '../../domain/documents/visibility.js';
import { formatInstanceId, type InstanceId } from '../../domain/documents/documentIds.js';
import { formatInsCx } from '../../domain/ins/insCx.js';
import { PS_NATIONAL_ID_OID } from '../../domain/professionals/idNatPs.js';
import {
  confidentialityCodesFor,
  documentHashAndSize,
  escapeHl7,
  formatCodedAttribute,
  formatSourcePatientInfo,
  formatXcn,
  formatXon,
  type DocumentEntryInput,
  type XdsAuthor,
  type XdsCode,
} from '../xds/index.js';
import {
  authorValues,
  codedValue,
  facilityTypeValue,
  instanceId,
  legalAuthenticatorValues,
  patientValues,
  serviceEventValues,
  templateIds,
  type AuthorValues,
  type CodedValue,
} from './cdaHeaderValues.js';
import { cdaTimeToUtc } from './cdaTime.js';
import { classCodeFor } from './classCodes.js';
import { formatCodeForMediaType, formatCodeForTemplates } from './formatCodes.js';
import { cdaError, quote, type CdaProblem } from './problems.js';
import type { CdaDocument } from './readCda.js';
import { nonXmlBodyText } from './rules/bodyRules.js';
import { attr, hl7Child, textOf } from './xmlElement.js';

export const CDA_MIME_TYPE = 'text/xml';
/** A self-presentable CDA (stylesheet + document in one file), per the ANS XDS mapping. */
export const SELF_PRESENTABLE_MIME_TYPE = 'application/xslt+xml';

export interface CdaToDocumentEntryOptions {
  /** The exact bytes that will be sent (hash and size). */
  readonly bytes: Uint8Array;
  /** The user's visibility choice (DMP confidentiality codes). Default: normal. */
  readonly visibility?: DocumentVisibility;
  /** IANA zone for times written without offset. Default Europe/Paris. */
  readonly timeZone?: string;
}

export interface CdaToDocumentEntryResult {
  /** Undefined when a required value is missing (see `missing` and `problems`). */
  readonly entry: DocumentEntryInput | undefined;
  /** Mapping problems (class or format code without a row in the ANS tables). */
  readonly problems: readonly CdaProblem[];
  /** Names of the required XDS fields the header could not fill. */
  readonly missing: readonly string[];
  /** Class and format, when found (for reports even if the entry is incomplete). */
  readonly classCode?: XdsCode;
  readonly formatCode?: XdsCode;
}

export function toXdsCode(value: CodedValue, displayName?: string): XdsCode {
  const name = value.displayName ?? displayName;
  return name === undefined
    ? { code: value.code, codingScheme: value.codeSystem }
    : { code: value.code, codingScheme: value.codeSystem, displayName: name };
}

function coded(value: CodedValue | undefined): string | undefined {
  return value
    ? formatCodedAttribute({
        code: value.code,
        codingScheme: value.codeSystem,
        ...(value.displayName ? { displayName: value.displayName } : {}),
      })
    : undefined;
}

function xcn(person: AuthorValues): string | undefined {
  if (!person.id?.extension) return undefined;
  return formatXcn({
    id: person.id.extension,
    ...((person.family ?? person.software) ? { family: person.family ?? person.software } : {}),
    ...(person.given ? { given: person.given } : {}),
    assigningAuthorityOid: person.id.root,
    // IDNPS names the national PS identifier; any other assigning authority is a plain EI.
    identifierTypeCode: person.id.root === PS_NATIONAL_ID_OID ? 'IDNPS' : 'EI',
  });
}

function xdsAuthor(author: AuthorValues): XdsAuthor {
  const person = xcn(author);
  const org = author.organization;
  const institution =
    org?.name !== undefined
      ? formatXon({
          name: org.name,
          ...(org.id?.extension
            ? { id: org.id.extension, assigningAuthorityOid: org.id.root }
            : {}),
        })
      : undefined;
  // authorRole is the functionCode's display name (ANS mapping and CDAHeaderToXDM.xsl).
  const role = author.functionCode?.displayName ?? author.functionCode?.code;
  const specialty = coded(author.specialty);
  return {
    ...(person ? { person } : {}),
    ...(institution ? { institutions: [institution] } : {}),
    ...(role ? { roles: [role] } : {}),
    ...(specialty ? { specialties: [specialty] } : {}),
  };
}

function localCx(id: InstanceId): string {
  return `${escapeHl7(id.extension ?? '')}^^^&${id.root}&ISO^PI`;
}

const SEX: Readonly<Record<string, string>> = { F: 'F', M: 'M', UN: 'U' };

function formatCodeOf(document: CdaDocument): XdsCode | undefined {
  if (document.level === 1) {
    const text = nonXmlBodyText(document.root);
    return formatCodeForMediaType(attr(text, 'mediaType') ?? '');
  }
  return formatCodeForTemplates(templateIds(document.root));
}

/** Maps a CDA header to the XDS DocumentEntry of TD2.1. */
export function cdaToDocumentEntry(
  document: CdaDocument,
  options: CdaToDocumentEntryOptions,
): CdaToDocumentEntryResult {
  const root = document.root;
  const zone = options.timeZone;
  const problems: CdaProblem[] = [];
  const missing: string[] = [];
  const need = <T>(name: string, value: T | undefined): T | undefined => {
    if (value === undefined) missing.push(name);
    return value;
  };

  const typeValue = codedValue(hl7Child(root, 'code'));
  const typeCode = need('typeCode', typeValue ? toXdsCode(typeValue) : undefined);
  const classCode = typeValue ? classCodeFor(typeValue.code, typeValue.codeSystem) : undefined;
  if (typeValue && !classCode) {
    problems.push(
      cdaError(
        'CDA_CLASS_CODE_UNKNOWN',
        hl7Child(root, 'code') ?? root,
        `Le type de document ${quote(typeValue.code)} n’a pas de classe de document connue de Navette (table ANS ASS_X04).`,
        'Choisissez un type de document plus courant, ou signalez ce type au support pour mise à jour des tables.',
      ),
    );
  }
  need('classCode', classCode);
  const formatCode = formatCodeOf(document);
  if (!formatCode && document.level !== undefined) {
    problems.push(
      cdaError(
        'CDA_FORMAT_CODE_UNKNOWN',
        `${root.path}/templateId`,
        'Le modèle de document (templateId) n’a pas de format XDS connu de Navette (table ANS ASS_A11).',
        'Vérifiez le templateId du volet, ou signalez ce modèle au support pour mise à jour des tables.',
      ),
    );
  }
  need('formatCode', formatCode);

  const patient = patientValues(root);
  const patientId = need('patientId', patient.ins ? formatInsCx(patient.ins) : undefined);
  const event = serviceEventValues(root);
  const practice = need('practiceSettingCode', event.practiceSetting);
  const facility = need('healthcareFacilityTypeCode', facilityTypeValue(root));
  const conf = need('confidentialityCode', codedValue(hl7Child(root, 'confidentialityCode')));
  const id = need('uniqueId', instanceId(hl7Child(root, 'id')));
  const authors = authorValues(root)
    .map(xdsAuthor)
    .filter((a) => Object.keys(a).length > 0);
  if (authors.length === 0) missing.push('author');
  const legal = legalAuthenticatorValues(root);
  const legalXcn = legal ? xcn(legal) : undefined;

  const result = {
    problems,
    missing,
    ...(classCode ? { classCode } : {}),
    ...(formatCode ? { formatCode } : {}),
  };
  if (
    missing.length > 0 ||
    !typeCode ||
    !classCode ||
    !formatCode ||
    !patientId ||
    !practice ||
    !facility ||
    !conf ||
    !id
  ) {
    return { entry: undefined, ...result };
  }
  const extraCodes = confidentialityCodesFor(options.visibility ?? NORMAL_VISIBILITY).slice(1);
  const creationTime = cdaTimeToUtc(attr(hl7Child(root, 'effectiveTime'), 'value'), zone);
  const start = cdaTimeToUtc(event.start, zone);
  const stop = cdaTimeToUtc(event.stop, zone);
  const { hash, size } = documentHashAndSize(options.bytes);
  const sourceInfo = formatSourcePatientInfo({
    ...(patient.family ? { family: patient.family } : {}),
    ...(patient.given ? { given: patient.given } : {}),
    ...(patient.birthTime ? { birthDate: patient.birthTime.slice(0, 8) } : {}),
    ...(patient.gender ? { sex: SEX[patient.gender] ?? 'U' } : {}),
  });
  const title = textOf(hl7Child(root, 'title'));
  const language = attr(hl7Child(root, 'languageCode'), 'code');
  const local = patient.localIds[0];
  const entry: DocumentEntryInput = {
    mimeType: document.wrapper === 'xsl-stylesheet' ? SELF_PRESENTABLE_MIME_TYPE : CDA_MIME_TYPE,
    uniqueId: formatInstanceId(id),
    patientId,
    sourcePatientId: local ? localCx(local) : patientId,
    ...(sourceInfo.length > 0 ? { sourcePatientInfo: sourceInfo } : {}),
    ...(title ? { title } : {}),
    classCode,
    typeCode,
    formatCode,
    practiceSettingCode: toXdsCode(practice),
    healthcareFacilityTypeCode: toXdsCode(facility),
    confidentialityCodes: [toXdsCode(conf), ...extraCodes],
    ...(event.codes.length > 0 ? { eventCodes: event.codes.map((c) => toXdsCode(c)) } : {}),
    authors,
    ...(legalXcn ? { legalAuthenticator: legalXcn } : {}),
    ...(creationTime ? { creationTime } : {}),
    ...(start ? { serviceStartTime: start } : {}),
    ...(stop ? { serviceStopTime: stop } : {}),
    ...(language ? { languageCode: language } : {}),
    hash,
    size,
  };
  return { entry, ...result };
}
