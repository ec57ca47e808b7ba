// XML fragments of the level-1 CDA Navette builds around a PDF (buildLevel1Cda.ts). Element
// order follows the CDA schema (POCD_MT000040); every value goes through escapeXml.
import { escapeXml } from '../xml/parse.js';

export interface XmlCode {
  readonly code: string;
  readonly codeSystem: string;
  readonly displayName: string;
}

export interface XmlId {
  readonly root: string;
  readonly extension?: string;
}

export interface XmlPerson {
  readonly id: XmlId;
  readonly family: string;
  readonly given: string;
  readonly specialty?: XmlCode;
}

export interface XmlOrganization {
  readonly id: XmlId;
  readonly name: string;
  readonly practiceSetting: XmlCode;
}

export interface XmlPatient {
  readonly ids: readonly XmlId[];
  readonly birthFamily: string;
  readonly birthGivens: string;
  readonly firstBirthGiven: string;
  readonly usedFamily?: string;
  readonly usedGiven?: string;
  readonly gender: XmlCode;
  /** YYYYMMDD. */
  readonly birthTime: string;
  readonly birthPlaceCode: string;
}

type Attrs = Readonly<Record<string, string | undefined>>;

function attrs(values: Attrs): string {
  return Object.entries(values)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXml(v ?? '')}"`)
    .join('');
}

export function empty(name: string, values: Attrs): string {
  return `<${name}${attrs(values)}/>`;
}

export function wrap(name: string, content: string, values: Attrs = {}): string {
  return `<${name}${attrs(values)}>${content}</${name}>`;
}

export function textEl(name: string, value: string, values: Attrs = {}): string {
  return wrap(name, escapeXml(value), values);
}

export function idEl(id: XmlId, name = 'id'): string {
  return empty(name, { root: id.root, extension: id.extension });
}

export function codeEl(name: string, code: XmlCode): string {
  return empty(name, {
    code: code.code,
    displayName: code.displayName,
    codeSystem: code.codeSystem,
  });
}

function personName(p: { family: string; given: string }): string {
  return wrap('name', textEl('given', p.given) + textEl('family', p.family));
}

export function patientXml(p: XmlPatient): string {
  const used =
    p.usedFamily !== undefined || p.usedGiven !== undefined
      ? (p.usedFamily !== undefined ? textEl('family', p.usedFamily, { qualifier: 'CL' }) : '') +
        (p.usedGiven !== undefined ? textEl('given', p.usedGiven, { qualifier: 'CL' }) : '')
      : '';
  const name = wrap(
    'name',
    textEl('family', p.birthFamily, { qualifier: 'BR' }) +
      textEl('given', p.birthGivens) +
      textEl('given', p.firstBirthGiven, { qualifier: 'BR' }) +
      used,
  );
  const patient = wrap(
    'patient',
    name +
      codeEl('administrativeGenderCode', p.gender) +
      empty('birthTime', { value: p.birthTime }) +
      wrap('birthplace', wrap('place', wrap('addr', textEl('county', p.birthPlaceCode)))),
    { classCode: 'PSN' },
  );
  return wrap('recordTarget', wrap('patientRole', p.ids.map((id) => idEl(id)).join('') + patient));
}

function organizationXml(name: string, org: XmlOrganization, withSetting: boolean): string {
  return wrap(
    name,
    idEl(org.id) +
      textEl('name', org.name) +
      (withSetting ? codeEl('standardIndustryClassCode', org.practiceSetting) : ''),
  );
}

export function authorXml(author: XmlPerson, org: XmlOrganization, time: string): string {
  return wrap(
    'author',
    empty('time', { value: time }) +
      wrap(
        'assignedAuthor',
        idEl(author.id) +
          (author.specialty ? codeEl('code', author.specialty) : '') +
          wrap('assignedPerson', personName(author)) +
          organizationXml('representedOrganization', org, false),
      ),
  );
}

export function custodianXml(org: XmlOrganization): string {
  return wrap(
    'custodian',
    wrap(
      'assignedCustodian',
      wrap('representedCustodianOrganization', idEl(org.id) + textEl('name', org.name)),
    ),
  );
}

export function legalAuthenticatorXml(person: XmlPerson, time: string): string {
  return wrap(
    'legalAuthenticator',
    empty('time', { value: time }) +
      empty('signatureCode', { code: 'S' }) +
      wrap(
        'assignedEntity',
        idEl(person.id) +
          (person.specialty ? codeEl('code', person.specialty) : '') +
          wrap('assignedPerson', personName(person)),
      ),
  );
}

export function documentationOfXml(
  performer: XmlPerson,
  org: XmlOrganization,
  start: string,
  stop: string | undefined,
): string {
  const time = wrap(
    'effectiveTime',
    empty('low', { value: start }) + (stop !== undefined ? empty('high', { value: stop }) : ''),
  );
  const entity = wrap(
    'assignedEntity',
    idEl(performer.id) +
      wrap('assignedPerson', personName(performer)) +
      organizationXml('representedOrganization', org, true),
  );
  return wrap(
    'documentationOf',
    wrap('serviceEvent', time + wrap('performer', entity, { typeCode: 'PRF' })),
  );
}

export function relatedDocumentXml(parent: XmlId): string {
  return wrap('relatedDocument', wrap('parentDocument', idEl(parent)), { typeCode: 'RPLC' });
}

export function componentOfXml(start: string, facility: XmlCode): string {
  return wrap(
    'componentOf',
    wrap(
      'encompassingEncounter',
      wrap('effectiveTime', empty('low', { value: start })) +
        wrap('location', wrap('healthCareFacility', codeEl('code', facility))),
    ),
  );
}

/** The body: the PDF in base64, one line (as in the official examples). */
export function nonXmlBodyXml(base64: string): string {
  return wrap(
    'component',
    wrap(
      'nonXMLBody',
      wrap('text', base64, { mediaType: 'application/pdf', representation: 'B64' }),
    ),
  );
}
