// Typed reads of the CDA header values the XDS mapping and the validation report need. Pure
// extraction: nothing is checked here (the header rules do that), absent values are undefined.
import { formatInstanceId, type InstanceId } from '../../domain/documents/documentIds.js';
import type { Ins } from '../../domain/ins/ins.js';
import { insKindOfOid, INS_C_OID } from '../../domain/ins/insOids.js';
import { PS_NATIONAL_ID_OID } from '../../domain/professionals/idNatPs.js';
import { definedOnly as compact } from '../xds/definedOnly.js';
import { patientInsIds } from './rules/patientRules.js';
import { attr, hl7All, hl7Child, hl7Children, textOf, type XmlElement } from './xmlElement.js';

export interface CodedValue {
  readonly code: string;
  readonly codeSystem: string;
  readonly displayName?: string;
}

export interface PersonName {
  readonly family?: string;
  readonly given?: string;
}

export interface OrganizationValues {
  readonly id?: InstanceId;
  readonly name?: string;
}

export interface AuthorValues extends PersonName {
  readonly id?: InstanceId;
  /** softwareName of an assignedAuthoringDevice. */
  readonly software?: string;
  readonly specialty?: CodedValue;
  readonly functionCode?: CodedValue;
  readonly organization?: OrganizationValues;
}

export interface PatientValues {
  readonly ins?: Ins;
  /** Non-INS patientRole ids (the local IPP first). */
  readonly localIds: readonly InstanceId[];
  /** Birth family name (qualifier BR), else the first family name. */
  readonly family?: string;
  /** First birth given name (qualifier BR), else the first given name. */
  readonly given?: string;
  readonly birthTime?: string;
  readonly gender?: string;
}

export interface ServiceEventValues {
  readonly start?: string;
  readonly stop?: string;
  readonly codes: readonly CodedValue[];
  readonly practiceSetting?: CodedValue;
}

/** NIR used as a social-security number (CSE examples), not a local patient id. */
const NIR_AS_SOCIAL_SECURITY_OID = '1.2.250.1.213.1.4.13';

export function instanceId(el: XmlElement | undefined): InstanceId | undefined {
  const root = attr(el, 'root');
  if (root === undefined) return undefined;
  const extension = attr(el, 'extension');
  return extension === undefined ? { root } : { root, extension };
}

export function codedValue(el: XmlElement | undefined): CodedValue | undefined {
  const code = attr(el, 'code');
  const codeSystem = attr(el, 'codeSystem');
  if (code === undefined || codeSystem === undefined) return undefined;
  const displayName = attr(el, 'displayName');
  return displayName === undefined ? { code, codeSystem } : { code, codeSystem, displayName };
}

/** Family and given of a name element, preferring the parts with `qualifier` when present. */
export function personName(name: XmlElement | undefined, qualifier?: string): PersonName {
  const pick = (part: string): string | undefined => {
    const parts = hl7Children(name, part);
    const preferred = qualifier ? parts.find((p) => attr(p, 'qualifier') === qualifier) : undefined;
    return textOf(preferred) ?? textOf(parts.find((p) => textOf(p) !== undefined));
  };
  return compact({ family: pick('family'), given: pick('given') });
}

function organization(el: XmlElement | undefined): OrganizationValues | undefined {
  if (!el) return undefined;
  return compact({ id: instanceId(hl7Child(el, 'id')), name: textOf(hl7Child(el, 'name')) });
}

export function patientValues(root: XmlElement): PatientValues {
  const role = hl7All(root, 'recordTarget/patientRole')[0];
  const patient = hl7Child(role, 'patient');
  const localIds = hl7Children(role, 'id').flatMap((id) => {
    const value = instanceId(id);
    if (!value || value.extension === undefined) return [];
    const oid = value.root;
    return insKindOfOid(oid) || oid === NIR_AS_SOCIAL_SECURITY_OID || oid === INS_C_OID
      ? []
      : [value];
  });
  return {
    localIds,
    ...compact({ ins: patientInsIds(root)[0]?.ins }),
    ...personName(hl7Child(patient, 'name'), 'BR'),
    ...compact({
      birthTime: attr(hl7Child(patient, 'birthTime'), 'value'),
      gender: attr(hl7Child(patient, 'administrativeGenderCode'), 'code'),
    }),
  };
}

export function authorValues(root: XmlElement): AuthorValues[] {
  return hl7Children(root, 'author').map((author) => {
    const assigned = hl7Child(author, 'assignedAuthor');
    const ids = hl7Children(assigned, 'id').map(instanceId);
    return compact({
      // The national id first when an author has several (CANCER-CR-GM has two).
      id: ids.find((i) => i?.root === PS_NATIONAL_ID_OID) ?? ids.find((i) => i !== undefined),
      ...personName(hl7All(assigned, 'assignedPerson/name')[0]),
      software: textOf(hl7All(assigned, 'assignedAuthoringDevice/softwareName')[0]),
      specialty: codedValue(hl7Child(assigned, 'code')),
      functionCode: codedValue(hl7Child(author, 'functionCode')),
      organization: organization(hl7Child(assigned, 'representedOrganization')),
    });
  });
}

export function legalAuthenticatorValues(root: XmlElement): AuthorValues | undefined {
  const entity = hl7All(root, 'legalAuthenticator/assignedEntity')[0];
  if (!entity) return undefined;
  return compact({
    id: instanceId(hl7Child(entity, 'id')),
    ...personName(hl7All(entity, 'assignedPerson/name')[0]),
    specialty: codedValue(hl7Child(entity, 'code')),
  });
}

export function serviceEventValues(root: XmlElement): ServiceEventValues {
  const event = hl7All(root, 'documentationOf/serviceEvent')[0];
  const performer = hl7Children(event, 'performer').find((p) => attr(p, 'typeCode') === 'PRF');
  const codes = hl7All(root, 'documentationOf/serviceEvent/code').flatMap((c) => {
    const value = codedValue(c);
    return value ? [value] : [];
  });
  return {
    codes,
    ...compact({
      start: attr(hl7All(event, 'effectiveTime/low')[0], 'value'),
      stop: attr(hl7All(event, 'effectiveTime/high')[0], 'value'),
      practiceSetting: codedValue(
        hl7All(performer, 'assignedEntity/representedOrganization/standardIndustryClassCode')[0],
      ),
    }),
  };
}

export function facilityTypeValue(root: XmlElement): CodedValue | undefined {
  return codedValue(
    hl7All(root, 'componentOf/encompassingEncounter/location/healthCareFacility/code')[0],
  );
}

export function templateIds(root: XmlElement): string[] {
  return hl7Children(root, 'templateId').flatMap((t) => {
    const r = attr(t, 'root');
    return r === undefined ? [] : [r];
  });
}

/** The uniqueId of the version a CDA replaces (relatedDocument typeCode RPLC / parentDocument/id). */
export function replacedUniqueId(root: XmlElement): string | undefined {
  const related = hl7Child(root, 'relatedDocument');
  if (related === undefined || attr(related, 'typeCode') !== 'RPLC') return undefined;
  const id = instanceId(hl7Child(hl7Child(related, 'parentDocument'), 'id'));
  return id === undefined ? undefined : formatInstanceId(id);
}
