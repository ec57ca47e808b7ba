// What a CPx certificate says: holder identity, profession and speciality, card type, usages.
// Layouts read (official samples in ../shared/reference/dmp, see also src/sandbox/pki):
// - IGC-Santé (CPS3/CPS4, 2016+): C=FR, title=<profession>, { GN + SN + CN=<idNat_PS> }
// - GIP-CPS "classe 1" (older): C=FR, O=…, OU=<profession>, { CN=<idNat_PS> + SN + GN }
// Private extensions: 1.2.250.1.71.1.2.7 profession (TRE_G15, INTEGER), 1.2.250.1.71.4.2.5
// specialities (TRE_R01, SEQUENCE OF UTF8String), 1.2.250.1.71.1.2.2 card type (TRE_G02,
// INTEGER: 0 CPS, 1 CPF, 2 CPE, 3 CPA), 1.2.250.1.71.1.2.5 product category (TRE_G01, one
// byte; 0x80–0x83 are TEST products).
import { createHash } from 'node:crypto';
import forge from 'node-forge';
import {
  asn1Bytes,
  asn1Children,
  extensionAsn1,
  readX509,
  stringValue,
  type Name,
} from './x509Fields.js';

const { asn1 } = forge;

export const CPX_EXTENSIONS = {
  productCategory: '1.2.250.1.71.1.2.5',
  cardType: '1.2.250.1.71.1.2.2',
  profession: '1.2.250.1.71.1.2.7',
  specialty: '1.2.250.1.71.4.2.5',
} as const;

const OID = {
  CN: '2.5.4.3',
  SN: '2.5.4.4',
  C: '2.5.4.6',
  L: '2.5.4.7',
  ST: '2.5.4.8',
  O: '2.5.4.10',
  OU: '2.5.4.11',
  title: '2.5.4.12',
  GN: '2.5.4.42',
  keyUsage: '2.5.29.15',
  extKeyUsage: '2.5.29.37',
} as const;

export const EKU = {
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
  emailProtection: '1.3.6.1.5.5.7.3.4',
} as const;

export type KeyUsageName =
  | 'digitalSignature'
  | 'nonRepudiation'
  | 'keyEncipherment'
  | 'dataEncipherment'
  | 'keyAgreement'
  | 'keyCertSign'
  | 'cRLSign';

const KEY_USAGE_BITS: readonly KeyUsageName[] = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
];

export type CardKind = 'CPS' | 'CPF' | 'CPE' | 'CPA';

const CARD_KIND_BY_CODE: Readonly<Record<number, CardKind>> = {
  0: 'CPS',
  1: 'CPF',
  2: 'CPE',
  3: 'CPA',
};

export interface HolderIdentity {
  /** idNat_PS from the CN (8 + RPPS, 0 + ADELI, 3 + FINESS/…). */
  readonly nationalId: string;
  readonly family: string | null;
  readonly given: string | null;
  /** TRE_G15 code from the extension (e.g. '10'), null when absent (CPE). */
  readonly professionCode: string | null;
  /** As printed in the subject (title or OU), e.g. 'Médecin'. */
  readonly professionLabel: string | null;
  /** TRE_R01 codes (e.g. ['SM54']). */
  readonly specialties: readonly string[];
}

export interface CertificateDescription {
  readonly subject: string;
  readonly issuer: string;
  readonly serialHex: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly fingerprintSha256: string;
  readonly keyUsage: readonly KeyUsageName[];
  readonly extendedKeyUsage: readonly string[];
  readonly holder: HolderIdentity | null;
  /** From TRE_G02; null when the certificate does not say. */
  readonly cardKind: CardKind | null;
  /** A TEST product (TRE_G01 0x80–0x83) or an issuer that says TEST. */
  readonly test: boolean;
}

const SHORT_NAMES: Readonly<Record<string, string>> = {
  [OID.CN]: 'CN',
  [OID.SN]: 'SN',
  [OID.C]: 'C',
  [OID.L]: 'L',
  [OID.ST]: 'ST',
  [OID.O]: 'O',
  [OID.OU]: 'OU',
  [OID.title]: 'title',
  [OID.GN]: 'GN',
};

function escape(value: string): string {
  return value.replace(/([,+"\\<>;=])/g, '\\$1');
}

/** RFC 4514 (most specific RDN first). */
export function nameToString(name: Name): string {
  return [...name]
    .reverse()
    .map((rdn) => rdn.map((a) => `${SHORT_NAMES[a.oid] ?? a.oid}=${escape(a.value)}`).join('+'))
    .join(',');
}

function first(name: Name, oid: string): string | null {
  for (const rdn of name) for (const a of rdn) if (a.oid === oid) return a.value;
  return null;
}

function keyUsage(extension: ReturnType<typeof readX509>['extensions']): KeyUsageName[] {
  const ext = extension.get(OID.keyUsage);
  if (ext === undefined) return [];
  // BIT STRING: first byte = unused bits, then the bits, most significant first.
  const bits = asn1Bytes(extensionAsn1(ext));
  const names: KeyUsageName[] = [];
  KEY_USAGE_BITS.forEach((name, index) => {
    const byte = bits.charCodeAt(1 + Math.floor(index / 8));
    if (!Number.isNaN(byte) && (byte & (0x80 >> (index % 8))) !== 0) names.push(name);
  });
  return names;
}

function extendedKeyUsage(extension: ReturnType<typeof readX509>['extensions']): string[] {
  const ext = extension.get(OID.extKeyUsage);
  if (ext === undefined) return [];
  return asn1Children(extensionAsn1(ext)).map((oid) => asn1.derToOid(asn1Bytes(oid)));
}

function integerExtension(fields: ReturnType<typeof readX509>, oid: string): number | null {
  const ext = fields.extensions.get(oid);
  if (ext === undefined) return null;
  try {
    return asn1.derToInteger(asn1Bytes(extensionAsn1(ext)));
  } catch {
    return null;
  }
}

function specialties(fields: ReturnType<typeof readX509>): string[] {
  const ext = fields.extensions.get(CPX_EXTENSIONS.specialty);
  if (ext === undefined) return [];
  try {
    return asn1Children(extensionAsn1(ext))
      .map(stringValue)
      .filter((s) => s.length > 0);
  } catch {
    return [];
  }
}

function productCategory(fields: ReturnType<typeof readX509>): number | null {
  const ext = fields.extensions.get(CPX_EXTENSIONS.productCategory);
  if (ext === undefined) return null;
  try {
    const value = asn1Bytes(extensionAsn1(ext));
    return value.length === 1 ? value.charCodeAt(0) : null;
  } catch {
    return null;
  }
}

function holderOf(fields: ReturnType<typeof readX509>): HolderIdentity | null {
  const cn = first(fields.subject, OID.CN);
  if (cn === null) return null;
  // "3…/SEC001" is an idNat of establishment staff (structure/internal id); older certificates
  // wrote "idNat/NOM PRENOM" in the CN, where only the part before the slash is the id.
  const nationalId = /^[0-9][0-9A-Z]*\/[0-9A-Za-z._-]+$/.test(cn)
    ? cn
    : (cn.split('/')[0] ?? cn).trim();
  if (!/^[0-9]/.test(nationalId)) return null;
  const profession = integerExtension(fields, CPX_EXTENSIONS.profession);
  return {
    nationalId,
    family: first(fields.subject, OID.SN),
    given: first(fields.subject, OID.GN),
    professionCode: profession === null ? null : String(profession),
    professionLabel:
      first(fields.subject, OID.title) ??
      (profession !== null ? first(fields.subject, OID.OU) : null),
    specialties: specialties(fields),
  };
}

/** Reads a DER certificate. Throws when it is not a certificate. */
export function describeCertificate(der: Uint8Array): CertificateDescription {
  const fields = readX509(der);
  const issuer = nameToString(fields.issuer);
  const category = productCategory(fields);
  const kindCode = integerExtension(fields, CPX_EXTENSIONS.cardType);
  return {
    subject: nameToString(fields.subject),
    issuer,
    serialHex: fields.serialHex,
    notBefore: fields.notBefore,
    notAfter: fields.notAfter,
    fingerprintSha256: createHash('sha256').update(der).digest('hex'),
    keyUsage: keyUsage(fields.extensions),
    extendedKeyUsage: extendedKeyUsage(fields.extensions),
    holder: holderOf(fields),
    cardKind: kindCode === null ? null : (CARD_KIND_BY_CODE[kindCode] ?? null),
    test: (category !== null && category >= 0x80) || /\bTEST\b/i.test(issuer),
  };
}
