// VIHF signatures against independent verdicts (issue 3, "Signatures against independent
// verdicts") and against the official samples in reference/dmp/vihf:
// - the signed samples were edited after signing: xmlsec1 reports a digest mismatch, and our
//   verifier must refuse them the same way (typed error, no crash, no acceptance);
// - the samples parse, with the concrete values they carry;
// - our assertions use the samples' attribute Names / NameFormats / value forms;
// - our signed assertions verify with xmlsec1, alone and inside a SOAP header, and a changed byte
//   makes both xmlsec1 and our verifier refuse.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DOMParser, type Element } from '@xmldom/xmldom';
import { afterAll, describe, expect, it } from 'vitest';
import {
  buildSignedVihf,
  buildVihfAssertion,
  parseVihf,
  verifyVihf,
  type VihfInput,
} from '../../src/protocol/saml/index.js';
import { decodeXml } from '../../src/protocol/xml/decode.js';
import { makeTempDir, removeTempDirs } from '../support/tempDir.js';
import {
  createTestCa,
  createTestSigner,
  writePemFiles,
  xmlsec1Verify,
} from '../support/testSigner.js';
import { AIR_INPUT, DIRECT_INPUT, INDIRECT_INPUT } from '../unit/protocol/saml/vihfInputs.js';
import { REFERENCE_DIR } from '../support/paths.js';

const VIHF_DIR = path.join(REFERENCE_DIR, 'dmp', 'vihf');
const SAML = 'urn:oasis:names:tc:SAML:2.0:assertion';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
const ID_ATTR = ['--id-attr:ID', 'urn:oasis:names:tc:SAML:2.0:assertion:Assertion'];
const SIGNED_SAMPLES = [
  'vihf-directe-signe.xml',
  'vihf-indirecte-signe.xml',
  'vihf-indirecte-renforcee-signe.xml',
];

const work = makeTempDir('navette-vihf-conf-');
afterAll(() => removeTempDirs());

/** The sample as text (the direct-mode ones are ISO-8859-1 without a declaration). */
function sampleText(name: string): string {
  return decodeXml(readFileSync(path.join(VIHF_DIR, name)));
}

function assertionOf(xml: string): Element {
  const doc = new DOMParser().parseFromString(xml, 'text/xml');
  return doc.getElementsByTagNameNS(SAML, 'Assertion')[0] as Element;
}

/** What the attribute statement looks like, value contents aside. */
function attributeShape(
  xml: string,
): { name: string; nameFormat: string | null; valueTypes: string[] }[] {
  return Array.from(assertionOf(xml).getElementsByTagNameNS(SAML, 'Attribute')).map((a) => ({
    name: a.getAttribute('Name') ?? '',
    nameFormat: a.getAttribute('NameFormat'),
    valueTypes: Array.from(a.getElementsByTagNameNS(SAML, 'AttributeValue')).map((v) => {
      const child = Array.from(v.childNodes).find((n) => n.nodeType === 1) as Element | undefined;
      return child
        ? `${child.namespaceURI ?? ''}:${child.localName ?? ''}:${child.getAttributeNS(XSI, 'type') ?? ''}`
        : `text:${v.getAttributeNS(XSI, 'type') ?? ''}`;
    }),
  }));
}

/** Writes `xml` as UTF-8 plus the certificate it embeds, and runs xmlsec1 with that key. */
function xmlsec1WithEmbeddedCertificate(
  xml: string,
  label: string,
): ReturnType<typeof xmlsec1Verify> {
  const file = path.join(work, `${label}.xml`);
  writeFileSync(file, xml, 'utf8');
  const b64 =
    /<X509Certificate>([^<]+)<\/X509Certificate>/.exec(xml)?.[1]?.replace(/\s+/g, '') ?? '';
  const pem = `-----BEGIN CERTIFICATE-----\n${(b64.match(/.{1,64}/g) ?? []).join('\n')}\n-----END CERTIFICATE-----\n`;
  const certFile = path.join(work, `${label}-cert.pem`);
  writeFileSync(certFile, pem);
  return xmlsec1Verify(file, [...ID_ATTR, '--pubkey-cert-pem', certFile]);
}

describe('official signed VIHF samples (edited after signing)', () => {
  for (const name of SIGNED_SAMPLES) {
    it(`${name}: xmlsec1 finds a digest mismatch, and so does our verifier`, () => {
      const text = sampleText(name);
      const independent = xmlsec1WithEmbeddedCertificate(text, name.replace('.xml', ''));
      expect(independent.ok).toBe(false);
      expect(independent.output).toContain('data and digest do not match');
      expect(independent.signedInfoReferences).toEqual({ ok: 0, all: 1 });
      // Same verdict from the raw bytes (Latin-1 for the direct one) and from the text.
      for (const input of [readFileSync(path.join(VIHF_DIR, name)), text]) {
        expect(() => verifyVihf(input)).toThrow(
          expect.objectContaining({ name: 'VihfError', code: 'VIHF_DIGEST_MISMATCH' }),
        );
      }
    });
  }
});

describe('official VIHF samples parse with their concrete values', () => {
  it('direct, unsigned (ISO-8859-1 without declaration)', () => {
    const v = parseVihf(readFileSync(path.join(VIHF_DIR, 'vihf-directe-non-signe.xml')));
    expect(v).toMatchObject({
      id: '_ce088e5a-e31d-42d0-ba37-fda5fcbc889d',
      issueInstant: '2019-06-26T08:08:55.469Z',
      issuerFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:X509SubjectName',
      subjectId: '899900063480',
      authnInstant: '2019-06-26T08:08:55.482Z',
      authnContextClassRef: 'urn:oasis:names:tc:SAML:2.0:ac:classes:SmartcardPKI',
      structureId: '499900063480001',
      activitySector: 'SA07^1.2.250.1.71.4.2.4',
      vihfVersion: '3.0',
      authenticationMode: 'DIRECTE',
      accessMode: 'normal',
      purposeOfUse: {
        code: 'normal',
        codeSystem: '1.2.250.1.213.1.1.4.248',
        codeSystemName: 'mode acces VIHF 2.0',
      },
      patientId: '207058575627097^^^&1.2.250.1.213.1.4.10&ISO^NH',
      resourceUrn: 'urn:dmp',
      software: {
        instanceId: '01.01.01.01',
        name: 'LPS GIE-SV',
        version: '1',
        homologationNumber: 'NumAutorisation',
      },
      otherAttributes: [],
    });
    expect(v.issuer).toMatch(/^CN=899900038839\+2\.5\.4\.4=#14045452414c/);
    expect(v.roles.map((r) => [r.code, r.codeSystem])).toEqual([
      ['10', '1.2.250.1.71.1.2.7'],
      ['SM26', '1.2.250.1.71.4.2.5'],
    ]);
    expect(v.subjectName).toBeUndefined();
  });

  it('indirect and AIR (signed samples read without verification)', () => {
    const indirect = parseVihf(sampleText('vihf-indirecte-signe.xml'));
    expect(indirect).toMatchObject({
      id: '_65db4fa8-b44a-4c11-adc5-135dcc327b24',
      issuer:
        'CN=serviceps.sesam-vitale.fr,OU=339172288100052,O=GIE SESAM VITALE,ST=Sarthe (72),C=FR',
      structureId: '339172288100052',
      subjectName: 'MAX LIBRE',
      authenticationMode: 'INDIRECTE',
    });
    expect(indirect.authnContextDecl).toBeUndefined();
    const air = parseVihf(readFileSync(path.join(VIHF_DIR, 'vihf-indirecte-renforcee-signe.xml')));
    expect(air).toMatchObject({
      id: '_232075b3-174d-4f82-a871-76afd7ac6b67',
      structureId: '10B0127189',
      subjectName: 'MAX LIBRE',
      authenticationMode: 'INDIRECTE_RENFORCEE',
      authnContextDecl: 'urn:oasis:names:tc:SAML:2.0:ac:classes:SmartcardPKI',
      profession: { code: '10', codeSystemName: 'professions' },
      specialty: { code: 'SM26', codeSystemName: 'specialites RPPS' },
    });
  });
});

describe('our VIHF matches the samples attribute for attribute', () => {
  const cases: [string, VihfInput][] = [
    ['vihf-directe-non-signe.xml', DIRECT_INPUT],
    ['vihf-indirecte-signe.xml', INDIRECT_INPUT],
    ['vihf-indirecte-renforcee-signe.xml', AIR_INPUT],
  ];
  for (const [name, input] of cases) {
    it(`${input.authenticationMode}: same Names, NameFormats and value forms as ${name}`, () => {
      const sample = sampleText(name);
      const ours = buildVihfAssertion({ ...input, issuer: 'CN=X' });
      const expected = attributeShape(sample);
      expect(expected.length).toBeGreaterThanOrEqual(12);
      expect(attributeShape(ours)).toEqual(expected);
      // Concrete values of the sample the shapes come from.
      expect(expected.map((a) => a.name)).toContain('LPS_ID_HOMOLOGATION_DMP');
      expect(expected.every((a) => a.nameFormat === null)).toBe(true);
      expect(
        expected.find((a) => a.name === 'urn:oasis:names:tc:xacml:2.0:subject:role')?.valueTypes,
      ).toEqual(['urn:hl7-org:v3:Role:CE', 'urn:hl7-org:v3:Role:CE']);
      const sampleAssertion = assertionOf(sample);
      const ourAssertion = assertionOf(ours);
      for (const element of ['Issuer', 'AuthnContextClassRef', 'AuthnContextDecl']) {
        const s = sampleAssertion.getElementsByTagNameNS(SAML, element)[0];
        const o = ourAssertion.getElementsByTagNameNS(SAML, element)[0];
        expect(o?.getAttribute('Format') ?? null).toBe(s?.getAttribute('Format') ?? null);
        if (element !== 'Issuer') expect(o?.textContent).toBe(s?.textContent);
      }
      expect(ourAssertion.prefix).toBe(sampleAssertion.prefix);
      expect(ourAssertion.getAttribute('Version')).toBe(sampleAssertion.getAttribute('Version'));
    });
  }
});

describe('our signed VIHF against xmlsec1', () => {
  for (const algorithm of ['rsa-sha256', 'rsa-sha1'] as const) {
    it(`${algorithm}: verifies with xmlsec1 against the issuing CA, and with our verifier`, async () => {
      const ca = createTestCa();
      const signer = createTestSigner({ ca });
      const xml = await buildSignedVihf(DIRECT_INPUT, signer, { algorithm });
      const pems = writePemFiles(work, signer, `vihf-${algorithm}`);
      const file = path.join(work, `vihf-${algorithm}.xml`);
      writeFileSync(file, xml, 'utf8');
      const independent = xmlsec1Verify(file, [...ID_ATTR, '--trusted-pem', pems.ca ?? '']);
      expect(independent.output).toContain('OK');
      expect(independent).toMatchObject({ ok: true, signedInfoReferences: { ok: 1, all: 1 } });
      expect(verifyVihf(xml).signatureAlgorithm).toBe(algorithm);
    });
  }

  it('stays valid inside a SOAP 1.2 header that declares other namespaces (exclusive C14N)', async () => {
    const signer = createTestSigner();
    const xml = await buildSignedVihf(INDIRECT_INPUT, signer);
    const envelope =
      '<soap:Envelope xmlns:soap="http://www.w3.org/2003/05/soap-envelope" ' +
      'xmlns:wsa="http://www.w3.org/2005/08/addressing" xmlns:xs="urn:shadow" xmlns="urn:default">' +
      '<soap:Header><wsse:Security xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd">' +
      `${xml}</wsse:Security></soap:Header><soap:Body><x/></soap:Body></soap:Envelope>`;
    const pems = writePemFiles(work, signer, 'vihf-envelope');
    const file = path.join(work, 'vihf-envelope.xml');
    writeFileSync(file, envelope, 'utf8');
    expect(xmlsec1Verify(file, [...ID_ATTR, '--pubkey-cert-pem', pems.certificate])).toMatchObject({
      ok: true,
    });
    expect(verifyVihf(envelope).assertion.subjectName).toBe('MAX LIBRE');
  });

  it('a byte changed in a signed assertion makes both xmlsec1 and our verifier refuse', async () => {
    const signer = createTestSigner();
    const xml = await buildSignedVihf(DIRECT_INPUT, signer);
    const tampered = xml.replace('>NumAutorisation<', '>NumAutorisatioN<');
    expect(tampered).not.toBe(xml);
    const pems = writePemFiles(work, signer, 'vihf-tampered');
    const file = path.join(work, 'vihf-tampered.xml');
    writeFileSync(file, tampered, 'utf8');
    const independent = xmlsec1Verify(file, [...ID_ATTR, '--pubkey-cert-pem', pems.certificate]);
    expect(independent.ok).toBe(false);
    expect(independent.output).toContain('data and digest do not match');
    expect(() => verifyVihf(tampered)).toThrow(
      expect.objectContaining({ code: 'VIHF_DIGEST_MISMATCH' }),
    );
  });
});
