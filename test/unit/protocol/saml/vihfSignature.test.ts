// Signing through the port and verifying: algorithms, placement, what the port is asked to sign,
// and every refusal the verifier makes (with its code).
import { createHash, verify as rsaVerify } from 'node:crypto';
import { DOMParser, type Element } from '@xmldom/xmldom';
import { ExclusiveCanonicalization } from 'xml-crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { NavetteError } from '../../../../src/domain/errors/NavetteError.js';
import type { XmlSigner } from '../../../../src/domain/ports/XmlSigner.js';
import {
  buildSignedVihf,
  buildVihfAssertion,
  signVihfAssertion,
  verifyVihf,
  vihfIssuerOf,
} from '../../../../src/protocol/saml/index.js';
import { createTestSigner, type TestSigner } from '../../../support/testSigner.js';
import { DIRECT_INPUT, INDIRECT_INPUT } from './vihfInputs.js';

const DSIG = 'http://www.w3.org/2000/09/xmldsig#';

let signer: TestSigner;
let other: TestSigner;
let signed: string;

beforeAll(async () => {
  signer = createTestSigner();
  other = createTestSigner({ subject: { commonName: 'AUTRE SIGNATAIRE' } });
  signed = await buildSignedVihf(DIRECT_INPUT, signer);
});

function dom(xml: string): Element {
  return new DOMParser().parseFromString(xml, 'text/xml').documentElement as Element;
}

function codeOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(NavetteError);
    return (error as NavetteError).code;
  }
  throw new Error('expected a refusal');
}

describe('signing a VIHF through the signer port', () => {
  it('signs enveloped, after Issuer, with exclusive C14N and RSA-SHA256 by default', () => {
    const a = dom(signed);
    const children = Array.from(a.childNodes).map((n) => (n as Element).localName);
    expect(children.slice(0, 3)).toEqual(['Issuer', 'Signature', 'Subject']);
    const sig = a.getElementsByTagNameNS(DSIG, 'Signature')[0] as Element;
    const algorithm = (name: string): string[] =>
      Array.from(sig.getElementsByTagNameNS(DSIG, name)).map(
        (e) => e.getAttribute('Algorithm') ?? '',
      );
    expect(algorithm('CanonicalizationMethod')).toEqual([
      'http://www.w3.org/2001/10/xml-exc-c14n#',
    ]);
    expect(algorithm('SignatureMethod')).toEqual([
      'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
    ]);
    expect(algorithm('Transform')).toEqual([
      'http://www.w3.org/2000/09/xmldsig#enveloped-signature',
      'http://www.w3.org/2001/10/xml-exc-c14n#',
    ]);
    expect(algorithm('DigestMethod')).toEqual(['http://www.w3.org/2001/04/xmlenc#sha256']);
    expect(sig.getElementsByTagNameNS(DSIG, 'Reference')[0]?.getAttribute('URI')).toBe(
      `#${DIRECT_INPUT.id}`,
    );
    expect(sig.getElementsByTagNameNS(DSIG, 'X509Certificate')[0]?.textContent).toBe(
      Buffer.from(signer.certificateDer).toString('base64'),
    );
  });

  it('hands the port exactly the canonical SignedInfo, and uses its answer as SignatureValue', async () => {
    const s = createTestSigner();
    const xml = await signVihfAssertion(buildVihfAssertion({ ...DIRECT_INPUT, issuer: 'CN=X' }), s);
    expect(s.calls).toHaveLength(1);
    const call = s.calls[0];
    const sig = dom(xml).getElementsByTagNameNS(DSIG, 'Signature')[0] as Element;
    const signedInfo = sig.getElementsByTagNameNS(DSIG, 'SignedInfo')[0] as Element;
    const canonical = new ExclusiveCanonicalization().process(signedInfo as never, {}).toString();
    expect(Buffer.from(call?.data ?? []).toString('utf8')).toBe(canonical);
    expect(call?.algorithm).toBe('rsa-sha256');
    const value = Buffer.from(
      sig.getElementsByTagNameNS(DSIG, 'SignatureValue')[0]?.textContent ?? '',
      'base64',
    );
    expect(rsaVerify('sha256', Buffer.from(canonical), s.publicKeyPem, value)).toBe(true);
  });

  it('uses RSA-SHA1 and SHA-1 throughout when asked, like the official samples', async () => {
    const s = createTestSigner();
    const xml = await buildSignedVihf(DIRECT_INPUT, s, { algorithm: 'rsa-sha1' });
    expect(xml).toContain(
      '<SignatureMethod Algorithm="http://www.w3.org/2000/09/xmldsig#rsa-sha1"/>',
    );
    expect(xml).toContain('<DigestMethod Algorithm="http://www.w3.org/2000/09/xmldsig#sha1"/>');
    expect(s.calls.map((c) => c.algorithm)).toEqual(['rsa-sha1']);
    const verified = verifyVihf(xml);
    expect(verified.signatureAlgorithm).toBe('rsa-sha1');
    expect(verified.digestAlgorithm).toBe('sha1');
  });

  it('takes the Issuer from the signing certificate (RFC 2253 order) unless given', () => {
    expect(vihfIssuerOf(signer.certificateDer)).toBe(
      'CN=899900063480,OU=Médecin,O=CABINET DR LIBRE,C=FR',
    );
    expect(verifyVihf(signed).assertion.issuer).toBe(vihfIssuerOf(signer.certificateDer));
    expect(codeOf(() => vihfIssuerOf(new Uint8Array([1, 2, 3])))).toBe('VIHF_CERTIFICATE_INVALID');
  });

  it("passes the port's own typed errors through, and wraps anything else", async () => {
    const locked: XmlSigner = {
      certificateDer: signer.certificateDer,
      sign: () => Promise.reject(new NavetteError('CARD_PIN_LOCKED', 'Carte bloquée.')),
    };
    await expect(buildSignedVihf(DIRECT_INPUT, locked)).rejects.toMatchObject({
      code: 'CARD_PIN_LOCKED',
    });
    const broken: XmlSigner = {
      certificateDer: signer.certificateDer,
      sign: () => Promise.reject(new Error('token gone')),
    };
    await expect(buildSignedVihf(DIRECT_INPUT, broken)).rejects.toMatchObject({
      code: 'VIHF_SIGNER_FAILED',
      details: { algorithm: 'rsa-sha256' },
    });
  });
});

describe('verifyVihf', () => {
  it('returns the signed assertion, the signer certificate and the algorithms', () => {
    const v = verifyVihf(signed);
    expect(v.assertion.subjectId).toBe('899900063480');
    expect(v.assertion.authenticationMode).toBe('DIRECTE');
    expect(Buffer.from(v.signerCertificateDer).equals(Buffer.from(signer.certificateDer))).toBe(
      true,
    );
    expect(v.signatureAlgorithm).toBe('rsa-sha256');
    expect(v.digestAlgorithm).toBe('sha256');
    expect(v.signedXml).not.toContain('Signature');
    expect(v.signedXml.startsWith('<saml2:Assertion')).toBe(true);
  });

  it('accepts bytes and an assertion embedded in a SOAP header with other namespaces', () => {
    expect(verifyVihf(Buffer.from(signed, 'utf8')).assertion.id).toBe(DIRECT_INPUT.id);
    const envelope =
      '<soap:Envelope xmlns:soap="http://www.w3.org/2003/05/soap-envelope" xmlns:xs="urn:other" ' +
      'xmlns:saml2="urn:not-saml"><soap:Header><wsse:Security xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/' +
      `oasis-200401-wss-wssecurity-secext-1.0.xsd">${signed}</wsse:Security></soap:Header>` +
      '<soap:Body/></soap:Envelope>';
    expect(verifyVihf(envelope).assertion.structureId).toBe('499900063480001');
  });

  it('refuses a changed attribute value (VIHF_DIGEST_MISMATCH)', () => {
    const tampered = signed.replace('499900063480001', '499900063480002');
    expect(codeOf(() => verifyVihf(tampered))).toBe('VIHF_DIGEST_MISMATCH');
  });

  it('refuses a changed signature value or a swapped certificate (VIHF_SIGNATURE_INVALID)', () => {
    const value = /<SignatureValue>([^<]+)<\/SignatureValue>/.exec(signed)?.[1] ?? '';
    const flipped = Buffer.from(value, 'base64');
    flipped[10] = (flipped[10] ?? 0) ^ 0xff;
    expect(codeOf(() => verifyVihf(signed.replace(value, flipped.toString('base64'))))).toBe(
      'VIHF_SIGNATURE_INVALID',
    );
    const swapped = signed.replace(
      Buffer.from(signer.certificateDer).toString('base64'),
      Buffer.from(other.certificateDer).toString('base64'),
    );
    expect(codeOf(() => verifyVihf(swapped))).toBe('VIHF_SIGNATURE_INVALID');
  });

  it('refuses a signature that does not cover the assertion being read (wrapping)', async () => {
    // The signature's Reference points elsewhere.
    const elsewhere = signed.replace(`URI="#${DIRECT_INPUT.id}"`, 'URI="#_autre"');
    expect(codeOf(() => verifyVihf(elsewhere))).toBe('VIHF_SIGNATURE_REFERENCE_INVALID');
    // A forged assertion carrying the genuine signature, the genuine assertion hidden beside it.
    const evil = await buildSignedVihf(
      { ...DIRECT_INPUT, id: '_evil', subjectId: '111111111111' },
      other,
    );
    const wrapped = `<Wrapper>${evil.replace('</saml2:Assertion>', `<Extensions>${signed}</Extensions></saml2:Assertion>`)}</Wrapper>`;
    expect(codeOf(() => verifyVihf(wrapped))).toBe('VIHF_AMBIGUOUS');
    // Another element reusing the assertion's ID.
    const duplicate = `<Wrapper><Other ID="${DIRECT_INPUT.id ?? ''}"/>${signed}</Wrapper>`;
    expect(codeOf(() => verifyVihf(duplicate))).toBe('VIHF_SIGNATURE_REFERENCE_INVALID');
  });

  it('refuses unsigned, malformed, foreign or unsafe input with typed codes', () => {
    const unsigned = buildVihfAssertion({ ...DIRECT_INPUT, issuer: 'CN=X' });
    expect(codeOf(() => verifyVihf(unsigned))).toBe('VIHF_UNSIGNED');
    expect(codeOf(() => verifyVihf('<saml2:Assertion'))).toBe('VIHF_MALFORMED');
    expect(codeOf(() => verifyVihf('<Envelope/>'))).toBe('VIHF_NOT_FOUND');
    expect(codeOf(() => verifyVihf(`<!DOCTYPE x [<!ENTITY e "x">]>${signed}`))).toBe(
      'VIHF_MALFORMED',
    );
    expect(codeOf(() => verifyVihf(`<W>${signed}${signed}</W>`))).toBe('VIHF_AMBIGUOUS');
  });

  it('refuses algorithms and certificates it does not accept', () => {
    const inclusive = signed.replace(
      '<CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>',
      '<CanonicalizationMethod Algorithm="http://www.w3.org/TR/2001/REC-xml-c14n-20010315"/>',
    );
    expect(codeOf(() => verifyVihf(inclusive))).toBe('VIHF_SIGNATURE_UNSUPPORTED');
    const hmac = signed.replace(
      'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
      'http://www.w3.org/2000/09/xmldsig#hmac-sha1',
    );
    expect(codeOf(() => verifyVihf(hmac))).toBe('VIHF_SIGNATURE_UNSUPPORTED');
    const md5 = signed.replace(
      'http://www.w3.org/2001/04/xmlenc#sha256',
      'http://www.w3.org/2001/04/xmldsig-more#md5',
    );
    expect(codeOf(() => verifyVihf(md5))).toBe('VIHF_SIGNATURE_UNSUPPORTED');
    const noCert = signed.replace(/<KeyInfo>.*<\/KeyInfo>/, '');
    expect(codeOf(() => verifyVihf(noCert))).toBe('VIHF_CERTIFICATE_MISSING');
    const garbage = signed.replace(
      Buffer.from(signer.certificateDer).toString('base64'),
      Buffer.from('not a certificate').toString('base64'),
    );
    expect(codeOf(() => verifyVihf(garbage))).toBe('VIHF_CERTIFICATE_INVALID');
  });

  it('reads the attributes the signature covers, and reports missing ones by name', async () => {
    const s = createTestSigner();
    const indirect = verifyVihf(await buildSignedVihf(INDIRECT_INPUT, s));
    expect(indirect.assertion).toMatchObject({
      authenticationMode: 'INDIRECTE',
      subjectName: 'MAX LIBRE',
    });
    // A VIHF without LPS_Nom, validly signed: verification passes, reading reports the gap.
    const assertion = buildVihfAssertion({ ...DIRECT_INPUT, issuer: 'CN=X' }).replace(
      /<saml2:Attribute Name="LPS_Nom">.*?<\/saml2:Attribute>/,
      '',
    );
    const incomplete = await signVihfAssertion(assertion, s);
    expect(() => verifyVihf(incomplete)).toThrow(
      expect.objectContaining({
        code: 'VIHF_ATTRIBUTE_MISSING',
        details: { attribute: 'LPS_Nom' },
      }),
    );
    const unknownMode = await signVihfAssertion(
      buildVihfAssertion({ ...DIRECT_INPUT, issuer: 'CN=X' }).replace(
        'code="normal"',
        'code="urgence"',
      ),
      s,
    );
    expect(codeOf(() => verifyVihf(unknownMode))).toBe('VIHF_ATTRIBUTE_INVALID');
  });

  it('binds the digest to the exact signed content (hash of the canonical form)', () => {
    const v = verifyVihf(signed);
    const digest = /<DigestValue>([^<]+)<\/DigestValue>/.exec(signed)?.[1];
    expect(createHash('sha256').update(v.signedXml).digest('base64')).toBe(digest);
  });
});
