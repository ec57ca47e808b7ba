// Reading CPx certificates: the official test certificates found in the DMP sample messages
// (read where they are, in ../shared/reference/dmp) and the sandbox's test PKI.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EKU, describeCertificate } from '../../../src/card/index.js';
import { generateTestPki, type TestPki } from '../../../src/sandbox/pki/index.js';
import { REPO_ROOT } from '../../support/paths.js';

const DMP = path.resolve(REPO_ROOT, '..', 'shared', 'reference', 'dmp');

/** DER of the first ds:X509Certificate of an official sample. */
function sampleCertificate(relative: string): Uint8Array {
  const text = readFileSync(path.join(DMP, relative), 'latin1');
  const base64 = /X509Certificate>([^<]+)</.exec(text)?.[1];
  if (base64 === undefined) throw new Error(`no certificate in ${relative}`);
  return new Uint8Array(Buffer.from(base64.replace(/\s/g, ''), 'base64'));
}

function der(pem: string): Uint8Array {
  return new Uint8Array(Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64'));
}

let pki: TestPki;
beforeAll(() => {
  pki = generateTestPki();
});

describe('official IGC-Santé and GIP-CPS test certificates', () => {
  it('reads the IGC-Santé signature certificate of test card "MAX LIBRE" (lot signature sample)', () => {
    const d = describeCertificate(sampleCertificate('messages/td2.1-signaturexades.xml'));
    expect(d.holder).toEqual({
      nationalId: '899900063480',
      family: 'LIBRE',
      given: 'MAX',
      professionCode: '10',
      professionLabel: 'Médecin',
      specialties: ['SM26'],
    });
    expect(d.keyUsage).toEqual(['nonRepudiation']);
    expect(d.extendedKeyUsage).toEqual([EKU.emailProtection]);
    expect(d.issuer).toContain('CN=TEST AC IGC-SANTE ELEMENTAIRE PERSONNES');
    expect(d.subject).toBe('GN=MAX+SN=LIBRE+CN=899900063480,title=Médecin,C=FR');
    expect(d.test).toBe(true);
    expect(d.cardKind).toBeNull(); // this certificate carries no card type
    expect(d.notAfter.toISOString()).toBe('2022-02-28T10:13:52.000Z');
  });

  it('reads the older GIP-CPS layout (profession in OU, card type extension) of the direct VIHF sample', () => {
    const d = describeCertificate(sampleCertificate('vihf/vihf-directe-signe.xml'));
    expect(d.holder).toMatchObject({
      nationalId: '899900038839',
      family: 'TRAL',
      given: 'ADEMIS',
      professionCode: '10',
      professionLabel: 'Médecin',
      specialties: ['SM26'],
    });
    expect(d.cardKind).toBe('CPS');
    expect(d.keyUsage).toEqual(['digitalSignature', 'nonRepudiation']);
    expect(d.test).toBe(true);
  });

  it('sees no holder in an ORG certificate, and its TEST category', () => {
    const d = describeCertificate(sampleCertificate('vihf/vihf-indirecte-renforcee-signe.xml'));
    expect(d.holder).toBeNull();
    expect(d.subject).toContain('OU=10B0127189');
    expect(d.extendedKeyUsage).toEqual([EKU.clientAuth]);
    expect(d.test).toBe(true);
  });

  it('refuses bytes that are not a certificate', () => {
    expect(() => describeCertificate(new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01]))).toThrow();
  });
});

describe('the sandbox test cards', () => {
  it('read back as they were issued', () => {
    for (const card of pki.cards) {
      const d = describeCertificate(der(card.signature.certPem));
      expect(d.holder?.nationalId).toBe(card.holder.id);
      expect(d.holder?.family).toBe(card.holder.family);
      expect(d.holder?.given).toBe(card.holder.given);
      expect(d.holder?.professionCode).toBe(card.holder.profession);
      expect(d.holder?.specialties).toEqual(
        card.holder.specialty === null ? [] : [card.holder.specialty],
      );
      expect(d.cardKind).toBe(card.kind);
      expect(d.test).toBe(true);
      expect(d.serialHex).toBe(card.signature.serialHex);
      const auth = describeCertificate(der(card.authentication.certPem));
      expect(auth.keyUsage).toEqual(['digitalSignature']);
      expect(auth.extendedKeyUsage).toEqual([EKU.clientAuth]);
    }
  });
});
