// The sandbox's test PKI, checked with OpenSSL as the independent verifier: chains, purposes,
// key usages, CPS-like subjects and private extensions, PKCS#12 contents.
import { execFileSync } from 'node:child_process';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTestPki, type TestCard, type TestPki } from '../../../src/sandbox/pki/index.js';
import { makeTempDir, removeTempDirs } from '../../support/tempDir.js';

let pki: TestPki;

beforeAll(() => {
  pki = generateTestPki({ dir: makeTempDir('navette-pki-') });
});
afterAll(removeTempDirs);

function openssl(args: readonly string[]): string {
  return execFileSync('openssl', [...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function card(key: string): TestCard {
  const found = pki.cards.find((c) => c.key === key);
  if (!found) throw new Error(`no card ${key}`);
  return found;
}

function pathOf(file: string | undefined): string {
  if (file === undefined) throw new Error('file not written');
  return file;
}

/** `openssl verify` with a purpose: the chain and the key usages in one independent verdict. */
function verify(certPath: string | undefined, purpose: string): string {
  return openssl([
    'verify',
    '-CAfile',
    pathOf(pki.ca.certPath),
    '-purpose',
    purpose,
    pathOf(certPath),
  ]);
}

function extensionText(certPath: string | undefined, names: string): string {
  return openssl(['x509', '-in', pathOf(certPath), '-noout', '-ext', names]);
}

/** Hex DER of a private extension's value, read with openssl asn1parse. */
function extensionValueHex(certPem: string, oid: string): string | null {
  const parsed = execFileSync('openssl', ['asn1parse'], { input: certPem, encoding: 'utf8' }).split(
    '\n',
  );
  const at = parsed.findIndex((l) => l.includes(`:${oid}`));
  if (at < 0) return null;
  return /\[HEX DUMP\]:([0-9A-F]+)/.exec(parsed[at + 1] ?? '')?.[1] ?? null;
}

describe('the test PKI', () => {
  it('has a self-signed root "IGC-Santé de test" marked TEST, a CA', () => {
    const root = new X509Certificate(pki.ca.certPem);
    expect(root.ca).toBe(true);
    expect(root.subject).toContain('CN=IGC-Santé de test');
    expect(root.subject).toContain('OU=IGC-SANTE TEST');
    expect(root.subject).toBe(root.issuer);
    expect(root.verify(root.publicKey)).toBe(true);
  });

  it('issues an authentication and a signature certificate per card, chaining to the root', () => {
    expect(pki.cards.map((c) => c.key)).toEqual(['gp', 'cardiologist', 'nurse', 'secretary']);
    for (const c of pki.cards) {
      expect(verify(c.authentication.certPath, 'sslclient')).toContain(': OK');
      expect(verify(c.signature.certPath, 'smimesign')).toContain(': OK');
      // The signature certificate is no TLS client certificate.
      expect(() => verify(c.signature.certPath, 'sslclient')).toThrow();
    }
  });

  it('gives the card certificates the key usages of real CPS certificates', () => {
    const gp = card('gp');
    const auth = extensionText(gp.authentication.certPath, 'keyUsage,extendedKeyUsage');
    expect(auth).toMatch(/Key Usage: critical\s+Digital Signature\s/);
    expect(auth).toContain('TLS Web Client Authentication');
    const sign = extensionText(gp.signature.certPath, 'keyUsage,extendedKeyUsage');
    expect(sign).toMatch(/Key Usage: critical\s+Non Repudiation\s/);
    expect(sign).not.toContain('Digital Signature');
    expect(sign).toContain('E-mail Protection');
  });

  it('names the holder as IGC-Santé does: title, then { GN + SN + CN = idNat_PS }', () => {
    const gp = card('gp');
    expect(gp.holder).toEqual({
      id: '899900100001',
      family: 'MARTIN',
      given: 'CLAIRE',
      profession: '10',
      specialty: 'SM54',
    });
    const subject = openssl([
      'x509',
      '-in',
      pathOf(gp.signature.certPath),
      '-noout',
      '-subject',
      '-nameopt',
      'RFC2253,-esc_msb',
    ]).trim();
    // OpenSSL prints the members of a multi-valued RDN in reverse; DER holds them sorted.
    expect(subject).toBe('subject=CN=899900100001+GN=CLAIRE+SN=MARTIN,title=Médecin,C=FR');
    expect(gp.signature.subject).toBe('SN=MARTIN+GN=CLAIRE+CN=899900100001,title=Médecin,C=FR');
  });

  it('carries profession, speciality, card type and the TEST category in the IGC-Santé extensions', () => {
    const gp = card('gp').signature.certPem;
    expect(extensionValueHex(gp, '1.2.250.1.71.1.2.7')).toBe('02010A'); // INTEGER 10 (médecin)
    expect(extensionValueHex(gp, '1.2.250.1.71.4.2.5')).toBe('30060C04534D3534'); // { "SM54" }
    expect(extensionValueHex(gp, '1.2.250.1.71.1.2.2')).toBe('020100'); // CPS
    expect(extensionValueHex(gp, '1.2.250.1.71.1.2.5')).toBe('040180'); // CPx de TEST
    const cardio = card('cardiologist').authentication.certPem;
    expect(extensionValueHex(cardio, '1.2.250.1.71.4.2.5')).toBe('30060C04534D3034'); // SM04
    const nurse = card('nurse').signature.certPem;
    expect(extensionValueHex(nurse, '1.2.250.1.71.1.2.7')).toBe('02013C'); // 60 (infirmier)
    expect(extensionValueHex(nurse, '1.2.250.1.71.4.2.5')).toBeNull();
    const cpe = card('secretary');
    expect(cpe.kind).toBe('CPE');
    expect(cpe.holder.id).toBe('3759900012/SEC001');
    expect(extensionValueHex(cpe.signature.certPem, '1.2.250.1.71.1.2.2')).toBe('020102'); // CPE
    expect(extensionValueHex(cpe.signature.certPem, '1.2.250.1.71.1.2.7')).toBeNull();
    expect(new X509Certificate(cpe.signature.certPem).subject).not.toContain('title');
  });

  it('gives each card the CKA_IDs and labels of the Cryptolib CPS (…20 auth, …10 signature)', () => {
    const gp = card('gp');
    expect(gp.authentication.ckaIdHex.endsWith('20')).toBe(true);
    expect(gp.signature.ckaIdHex.endsWith('10')).toBe(true);
    expect(gp.authentication.certificateLabel).toBe("Certificat d'Authentification CPS");
    expect(gp.signature.certificateLabel).toBe('Certificat de Signature CPS');
  });

  it('issues the structure ORG AUTH_CLI and ORG SIGN certificates with the structure id in OU', () => {
    const s = pki.structure;
    expect(s.id).toBe('1759900012');
    expect(verify(s.authentication.certPath, 'sslclient')).toContain(': OK');
    expect(verify(s.signature.certPath, 'smimesign')).toContain(': OK');
    expect(new X509Certificate(s.authentication.certPem).subject).toContain('OU=1759900012');
    const sign = extensionText(s.signature.certPath, 'keyUsage');
    expect(sign).toContain('Digital Signature, Non Repudiation');
    expect(extensionValueHex(s.signature.certPem, '1.2.250.1.71.1.2.5')).toBe('040183'); // CL de TEST
  });

  it('issues a TLS server certificate for localhost and 127.0.0.1', () => {
    expect(verify(pki.server.certPath, 'sslserver')).toContain(': OK');
    const cert = new X509Certificate(pki.server.certPem);
    expect(cert.checkHost('localhost')).toBe('localhost');
    expect(cert.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(cert.subjectAltName).toContain('DNS:localhost');
  });

  it('pairs every certificate with its private key and keeps the keys private on disk', () => {
    const issued = [pki.ca, pki.server, pki.structure.authentication, pki.structure.signature];
    for (const c of pki.cards) issued.push(c.authentication, c.signature);
    for (const i of issued) {
      expect(new X509Certificate(i.certPem).checkPrivateKey(createPrivateKey(i.keyPem))).toBe(true);
      expect(statSync(pathOf(i.keyPath)).mode & 0o077).toBe(0);
    }
  });

  it('writes the virtual card as one PKCS#12 with both keys, labelled, localKeyId = CKA_ID', () => {
    const p12 = pathOf(card('gp').p12Path);
    const info = openssl([
      'pkcs12',
      '-in',
      p12,
      '-passin',
      `pass:${pki.p12Password}`,
      '-info',
      '-nodes',
    ]);
    expect(info.match(/-----BEGIN PRIVATE KEY-----/g)).toHaveLength(2);
    expect(info).toContain("friendlyName: Certificat d'Authentification CPS");
    expect(info).toContain('friendlyName: Certificat de Signature CPS');
    expect(info).toContain('localKeyID: 01 20');
    expect(info).toContain('localKeyID: 01 10');
    expect(() =>
      openssl(['pkcs12', '-in', p12, '-passin', 'pass:wrong', '-info', '-nokeys']),
    ).toThrow();
  });

  it('writes the structure PKCS#12 files; Node TLS loads the AUTH_CLI one as a client identity', () => {
    const files = pki.structure.p12;
    if (!files) throw new Error('structure p12 not written');
    for (const f of [files.auth, files.sign, files.combined]) expect(existsSync(f)).toBe(true);
    const context = tls.createSecureContext({
      pfx: readFileSync(files.auth),
      passphrase: pki.p12Password,
    });
    expect(context).toBeDefined();
    const combined = openssl([
      'pkcs12',
      '-in',
      files.combined,
      '-passin',
      `pass:${pki.p12Password}`,
      '-nokeys',
    ]);
    expect(combined).toContain('friendlyName: ORG AUTH_CLI');
    expect(combined).toContain('friendlyName: ORG SIGN');
  });

  it('writes nothing without a folder, and honours a fixed validity start and password', () => {
    const start = new Date('2020-01-01T00:00:00Z');
    const small = generateTestPki({
      now: start,
      leafValidityDays: 30,
      p12Password: 'secret',
      cards: [pki.cards[0] ?? card('gp')],
    });
    expect(small.dir).toBeNull();
    expect(small.ca.certPath).toBeUndefined();
    expect(small.p12Password).toBe('secret');
    const leaf = new X509Certificate(small.cards[0]?.signature.certPem ?? '');
    expect(new Date(leaf.validFrom).toISOString()).toBe(start.toISOString());
    expect(new Date(leaf.validTo).getTime() - start.getTime()).toBe(30 * 24 * 3600 * 1000);
    expect(path.isAbsolute(pki.dir ?? '')).toBe(true);
  });
});
