// The TD2.1 lot signature against independent verdicts (issue 3):
// - the official td2.1-signaturexades.xml verifies with our verifier and with xmlsec1 (both
//   SignedInfo references valid), and both refuse it once a signed byte changes;
// - what our verifier reads from it equals what the file says;
// - the C14N-with-comments manifest digest we compute for an XML document equals the one over
//   xmllint's canonical form;
// - our own lot signatures verify with xmlsec1 (against the issuing CA), and a changed document
//   or signed byte is refused.
// xmlsec1 cannot dereference `urn:oid:` manifest references, hence --ignore-manifests: the
// documents' digests are checked by our verifier only (TECH-NOTES §3).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  buildLotSignature,
  manifestDigestOf,
  verifyLotSignature,
  verifyLotSignedInfo,
  type LotDocument,
} from '../../src/protocol/dsig/index.js';
import { makeTempDir, removeTempDirs } from '../support/tempDir.js';
import {
  createTestCa,
  createTestSigner,
  writePemFiles,
  xmlsec1Verify,
} from '../support/testSigner.js';
import { REFERENCE_DIR } from '../support/paths.js';

const MESSAGES = path.join(REFERENCE_DIR, 'dmp', 'messages');
const SAMPLE_FILE = path.join(MESSAGES, 'td2.1-signaturexades.xml');
const SAMPLE = readFileSync(SAMPLE_FILE, 'utf8');
const CDA_FILE = path.join(MESSAGES, 'td2.1-documentme2.xml');
// xmlsec1 resolves the two signed ids through these declarations (they are not xs:ID typed).
const IDS = ['--id-attr:Id', 'SignedProperties', '--id-attr:Id', 'Manifest'];

const work = makeTempDir('navette-lot-conf-');
afterAll(() => removeTempDirs());

function embeddedCertificatePem(xml: string, label: string): string {
  const b64 =
    /<X509Certificate>([^<]+)<\/X509Certificate>/.exec(xml)?.[1]?.replace(/\s+/g, '') ?? '';
  const file = path.join(work, `${label}-cert.pem`);
  writeFileSync(
    file,
    `-----BEGIN CERTIFICATE-----\n${(b64.match(/.{1,64}/g) ?? []).join('\n')}\n-----END CERTIFICATE-----\n`,
  );
  return file;
}

function xmlsec1(
  xml: string,
  label: string,
  keyArgs: readonly string[],
): ReturnType<typeof xmlsec1Verify> {
  const file = path.join(work, `${label}.xml`);
  writeFileSync(file, xml, 'utf8');
  return xmlsec1Verify(file, ['--ignore-manifests', ...IDS, ...keyArgs]);
}

/** Every match of `re` (global) in the sample, first capture group. */
function fromSample(re: RegExp): string[] {
  return Array.from(SAMPLE.matchAll(re), (m) => m[1] ?? '');
}

describe('official td2.1-signaturexades.xml', () => {
  it('verifies with xmlsec1 and with our verifier (both SignedInfo references)', () => {
    const independent = xmlsec1(SAMPLE, 'official', [
      '--pubkey-cert-pem',
      embeddedCertificatePem(SAMPLE, 'official'),
    ]);
    expect(independent).toMatchObject({ ok: true, signedInfoReferences: { ok: 2, all: 2 } });
    const ours = verifyLotSignedInfo(readFileSync(SAMPLE_FILE));
    expect(ours.signatureAlgorithm).toBe('rsa-sha1');
  });

  it('reads exactly what the file says', () => {
    const v = verifyLotSignedInfo(SAMPLE);
    expect(v.signatureId).toBe(fromSample(/<Signature [^>]*Id="([^"]+)"/g)[0]);
    expect(v.manifest.map((m) => `urn:oid:${m.uniqueId}`)).toEqual(
      fromSample(/<Reference URI="(urn:oid:[^"]+)"/g),
    );
    expect(v.manifest.map((m) => m.digestValue)).toEqual(
      fromSample(/<Reference URI="urn:oid:[^"]+">.*?<DigestValue>([^<]+)<\/DigestValue>/g),
    );
    expect(v.manifest[0]).toMatchObject({ digestValue: 'AA==', transforms: [] });
    expect(v.manifest[1]?.transforms).toEqual([
      'http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments',
    ]);
    expect(v.signingTime).toBe(fromSample(/<SigningTime>([^<]+)<\/SigningTime>/g)[0]);
    expect(v.signingCertificates.map((c) => c.serialNumber)).toEqual(
      fromSample(/<X509SerialNumber [^>]*>([^<]+)<\/X509SerialNumber>/g),
    );
    expect(v.signingCertificates.map((c) => c.issuerName)).toEqual(
      fromSample(/<X509IssuerName [^>]*>([^<]+)<\/X509IssuerName>/g),
    );
    expect(v.signaturePolicyImplied).toBe(true);
    expect(v.purposeOfSignature).toBe('1.2.840.10065.1.12.1.14');
    const der = Buffer.from(
      fromSample(/<X509Certificate>([^<]+)<\/X509Certificate>/g)[0]?.replace(/\s+/g, '') ?? '',
      'base64',
    );
    expect(Buffer.from(v.signerCertificateDer).equals(der)).toBe(true);
    // The SigningCertificate digest designates that certificate (SHA-1 of its DER).
    expect(createHash('sha1').update(der).digest('base64')).toBe(
      v.signingCertificates[0]?.digestValue,
    );
  });

  it('is refused by both once a signed byte changes', () => {
    const tampered = SAMPLE.replace(
      '2019-04-04T14:20:12.282+02:00',
      '2019-04-04T14:20:13.282+02:00',
    );
    expect(tampered).not.toBe(SAMPLE);
    const independent = xmlsec1(tampered, 'official-tampered', [
      '--pubkey-cert-pem',
      embeddedCertificatePem(SAMPLE, 'official-tampered'),
    ]);
    expect(independent.ok).toBe(false);
    expect(independent.output).toContain('data and digest do not match');
    expect(() => verifyLotSignedInfo(tampered)).toThrow(
      expect.objectContaining({ name: 'LotSignatureError', code: 'LOT_SIGNATURE_DIGEST_MISMATCH' }),
    );
  });

  it('names one entry first with the zero digest and no transforms, as Navette writes its lot', () => {
    // IHE DSG (ITI TF-3 §5.5.3.1), the CNAM kit's XDSb.cs and DRIMbox put the SubmissionSet there.
    // The sample's ids alone cannot say what it names: the kit's Dmp.cs numbers a SubmissionSet
    // …7898.3.<n> in one place and …7898.1.<n> in its constants, like td2.1-alimentation.
    const [lot] = verifyLotSignedInfo(SAMPLE).manifest;
    expect(lot).toMatchObject({ digestValue: 'AA==', transforms: [] });
  });

  it('cannot be fully verified without its documents, and td2.1-documentme2.xml is not one of them', () => {
    const [lot, cda] = verifyLotSignedInfo(SAMPLE).manifest;
    expect(() => verifyLotSignature(SAMPLE, { documents: new Map() })).toThrow(
      expect.objectContaining({ code: 'LOT_SIGNATURE_DOCUMENT_MISSING' }),
    );
    // The CDA shipped beside the sample belongs to another lot (the TD2.1 request's numbering).
    const documents = new Map([[cda?.uniqueId ?? '', readFileSync(CDA_FILE)]]);
    expect(() =>
      verifyLotSignature(SAMPLE, { documents, submissionSetUniqueId: lot?.uniqueId ?? '' }),
    ).toThrow(expect.objectContaining({ code: 'LOT_SIGNATURE_DOCUMENT_DIGEST_MISMATCH' }));
  });

  it('digests an XML document over the same C14N-with-comments bytes as xmllint', () => {
    const cda = verifyLotSignedInfo(SAMPLE).manifest[1];
    if (!cda) throw new Error('the sample has two manifest entries');
    const canonical = spawnSync('xmllint', ['--c14n', CDA_FILE]);
    expect(canonical.status).toBe(0);
    expect(manifestDigestOf(cda, readFileSync(CDA_FILE))).toBe(
      createHash('sha1').update(canonical.stdout).digest('base64'),
    );
  });
});

describe('our lot signature', () => {
  const documents: LotDocument[] = [
    { uniqueId: '1.2.250.1.999.1.1.7898.3.1', content: readFileSync(CDA_FILE) },
    {
      uniqueId: '1.2.250.1.999.1.1.7898.3.2',
      content: Buffer.from('%PDF-1.4\n\u0000\u00ff binary', 'latin1'),
    },
  ];
  const received = new Map(documents.map((d) => [d.uniqueId, new Uint8Array(d.content)]));
  const lot = '1.2.250.1.999.1.1.7898.1.1';

  for (const algorithm of ['rsa-sha256', 'rsa-sha1'] as const) {
    it(`${algorithm}: xmlsec1 verifies it against the issuing CA, and so do we`, async () => {
      const ca = createTestCa();
      const signer = createTestSigner({ ca });
      const xml = await buildLotSignature(
        { documents, submissionSetUniqueId: lot, certificateChainDer: [ca.certificateDer] },
        signer,
        { algorithm },
      );
      const pems = writePemFiles(work, signer, `lot-${algorithm}`);
      const independent = xmlsec1(xml, `lot-${algorithm}`, ['--trusted-pem', pems.ca ?? '']);
      expect(independent).toMatchObject({ ok: true, signedInfoReferences: { ok: 2, all: 2 } });
      const v = verifyLotSignature(xml, { documents: received, submissionSetUniqueId: lot });
      expect(v.signatureAlgorithm).toBe(algorithm);
      expect(v.manifest.map((m) => m.uniqueId)).toEqual([lot, ...documents.map((d) => d.uniqueId)]);
    });
  }

  it('a byte changed in a document, or in the signature, is refused', async () => {
    const signer = createTestSigner();
    const xml = await buildLotSignature({ documents }, signer);
    const changed = new Map(received);
    const cda = Uint8Array.from(received.get('1.2.250.1.999.1.1.7898.3.1') ?? []);
    cda[100] = (cda[100] ?? 0) ^ 0x20;
    changed.set('1.2.250.1.999.1.1.7898.3.1', cda);
    expect(() => verifyLotSignature(xml, { documents: changed })).toThrow(
      expect.objectContaining({
        code: 'LOT_SIGNATURE_DOCUMENT_DIGEST_MISMATCH',
        details: { uniqueId: '1.2.250.1.999.1.1.7898.3.1', digestAlgorithm: 'sha256' },
      }),
    );
    const tampered = xml.replace(/<SigningTime>2/, '<SigningTime>1');
    expect(tampered).not.toBe(xml);
    const pems = writePemFiles(work, signer, 'lot-tampered');
    const independent = xmlsec1(tampered, 'lot-tampered', ['--pubkey-cert-pem', pems.certificate]);
    expect(independent.ok).toBe(false);
    expect(() => verifyLotSignedInfo(tampered)).toThrow(
      expect.objectContaining({ code: 'LOT_SIGNATURE_DIGEST_MISMATCH' }),
    );
  });
});
