// The `metadata` object of a validation report (issue 5): what the DMP will be told about the
// document, read from its header even when it has errors (null where the header says nothing).
import { formatInstanceId } from '../../domain/documents/documentIds.js';
import type { ReportCode, ReportMetadata } from '../../domain/documents/validationReport.js';
import {
  NORMAL_VISIBILITY,
  visibilityToConfidentialityCodes,
  type DocumentVisibility,
} from '../../domain/documents/visibility.js';
import type { XdsCode } from '../xds/index.js';
import {
  authorValues,
  codedValue,
  facilityTypeValue,
  instanceId,
  patientValues,
  serviceEventValues,
  type CodedValue,
} from './cdaHeaderValues.js';
import { cdaTimeToUtc } from './cdaTime.js';
import type { CdaDocument } from './readCda.js';
import { attr, hl7Child, textOf } from './xmlElement.js';

function code(value: CodedValue | undefined): ReportCode | null {
  return value
    ? { code: value.code, codeSystem: value.codeSystem, displayName: value.displayName ?? null }
    : null;
}

function xdsCode(value: XdsCode | undefined): ReportCode | null {
  return value
    ? { code: value.code, codeSystem: value.codingScheme, displayName: value.displayName ?? null }
    : null;
}

export interface ReportMetadataOptions {
  readonly classCode?: XdsCode;
  readonly formatCode?: XdsCode;
  readonly visibility?: DocumentVisibility;
  readonly timeZone?: string;
}

/** The report view of a CDA header. */
export function reportMetadata(
  document: CdaDocument,
  options: ReportMetadataOptions = {},
): ReportMetadata {
  const root = document.root;
  const zone = options.timeZone;
  const id = instanceId(hl7Child(root, 'id'));
  const setId = instanceId(hl7Child(root, 'setId'));
  const version = attr(hl7Child(root, 'versionNumber'), 'value');
  const event = serviceEventValues(root);
  const patient = patientValues(root);
  const author = authorValues(root)[0];
  const conf = code(codedValue(hl7Child(root, 'confidentialityCode')));
  const extra = visibilityToConfidentialityCodes(options.visibility ?? NORMAL_VISIBILITY)
    .slice(1)
    .map((c) => ({ code: c.code, codeSystem: c.codeSystem, displayName: c.displayName }));
  return {
    uniqueId: id ? formatInstanceId(id) : null,
    setId: setId ? formatInstanceId(setId) : null,
    version: version !== undefined && /^[0-9]{1,9}$/.test(version) ? Number(version) : null,
    title: textOf(hl7Child(root, 'title')) ?? null,
    typeCode: code(codedValue(hl7Child(root, 'code'))),
    classCode: xdsCode(options.classCode),
    formatCode: xdsCode(options.formatCode),
    creationTime: cdaTimeToUtc(attr(hl7Child(root, 'effectiveTime'), 'value'), zone) ?? null,
    serviceStartTime: cdaTimeToUtc(event.start, zone) ?? null,
    serviceStopTime: cdaTimeToUtc(event.stop, zone) ?? null,
    confidentialityCode: conf ? [conf, ...extra] : extra,
    languageCode: attr(hl7Child(root, 'languageCode'), 'code') ?? null,
    practiceSettingCode: code(event.practiceSetting),
    healthcareFacilityTypeCode: code(facilityTypeValue(root)),
    patient: {
      ins: patient.ins?.matricule ?? null,
      insOid: patient.ins?.oid ?? null,
      family: patient.family ?? null,
      given: patient.given ?? null,
      birthTime: patient.birthTime ?? null,
      gender: patient.gender ?? null,
    },
    author: author
      ? {
          id: author.id?.extension ?? null,
          idRoot: author.id?.root ?? null,
          family: author.family ?? author.software ?? null,
          given: author.given ?? null,
          specialty: code(author.specialty),
        }
      : null,
  };
}
