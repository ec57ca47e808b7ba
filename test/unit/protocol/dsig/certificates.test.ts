// Certificate facts written into signatures: RFC 2253 names, decimal serials, digests. Checked
// against the values the official lot signature writes for its own certificate.
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  certificateToPem,
  digestBase64,
  normalizeDistinguishedName,
  parseCertificate,
  rfc2253Name,
  serialNumberDecimal,
} from '../../../../src/protocol/dsig/index.js';
import { REFERENCE_DIR } from '../../../support/paths.js';

const SAMPLE = readFileSync(
  path.join(REFERENCE_DIR, 'dmp', 'messages', 'td2.1-signaturexades.xml'),
  'utf8',
);
const DER = new Uint8Array(
  Buffer.from(
    /<X509Certificate>([^<]+)<\/X509Certificate>/.exec(SAMPLE)?.[1]?.replace(/\s+/g, '') ?? '',
    'base64',
  ),
);

describe('certificate facts', () => {
  it('match what the official sample writes in its SigningCertificate', () => {
    const cert = parseCertificate(DER);
    expect(rfc2253Name(cert.issuer)).toBe(
      'CN=TEST AC IGC-SANTE ELEMENTAIRE PERSONNES,OU=IGC-SANTE TEST,OU=0002 187512751,O=ASIP-SANTE,C=FR',
    );
    expect(serialNumberDecimal(cert)).toBe('159655096103497701664027626074020656119');
    expect(digestBase64(DER, 'sha1')).toBe('CLcb8PHSgDr5WgzTW+R/NZVkzhI=');
  });

  it('joins multi-valued RDNs with + as RFC 2253 does', () => {
    expect(rfc2253Name(parseCertificate(DER).subject)).toBe(
      'GN=MAX+SN=LIBRE+CN=899900063480,title=Médecin,C=FR',
    );
  });

  it('normalises names for comparison without merging escaped separators', () => {
    expect(normalizeDistinguishedName('cn=A B , ou = X+ o=Y')).toBe('CN=A B,OU=X+O=Y');
    expect(normalizeDistinguishedName('CN=A\\, B,O=Y')).toBe('CN=A\\, B,O=Y');
  });

  it('writes PEM that Node reads back', () => {
    const pem = certificateToPem(DER);
    expect(pem).toMatch(/^-----BEGIN CERTIFICATE-----\n([A-Za-z0-9+/=]{64}\n)+/);
    expect(parseCertificate(DER).fingerprint256).toBe(
      parseCertificate(
        new Uint8Array(Buffer.from(pem.replace(/-----[A-Z ]+-----|\n/g, ''), 'base64')),
      ).fingerprint256,
    );
  });
});
