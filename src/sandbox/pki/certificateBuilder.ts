// Issues one X.509 v3 certificate with node-forge, with our own subject/issuer names (see
// distinguishedName.ts) and extensions. Keys come from node:crypto: forge's pure-JS RSA key
// generation takes seconds per 2048-bit key, the native one a few tens of milliseconds.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import forge from 'node-forge';
import { nameToAsn1, nameToString, type RelativeName } from './distinguishedName.js';

const { asn1, pki } = forge;

// Present at runtime since node-forge 0.6, missing from @types/node-forge.
const getTBSCertificate = (
  pki as unknown as { getTBSCertificate(cert: forge.pki.Certificate): forge.asn1.Asn1 }
).getTBSCertificate;

export interface KeyMaterial {
  /** PKCS#8 PEM. */
  readonly keyPem: string;
  readonly privateKey: forge.pki.rsa.PrivateKey;
  readonly publicKey: forge.pki.rsa.PublicKey;
}

export function generateRsaKey(bits = 2048): KeyMaterial {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: bits });
  const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const forgeKey = pki.privateKeyFromPem(keyPem);
  return {
    keyPem,
    privateKey: forgeKey,
    publicKey: pki.setRsaPublicKey(forgeKey.n, forgeKey.e),
  };
}

/** A forge extension object (forge's own shape: `{ name | id, critical?, …fields }`). */
export type ForgeExtension = Record<string, unknown>;

/** An extension given as raw DER of its value, for the IGC-Santé private extensions. */
export function rawExtension(
  oid: string,
  value: forge.asn1.Asn1,
  critical = false,
): ForgeExtension {
  return { id: oid, critical, value: asn1.toDer(value).getBytes() };
}

export interface CertificateRequest {
  readonly subject: readonly RelativeName[];
  readonly publicKey: forge.pki.rsa.PublicKey;
  readonly issuer: {
    readonly name: readonly RelativeName[];
    readonly privateKey: forge.pki.rsa.PrivateKey;
    /** Absent for a self-signed certificate. */
    readonly certificate?: forge.pki.Certificate;
  };
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly extensions: readonly ForgeExtension[];
}

export interface BuiltCertificate {
  readonly certificate: forge.pki.Certificate;
  readonly certPem: string;
  readonly subject: string;
  readonly serialHex: string;
}

function randomSerialHex(): string {
  // 16 random bytes, first bit cleared: a positive INTEGER without a leading zero byte.
  const bytes = randomBytes(16);
  bytes[0] = ((bytes[0] ?? 0) & 0x7f) | 0x10;
  return bytes.toString('hex');
}

/**
 * forge builds the subject/issuer from attribute lists; we replace them in the TBSCertificate
 * by our own `Name`s, then sign the DER ourselves (what `cert.sign` does, minus the rebuild).
 */
export function buildCertificate(request: CertificateRequest): BuiltCertificate {
  const cert = pki.createCertificate();
  cert.serialNumber = randomSerialHex();
  cert.publicKey = request.publicKey;
  cert.validity.notBefore = request.notBefore;
  cert.validity.notAfter = request.notAfter;
  // Placeholders, replaced below; forge needs them to compute key identifiers.
  cert.setSubject([{ shortName: 'CN', value: 'placeholder' }]);
  cert.setIssuer([{ shortName: 'CN', value: 'placeholder' }]);
  const extensions: ForgeExtension[] = [...request.extensions, { name: 'subjectKeyIdentifier' }];
  if (request.issuer.certificate) {
    extensions.push({
      name: 'authorityKeyIdentifier',
      keyIdentifier: request.issuer.certificate.generateSubjectKeyIdentifier().getBytes(),
    });
  }
  cert.setExtensions(extensions);

  cert.signatureOid = pki.oids['sha256WithRSAEncryption'] ?? '1.2.840.113549.1.1.11';
  cert.siginfo.algorithmOid = cert.signatureOid;
  const tbs = getTBSCertificate(cert);
  const fields = tbs.value as forge.asn1.Asn1[];
  // TBSCertificate: [0] version, serialNumber, signature, issuer, validity, subject, …
  fields[3] = nameToAsn1(request.issuer.name);
  fields[5] = nameToAsn1(request.subject);
  cert.tbsCertificate = tbs;

  const md = forge.md.sha256.create();
  md.update(asn1.toDer(tbs).getBytes());
  cert.signature = request.issuer.privateKey.sign(md);
  const certPem = pki.certificateToPem(cert);
  // Re-read so that forge's view (subject attributes, hashes) matches the DER we issued.
  const certificate = pki.certificateFromPem(certPem);
  return {
    certificate,
    certPem,
    subject: nameToString(request.subject),
    serialHex: cert.serialNumber,
  };
}
