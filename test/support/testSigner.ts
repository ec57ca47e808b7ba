// A real XmlSigner for tests: an RSA key held by Node (generated with node:crypto, fast) and an
// X.509 certificate made with node-forge, either self-signed or issued by a test CA. Signing goes
// through an `await` so every caller exercises the asynchronous path a card imposes. Also: writing
// the PEM files xmlsec1 needs, and running xmlsec1 as the independent verifier.
import { spawnSync } from 'node:child_process';
import {
  createPrivateKey,
  generateKeyPairSync,
  sign as rsaSign,
  type KeyObject,
} from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import forge from 'node-forge';
import type { SignatureAlgorithm, XmlSigner } from '../../src/domain/ports/XmlSigner.js';

export interface DistinguishedName {
  readonly commonName: string;
  readonly organization?: string;
  readonly organizationalUnit?: string;
  readonly country?: string;
}

export interface TestCa {
  readonly certificatePem: string;
  readonly certificateDer: Uint8Array;
  readonly privateKeyPem: string;
  readonly name: DistinguishedName;
}

export interface TestSigner extends XmlSigner {
  readonly certificatePem: string;
  readonly privateKeyPem: string;
  readonly publicKeyPem: string;
  /** The issuing CA, when the certificate is not self-signed. */
  readonly ca?: TestCa;
  /** Every call made to `sign`, in order (what was signed, with which algorithm). */
  readonly calls: { readonly data: Uint8Array; readonly algorithm: SignatureAlgorithm }[];
}

function rsaKey(): { privateKeyPem: string; publicKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

function attributes(name: DistinguishedName): forge.pki.CertificateField[] {
  return [
    { shortName: 'C', value: name.country ?? 'FR' },
    ...(name.organization ? [{ shortName: 'O', value: name.organization }] : []),
    ...(name.organizationalUnit ? [{ shortName: 'OU', value: name.organizationalUnit }] : []),
    { shortName: 'CN', value: name.commonName },
  ];
}

let serial = 0x1000;

function makeCertificate(options: {
  subject: DistinguishedName;
  publicKeyPem: string;
  issuer: DistinguishedName;
  issuerKeyPem: string;
  isCa: boolean;
}): { pem: string; der: Uint8Array } {
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(options.publicKeyPem);
  serial += 1;
  // A large positive serial, like the IGC-Santé ones, exercises the decimal conversion.
  cert.serialNumber = `7${serial.toString(16).padStart(9, '0')}1c73fa2a67bb149065`;
  cert.validity.notBefore = new Date(Date.now() - 24 * 3600 * 1000);
  cert.validity.notAfter = new Date(Date.now() + 365 * 24 * 3600 * 1000);
  cert.setSubject(attributes(options.subject));
  cert.setIssuer(attributes(options.issuer));
  cert.setExtensions(
    options.isCa
      ? [
          { name: 'basicConstraints', cA: true },
          { name: 'keyUsage', keyCertSign: true, cRLSign: true },
        ]
      : [
          { name: 'basicConstraints', cA: false },
          { name: 'keyUsage', digitalSignature: true, nonRepudiation: true },
        ],
  );
  cert.sign(forge.pki.privateKeyFromPem(options.issuerKeyPem), forge.md.sha256.create());
  const der = forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes();
  return { pem: forge.pki.certificateToPem(cert), der: new Uint8Array(Buffer.from(der, 'binary')) };
}

/** A test CA ("IGC-Santé de test"-like) that can issue signer certificates. */
export function createTestCa(
  name: DistinguishedName = { commonName: 'TEST AC NAVETTE', organization: 'NAVETTE TEST' },
): TestCa {
  const key = rsaKey();
  const cert = makeCertificate({
    subject: name,
    publicKeyPem: key.publicKeyPem,
    issuer: name,
    issuerKeyPem: key.privateKeyPem,
    isCa: true,
  });
  return {
    certificatePem: cert.pem,
    certificateDer: cert.der,
    privateKeyPem: key.privateKeyPem,
    name,
  };
}

/** A signer whose certificate is issued by `ca`, or self-signed when `ca` is omitted. */
export function createTestSigner(
  options: {
    readonly subject?: DistinguishedName;
    readonly ca?: TestCa;
    /** Reuse this signer's key pair: a second certificate for the same key (re-issuance). */
    readonly sameKeyAs?: TestSigner;
  } = {},
): TestSigner {
  const subject = options.subject ?? {
    commonName: '899900063480',
    organization: 'CABINET DR LIBRE',
    organizationalUnit: 'Médecin',
  };
  const key = options.sameKeyAs ?? rsaKey();
  const cert = makeCertificate({
    subject,
    publicKeyPem: key.publicKeyPem,
    issuer: options.ca?.name ?? subject,
    issuerKeyPem: options.ca?.privateKeyPem ?? key.privateKeyPem,
    isCa: false,
  });
  const privateKey: KeyObject = createPrivateKey(key.privateKeyPem);
  const calls: { data: Uint8Array; algorithm: SignatureAlgorithm }[] = [];
  return {
    certificateDer: cert.der,
    certificatePem: cert.pem,
    privateKeyPem: key.privateKeyPem,
    publicKeyPem: key.publicKeyPem,
    ...(options.ca ? { ca: options.ca } : {}),
    calls,
    async sign(data: Uint8Array, algorithm: SignatureAlgorithm): Promise<Uint8Array> {
      calls.push({ data: Uint8Array.from(data), algorithm });
      await new Promise((resolve) => setImmediate(resolve));
      const hash = algorithm === 'rsa-sha1' ? 'sha1' : 'sha256';
      return new Uint8Array(rsaSign(hash, data, privateKey));
    },
  };
}

export interface PemFiles {
  readonly certificate: string;
  readonly privateKey: string;
  /** The CA certificate, when the signer has one. */
  readonly ca?: string;
}

/** Writes the signer's certificate, key and CA (if any) as PEM files in `dir`. */
export function writePemFiles(dir: string, signer: TestSigner, prefix = 'signer'): PemFiles {
  const certificate = path.join(dir, `${prefix}-cert.pem`);
  const privateKey = path.join(dir, `${prefix}-key.pem`);
  writeFileSync(certificate, signer.certificatePem);
  writeFileSync(privateKey, signer.privateKeyPem);
  if (!signer.ca) return { certificate, privateKey };
  const ca = path.join(dir, `${prefix}-ca.pem`);
  writeFileSync(ca, signer.ca.certificatePem);
  return { certificate, privateKey, ca };
}

export interface Xmlsec1Result {
  readonly ok: boolean;
  readonly output: string;
  /** The "SignedInfo References (ok/all): a/b" counts xmlsec1 prints. */
  readonly signedInfoReferences?: { readonly ok: number; readonly all: number };
}

/** Runs `xmlsec1 --verify <args> <file>` and reports its verdict. */
export function xmlsec1Verify(file: string, args: readonly string[]): Xmlsec1Result {
  const r = spawnSync('xmlsec1', ['--verify', ...args, file], { encoding: 'utf8' });
  if (r.error) throw r.error;
  const output = `${r.stdout}${r.stderr}`;
  const counts = /SignedInfo References \(ok\/all\): (\d+)\/(\d+)/.exec(output);
  return {
    ok: r.status === 0 && /^OK$/m.test(output),
    output,
    ...(counts ? { signedInfoReferences: { ok: Number(counts[1]), all: Number(counts[2]) } } : {}),
  };
}
