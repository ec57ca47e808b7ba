// X.501 names built by hand: node-forge writes one attribute per RDN and cannot express the
// multi-valued RDN { GN + SN + CN } of IGC-Santé personal certificates, nor choose UTF8String for
// every value as the official certificates do.
import forge from 'node-forge';

const { asn1 } = forge;

/** Attribute types used by the test PKI. */
export const NAME_OIDS = {
  C: '2.5.4.6',
  ST: '2.5.4.8',
  O: '2.5.4.10',
  OU: '2.5.4.11',
  title: '2.5.4.12',
  CN: '2.5.4.3',
  SN: '2.5.4.4',
  GN: '2.5.4.42',
} as const;

export type NameAttributeType = keyof typeof NAME_OIDS;

export interface NameAttribute {
  readonly type: NameAttributeType;
  readonly value: string;
}

/** One RDN: usually one attribute, several for a multi-valued RDN. */
export type RelativeName = readonly NameAttribute[];

function attributeAsn1(attribute: NameAttribute): forge.asn1.Asn1 {
  // countryName is a PrintableString (X.520); every other value is UTF8String, as IGC-Santé does.
  const printable = attribute.type === 'C';
  return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
    asn1.create(
      asn1.Class.UNIVERSAL,
      asn1.Type.OID,
      false,
      asn1.oidToDer(NAME_OIDS[attribute.type]).getBytes(),
    ),
    asn1.create(
      asn1.Class.UNIVERSAL,
      printable ? asn1.Type.PRINTABLESTRING : asn1.Type.UTF8,
      false,
      printable ? attribute.value : forge.util.encodeUtf8(attribute.value),
    ),
  ]);
}

function derOf(attribute: NameAttribute): Buffer {
  return Buffer.from(asn1.toDer(attributeAsn1(attribute)).getBytes(), 'binary');
}

/** DER orders the members of a SET OF by their encodings (X.690 §11.6). */
function derSorted(rdn: RelativeName): NameAttribute[] {
  return [...rdn].sort((a, b) => Buffer.compare(derOf(a), derOf(b)));
}

/** The ASN.1 `Name` for the RDNs, given from the least specific (C) to the most specific. */
export function nameToAsn1(rdns: readonly RelativeName[]): forge.asn1.Asn1 {
  return asn1.create(
    asn1.Class.UNIVERSAL,
    asn1.Type.SEQUENCE,
    true,
    rdns.map((rdn) =>
      asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SET, true, derSorted(rdn).map(attributeAsn1)),
    ),
  );
}

const RFC4514_NAMES: Readonly<Record<NameAttributeType, string>> = {
  C: 'C',
  ST: 'ST',
  O: 'O',
  OU: 'OU',
  title: 'title',
  CN: 'CN',
  SN: 'SN',
  GN: 'GN',
};

function escapeRfc4514(value: string): string {
  return value.replace(/([,+"\\<>;=])/g, '\\$1').replace(/^([ #])|( )$/g, '\\$1$2');
}

/** RFC 4514 string (most specific RDN first; a multi-valued RDN in its DER order). */
export function nameToString(rdns: readonly RelativeName[]): string {
  return [...rdns]
    .reverse()
    .map((rdn) =>
      derSorted(rdn)
        .map((a) => `${RFC4514_NAMES[a.type]}=${escapeRfc4514(a.value)}`)
        .join('+'),
    )
    .join(',');
}
