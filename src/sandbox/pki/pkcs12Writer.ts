// PKCS#12 files holding one or several labelled key pairs. node-forge's `toPkcs12Asn1` writes one
// key; a virtual card holds two (authentication and signature), so we let forge build one PFX
// per key pair without a MAC, gather their SafeContents into one AuthenticatedSafe, and add the
// MAC ourselves (HMAC-SHA1, RFC 7292 §4; what OpenSSL and Node's TLS `pfx` expect).
import { randomBytes } from 'node:crypto';
import forge from 'node-forge';

const { asn1, pki } = forge;

export interface Pkcs12Entry {
  readonly keyPem: string;
  readonly certPem: string;
  /** Written as friendlyName on both bags. */
  readonly label: string;
  /** Written as localKeyId on both bags (we use the card's CKA_ID, so P12 and token agree). */
  readonly localKeyIdHex: string;
}

const MAC_ITERATIONS = 2048;

function contentInfosOf(pfx: forge.asn1.Asn1): forge.asn1.Asn1[] {
  // PFX ::= SEQUENCE { version, authSafe ContentInfo { data, [0] OCTET STRING }, macData? }
  const authSafe = (pfx.value as forge.asn1.Asn1[])[1];
  const explicit = (authSafe?.value as forge.asn1.Asn1[] | undefined)?.[1];
  const octets = (explicit?.value as forge.asn1.Asn1[] | undefined)?.[0];
  if (!octets || typeof octets.value !== 'string') {
    throw new Error('node-forge produced an unexpected PKCS#12 layout');
  }
  return asn1.fromDer(octets.value).value as forge.asn1.Asn1[];
}

function dataContentInfo(der: string): forge.asn1.Asn1 {
  return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
    asn1.create(
      asn1.Class.UNIVERSAL,
      asn1.Type.OID,
      false,
      asn1.oidToDer(pki.oids['data'] ?? '1.2.840.113549.1.7.1').getBytes(),
    ),
    asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, [
      asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OCTETSTRING, false, der),
    ]),
  ]);
}

function macData(password: string, safeDer: string): forge.asn1.Asn1 {
  const salt = new forge.util.ByteStringBuffer(randomBytes(8).toString('binary'));
  const key = forge.pkcs12.generateKey(password, salt, 3, MAC_ITERATIONS, 20);
  const hmac = forge.hmac.create();
  hmac.start('sha1', key.getBytes());
  hmac.update(safeDer);
  return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
      asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
        asn1.create(
          asn1.Class.UNIVERSAL,
          asn1.Type.OID,
          false,
          asn1.oidToDer('1.3.14.3.2.26').getBytes(),
        ),
        asn1.create(asn1.Class.UNIVERSAL, asn1.Type.NULL, false, ''),
      ]),
      asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OCTETSTRING, false, hmac.digest().getBytes()),
    ]),
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OCTETSTRING, false, salt.getBytes()),
    asn1.create(
      asn1.Class.UNIVERSAL,
      asn1.Type.INTEGER,
      false,
      asn1.integerToDer(MAC_ITERATIONS).getBytes(),
    ),
  ]);
}

/** DER of a password-protected PKCS#12 holding every entry (keys encrypted with AES-256). */
export function buildPkcs12(entries: readonly Pkcs12Entry[], password: string): Buffer {
  if (entries.length === 0) throw new Error('buildPkcs12: no entry');
  const contentInfos = entries.flatMap((entry) =>
    contentInfosOf(
      forge.pkcs12.toPkcs12Asn1(
        pki.privateKeyFromPem(entry.keyPem),
        [pki.certificateFromPem(entry.certPem)],
        password,
        {
          algorithm: 'aes256',
          useMac: false,
          friendlyName: entry.label,
          localKeyId: entry.localKeyIdHex,
        },
      ),
    ),
  );
  const safeDer = asn1
    .toDer(asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, contentInfos))
    .getBytes();
  const pfx = asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, asn1.integerToDer(3).getBytes()),
    dataContentInfo(safeDer),
    macData(password, safeDer),
  ]);
  return Buffer.from(asn1.toDer(pfx).getBytes(), 'binary');
}
