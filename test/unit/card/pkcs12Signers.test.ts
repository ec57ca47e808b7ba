// The software signers: the structure's PKCS#12 (indirect mode) and the virtual test card (demo).
import { X509Certificate, verify } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import forge from 'node-forge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Pkcs12Signer, VirtualTestCard, isCardError } from '../../../src/card/index.js';
import { buildPkcs12, generateTestPki, type TestPki } from '../../../src/sandbox/pki/index.js';
import { makeTempDir, removeTempDirs } from '../../support/tempDir.js';

let pki: TestPki;
const DATA = Buffer.from('<ds:SignedInfo/>');

beforeAll(() => {
  pki = generateTestPki({ dir: makeTempDir('navette-p12-'), p12Password: 'mot de passe' });
});
afterAll(removeTempDirs);

function p12Files() {
  const files = pki.structure.p12;
  if (!files) throw new Error('not written');
  return files;
}

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error: unknown) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('Pkcs12Signer', () => {
  it('signs with the ORG SIGN key, even from the file holding both structure keys', async () => {
    for (const file of [p12Files().sign, p12Files().combined]) {
      const signer = new Pkcs12Signer({ path: file, password: 'mot de passe' });
      expect(Buffer.from(signer.certificateDer)).toEqual(
        new X509Certificate(pki.structure.signature.certPem).raw,
      );
      const signature = await signer.sign(DATA, 'rsa-sha256');
      expect(
        verify(
          'sha256',
          DATA,
          new X509Certificate(pki.structure.signature.certPem).publicKey,
          signature,
        ),
      ).toBe(true);
      const sha1 = await signer.sign(DATA, 'rsa-sha1');
      expect(
        verify('sha1', DATA, new X509Certificate(pki.structure.signature.certPem).publicKey, sha1),
      ).toBe(true);
    }
    const byLabel = new Pkcs12Signer({
      path: p12Files().combined,
      password: 'mot de passe',
      label: 'ORG AUTH_CLI',
    });
    expect(Buffer.from(byLabel.certificateDer)).toEqual(
      new X509Certificate(pki.structure.authentication.certPem).raw,
    );
  });

  it('says when the password is wrong or the file is not there', () => {
    const wrong = thrown(() => new Pkcs12Signer({ path: p12Files().sign, password: 'faux' }));
    expect(isCardError(wrong, 'CARD_P12_PASSWORD')).toBe(true);
    expect((wrong as Error).message).toContain('mot de passe');
    const missing = thrown(() => new Pkcs12Signer({ path: '/nonexistent.p12', password: 'x' }));
    expect(isCardError(missing, 'CARD_P12_UNREADABLE')).toBe(true);
  });

  it('refuses to sign once the certificate has expired', async () => {
    const signer = new Pkcs12Signer({
      path: p12Files().sign,
      password: 'mot de passe',
      now: () => new Date('2099-01-01T00:00:00Z'),
    });
    await expect(signer.sign(DATA, 'rsa-sha256')).rejects.toMatchObject({
      code: 'CARD_CERTIFICATE_EXPIRED',
    });
  });
});

describe('VirtualTestCard (demo only)', () => {
  it('reads both keys of the virtual card, says it is a TEST card, signs with the signature key', async () => {
    const gp = pki.cards[0];
    if (!gp?.p12Path) throw new Error('no virtual card');
    const card = new VirtualTestCard({ path: gp.p12Path, password: 'mot de passe' });
    expect(card.label).toBe('CARTE VIRTUELLE DE TEST CLAIRE MARTIN');
    expect(card.signer.kind).toBe('virtual-test-card');
    expect(card.signer.description).toMatch(
      /^Carte virtuelle de TEST \(démonstration uniquement\)/,
    );
    expect(card.kind).toBe('CPS');
    expect(card.holder?.nationalId).toBe('899900100001');
    expect(Buffer.from(card.signer.certificateDer)).toEqual(
      new X509Certificate(gp.signature.certPem).raw,
    );
    const signature = await card.signer.sign(DATA, 'rsa-sha256');
    expect(
      verify('sha256', DATA, new X509Certificate(gp.signature.certPem).publicKey, signature),
    ).toBe(true);
    expect(card.authentication.certificatePem.replace(/\r/g, '')).toBe(
      gp.authentication.certPem.replace(/\r/g, ''),
    );
  });

  it('refuses a file whose certificates are not TEST ones', () => {
    // A production-looking certificate: no TEST category, no TEST in its issuer.
    const keys = forge.pki.rsa.generateKeyPair({ bits: 1024 });
    const cert = forge.pki.createCertificate();
    cert.publicKey = keys.publicKey;
    cert.serialNumber = '01';
    cert.validity.notBefore = new Date(Date.now() - 86_400_000);
    cert.validity.notAfter = new Date(Date.now() + 86_400_000);
    const name = [
      { shortName: 'CN', value: '810012345678' },
      { name: 'surname', value: 'REEL' },
    ];
    cert.setSubject(name);
    cert.setIssuer([{ shortName: 'CN', value: 'AC IGC-SANTE ELEMENTAIRE PERSONNES' }]);
    cert.setExtensions([{ name: 'keyUsage', nonRepudiation: true }]);
    cert.sign(keys.privateKey, forge.md.sha256.create());
    const file = path.join(makeTempDir('navette-p12-real-'), 'real.p12');
    const entry = {
      keyPem: forge.pki.privateKeyToPem(keys.privateKey),
      certPem: forge.pki.certificateToPem(cert),
      label: 'Certificat de Signature CPS',
      localKeyIdHex: '0110',
    };
    writeFileSync(file, buildPkcs12([entry], 'pw'));
    const error = thrown(() => new VirtualTestCard({ path: file, password: 'pw' }));
    expect(isCardError(error, 'CARD_VIRTUAL_NOT_TEST')).toBe(true);
    expect((error as Error).message).toContain('démonstration');
  });
});
