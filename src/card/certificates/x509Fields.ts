// The fields of an X.509 certificate Navette reads, walked with node-forge's ASN.1 parser rather
// than `forge.pki.certificateFromAsn1`, which rejects non-RSA keys and flattens string types.
// Node's X509Certificate does not expose keyUsage bits nor private extensions, hence this.
import forge from 'node-forge';

const { asn1 } = forge;
type Asn1 = forge.asn1.Asn1;

// forge accepts an options object here (its typings only know the boolean form). Bit strings are
// left undecoded: forge would otherwise try to parse keyUsage bits as nested ASN.1.
const fromDer = asn1.fromDer as unknown as (
  bytes: string,
  options: { readonly decodeBitStrings: boolean },
) => Asn1;

export interface NameAttribute {
  readonly oid: string;
  readonly value: string;
}

/** RDNs from the least specific (C) to the most specific, as encoded. */
export type Name = readonly (readonly NameAttribute[])[];

export interface Extension {
  readonly critical: boolean;
  /** DER of the extension value (the content of extnValue). */
  readonly valueDer: string;
}

export interface X509Fields {
  readonly serialHex: string;
  readonly issuer: Name;
  readonly subject: Name;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly extensions: ReadonlyMap<string, Extension>;
}

function children(node: Asn1 | undefined): Asn1[] {
  return node !== undefined && Array.isArray(node.value) ? node.value : [];
}

function bytes(node: Asn1 | undefined): string {
  return node !== undefined && typeof node.value === 'string' ? node.value : '';
}

/** Decodes a directory string: UTF8String, PrintableString, IA5String, BMPString, T61 (latin-1). */
export function stringValue(node: Asn1): string {
  const raw = bytes(node);
  switch (node.type) {
    case asn1.Type.UTF8:
      return forge.util.decodeUtf8(raw);
    case asn1.Type.BMPSTRING:
      // forge already turned the UCS-2 pairs into a JS string.
      return raw;
    default:
      return raw;
  }
}

function readName(node: Asn1 | undefined): Name {
  return children(node).map((rdn) =>
    children(rdn).map((attribute) => {
      const [type, value] = children(attribute);
      return {
        oid: asn1.derToOid(bytes(type)),
        value: value === undefined ? '' : stringValue(value),
      };
    }),
  );
}

function readTime(node: Asn1 | undefined): Date {
  const text = bytes(node);
  return node?.type === asn1.Type.GENERALIZEDTIME
    ? asn1.generalizedTimeToDate(text)
    : asn1.utcTimeToDate(text);
}

function readExtensions(node: Asn1 | undefined): Map<string, Extension> {
  const result = new Map<string, Extension>();
  // [3] EXPLICIT Extensions ::= SEQUENCE OF Extension
  for (const extension of children(children(node)[0])) {
    const parts = children(extension);
    const oid = asn1.derToOid(bytes(parts[0]));
    const critical = parts.length === 3 && bytes(parts[1]) !== '\x00';
    result.set(oid, { critical, valueDer: bytes(parts[parts.length - 1]) });
  }
  return result;
}

/** Reads a DER certificate. Throws on anything that is not an X.509 v1–v3 certificate. */
export function readX509(der: Uint8Array): X509Fields {
  const root = fromDer(Buffer.from(der).toString('binary'), { decodeBitStrings: false });
  const tbs = children(root)[0];
  const fields = children(tbs);
  // With a version ([0]), the fields shift by one.
  const offset = fields[0]?.tagClass === asn1.Class.CONTEXT_SPECIFIC ? 1 : 0;
  const serial = fields[offset];
  const validity = children(fields[offset + 3]);
  const extensions = fields.find((f) => f.tagClass === asn1.Class.CONTEXT_SPECIFIC && f.type === 3);
  if (serial === undefined || validity.length !== 2) throw new Error('not an X.509 certificate');
  return {
    serialHex: forge.util.bytesToHex(bytes(serial)),
    issuer: readName(fields[offset + 2]),
    notBefore: readTime(validity[0]),
    notAfter: readTime(validity[1]),
    subject: readName(fields[offset + 4]),
    extensions: readExtensions(extensions),
  };
}

/** Parses an extension value. */
export function extensionAsn1(extension: Extension): Asn1 {
  return fromDer(extension.valueDer, { decodeBitStrings: false });
}

export { children as asn1Children, bytes as asn1Bytes };
