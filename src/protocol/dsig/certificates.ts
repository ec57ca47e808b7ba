// Certificate facts the signatures need: the KeyInfo base64, the XAdES IssuerSerial (RFC 2253
// issuer name, decimal serial number), digests of the DER, and the VIHF Issuer (the signing
// certificate's subject as an X509SubjectName). Node's X509Certificate parses the DER.
import { X509Certificate, createHash } from 'node:crypto';
import type { DigestName } from './algorithms.js';

/** Parses DER; throws Node's own error when the bytes are not a certificate. */
export function parseCertificate(der: Uint8Array): X509Certificate {
  return new X509Certificate(Buffer.from(der.buffer, der.byteOffset, der.byteLength));
}

export function certificateToBase64(der: Uint8Array): string {
  return Buffer.from(der.buffer, der.byteOffset, der.byteLength).toString('base64');
}

export function certificateToPem(der: Uint8Array): string {
  const lines = certificateToBase64(der).match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

/** Base64 digest of arbitrary bytes (a document, a certificate's DER). */
export function digestBase64(bytes: Uint8Array | string, digest: DigestName): string {
  return createHash(digest).update(bytes).digest('base64');
}

/**
 * Node prints names one RDN per line, most significant first (`C=FR\nO=…\nCN=…`), values already
 * escaped per RFC 2253, multi-valued RDNs joined by ` + `. RFC 2253 wants the reverse order joined
 * by commas, which is also how the official samples write them (Java's X500Principal):
 * `CN=TEST AC IGC-SANTE ELEMENTAIRE PERSONNES,OU=IGC-SANTE TEST,OU=0002 187512751,O=ASIP-SANTE,C=FR`.
 * Attribute types Java would print as OIDs (GN, SN, title) keep Node's short names here.
 */
export function rfc2253Name(nodeName: string): string {
  return nodeName
    .split('\n')
    .filter((line) => line.length > 0)
    .reverse()
    .map((rdn) => rdn.split(' + ').join('+'))
    .join(',');
}

/** Normalises an RFC 2253 name for comparison: no spaces around separators, types upper-case. */
export function normalizeDistinguishedName(name: string): string {
  return name
    .trim()
    .split(/(?<!\\)\s*([,+])\s*/)
    .map((part) => {
      const eq = part.indexOf('=');
      return eq > 0
        ? `${part.slice(0, eq).trim().toUpperCase()}=${part.slice(eq + 1).trim()}`
        : part;
    })
    .join('');
}

/** The serial number in decimal, as XAdES X509SerialNumber (an xs:integer) writes it. */
export function serialNumberDecimal(certificate: X509Certificate): string {
  return BigInt(`0x${certificate.serialNumber}`).toString(10);
}
