// HL7 v2 data types that XDS metadata carries as strings (IHE ITI TF-3 §4.2.3.1.7, DMP
// samples): XCN (authorPerson, legalAuthenticator), XON (authorInstitution), the
// `code^display^scheme` form of authorSpecialty/authorRole, and sourcePatientInfo. Components
// are separated by ^ and subcomponents by &; those characters inside a value are escaped with
// the HL7 v2 escape sequences (\S\, \T\, \F\, \R\, \E\) so a name can never shift a field.
import { definedOnly } from './definedOnly.js';

/** RPPS/ADELI national id OID and the structure id OID used in the DMP samples. */
export const PS_ID_OID = '1.2.250.1.71.4.2.1';
export const STRUCTURE_ID_OID = '1.2.250.1.71.4.2.2';
export const AUTHOR_SPECIALTY_OID = '1.2.250.1.213.1.1.4.5';

const ESCAPES: ReadonlyArray<readonly [string, string]> = [
  ['\\', '\\E\\'],
  ['|', '\\F\\'],
  ['^', '\\S\\'],
  ['&', '\\T\\'],
  ['~', '\\R\\'],
];

/** Escapes HL7 v2 delimiters inside one component value. */
export function escapeHl7(value: string): string {
  let out = value;
  for (const [raw, escaped] of ESCAPES) out = out.split(raw).join(escaped);
  return out;
}

/** Reverses `escapeHl7`. */
export function unescapeHl7(value: string): string {
  return value.replace(/\\([EFSTR])\\/g, (_m, c: string) => {
    const found = ESCAPES.find(([, escaped]) => escaped === `\\${c}\\`);
    return found ? found[0] : '';
  });
}

function components(value: string): string[] {
  return value.split('^');
}

function assigningAuthorityOid(component: string | undefined): string | undefined {
  const oid = component?.split('&')[1];
  return oid !== undefined && oid !== '' ? oid : undefined;
}

function present(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : unescapeHl7(value);
}

/** A person in XCN form. */
export interface XcnPerson {
  readonly id: string;
  readonly family?: string;
  readonly given?: string;
  readonly prefix?: string;
  /** XCN.9 assigning authority OID; default PS_ID_OID. */
  readonly assigningAuthorityOid?: string;
  /** XCN.10 name type; default D (as in the samples). */
  readonly nameTypeCode?: string;
  /** XCN.13 identifier type; default IDNPS (national PS id). */
  readonly identifierTypeCode?: string;
}

/** `id^family^given^^^prefix^^^&oid&ISO^D^^^IDNPS` (DMP-INTERFACE §7.1). */
export function formatXcn(p: XcnPerson): string {
  const parts = new Array<string>(13).fill('');
  parts[0] = escapeHl7(p.id);
  parts[1] = escapeHl7(p.family ?? '');
  parts[2] = escapeHl7(p.given ?? '');
  parts[5] = escapeHl7(p.prefix ?? '');
  parts[8] = `&${p.assigningAuthorityOid ?? PS_ID_OID}&ISO`;
  parts[9] = p.nameTypeCode ?? 'D';
  parts[12] = p.identifierTypeCode ?? 'IDNPS';
  return parts.join('^');
}

export function parseXcn(value: string): XcnPerson {
  const c = components(value);
  const optional = {
    family: present(c[1]),
    given: present(c[2]),
    prefix: present(c[5]),
    assigningAuthorityOid: assigningAuthorityOid(c[8]),
    nameTypeCode: present(c[9]),
    identifierTypeCode: present(c[12]),
  };
  return {
    id: unescapeHl7(c[0] ?? ''),
    ...definedOnly(optional),
  };
}

/** An organisation in XON form. */
export interface XonOrganization {
  readonly name: string;
  /** XON.10 organisation identifier (Struct_IdNat, FINESS…). */
  readonly id?: string;
  /** XON.6 assigning authority OID; default STRUCTURE_ID_OID. */
  readonly assigningAuthorityOid?: string;
  /** XON.7 identifier type; default IDNST. */
  readonly identifierTypeCode?: string;
}

/** `name^^^^^&oid&ISO^IDNST^^^id` (DMP-INTERFACE §7.1). */
export function formatXon(o: XonOrganization): string {
  if (o.id === undefined) return escapeHl7(o.name);
  const parts = new Array<string>(10).fill('');
  parts[0] = escapeHl7(o.name);
  parts[5] = `&${o.assigningAuthorityOid ?? STRUCTURE_ID_OID}&ISO`;
  parts[6] = o.identifierTypeCode ?? 'IDNST';
  parts[9] = escapeHl7(o.id);
  return parts.join('^');
}

export function parseXon(value: string): XonOrganization {
  const c = components(value);
  const optional = {
    id: present(c[9]),
    assigningAuthorityOid: assigningAuthorityOid(c[5]),
    identifierTypeCode: present(c[6]),
  };
  return {
    name: unescapeHl7(c[0] ?? ''),
    ...definedOnly(optional),
  };
}

/** A coded author attribute (`code^displayName^codingScheme`, authorSpecialty/authorRole). */
export interface CodedAttribute {
  readonly code: string;
  readonly displayName?: string;
  readonly codingScheme?: string;
}

export function formatCodedAttribute(v: CodedAttribute): string {
  return [v.code, v.displayName ?? '', v.codingScheme ?? ''].map(escapeHl7).join('^');
}

export function parseCodedAttribute(value: string): CodedAttribute {
  const [code = '', displayName, codingScheme] = components(value);
  const optional = { displayName: present(displayName), codingScheme: present(codingScheme) };
  return {
    code: unescapeHl7(code),
    ...definedOnly(optional),
  };
}

/** The patient as XDS sourcePatientInfo carries it (PID-5 name, PID-7 birth date, PID-8 sex). */
export interface SourcePatientInfo {
  /** PID-5 family name (birth name in the DMP samples, name type L). */
  readonly family?: string;
  readonly given?: string;
  /** PID-5 name type code; default L (legal), as in the samples. */
  readonly nameTypeCode?: string;
  /** PID-7, HL7 DT/DTM (`YYYYMMDD`). */
  readonly birthDate?: string;
  /** PID-8: F, M, U… */
  readonly sex?: string;
}

/** The sourcePatientInfo slot values, in the order of the TD2.1 sample. */
export function formatSourcePatientInfo(p: SourcePatientInfo): string[] {
  const values: string[] = [];
  if (p.family !== undefined || p.given !== undefined) {
    const name = [
      escapeHl7(p.family ?? ''),
      escapeHl7(p.given ?? ''),
      '',
      '',
      '',
      '',
      p.nameTypeCode ?? 'L',
    ];
    values.push(`PID-5|${name.join('^')}`);
  }
  if (p.birthDate !== undefined) values.push(`PID-7|${p.birthDate}`);
  if (p.sex !== undefined) values.push(`PID-8|${p.sex}`);
  return values;
}

/** Reads sourcePatientInfo values in any order (the masking template lists PID-7 first). */
export function parseSourcePatientInfo(values: readonly string[]): SourcePatientInfo {
  const out: Record<string, string> = {};
  for (const value of values) {
    const bar = value.indexOf('|');
    if (bar < 0) continue;
    const field = value.slice(0, bar).toUpperCase();
    const content = value.slice(bar + 1);
    if (field === 'PID-5' && out.family === undefined) {
      const c = components(content);
      const family = present(c[0]);
      const given = present(c[1]);
      const type = present(c[6]);
      if (family !== undefined) out.family = family;
      if (given !== undefined) out.given = given;
      if (type !== undefined) out.nameTypeCode = type;
    } else if (field === 'PID-7' && content !== '') out.birthDate = content;
    else if (field === 'PID-8' && content !== '') out.sex = content;
  }
  return out;
}
