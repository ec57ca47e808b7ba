// The TD2.1 lot signature: the layout of the official sample, the signer port's part, and every
// refusal of the verifier (documents, manifest, signed properties, signing certificate).
import { createHash } from 'node:crypto';
import { DOMParser, type Element } from '@xmldom/xmldom';
import { beforeAll, describe, expect, it } from 'vitest';
import { NavetteError } from '../../../../src/domain/errors/NavetteError.js';
import type { XmlSigner } from '../../../../src/domain/ports/XmlSigner.js';
import {
  buildLotSignature,
  manifestDigestOf,
  parseCertificate,
  rfc2253Name,
  serialNumberDecimal,
  verifyLotSignature,
  verifyLotSignedInfo,
  type LotDocument,
} from '../../../../src/protocol/dsig/index.js';
import {
  createTestCa,
  createTestSigner,
  type TestCa,
  type TestSigner,
} from '../../../support/testSigner.js';

const DSIG = 'http://www.w3.org/2000/09/xmldsig#';
const XADES = 'http://uri.etsi.org/01903/v1.1.1#';
const CDA = '1.2.250.1.999.1.1.7898.3.1622814651504';
const PDF = '1.2.250.1.999.1.1.7898.3.1622814651505';
// The lot's XDSSubmissionSet.uniqueId (td2.1-alimentation.request.xml numbering).
const LOT = '1.2.250.1.999.1.1.7898.1.1622814651504';
const DOCUMENTS: LotDocument[] = [
  {
    uniqueId: CDA,
    content: new TextEncoder().encode('<ClinicalDocument xmlns="urn:hl7-org:v3"/>'),
  },
  { uniqueId: PDF, content: new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x00, 0xff, 0x0d, 0x0a]) },
];
const RECEIVED = new Map(DOCUMENTS.map((d) => [d.uniqueId, d.content]));
const AT = new Date('2026-03-04T14:20:12.282Z');

let ca: TestCa;
let signer: TestSigner;
let signed: string;

beforeAll(async () => {
  ca = createTestCa();
  signer = createTestSigner({ ca });
  signed = await buildLotSignature(
    {
      documents: DOCUMENTS,
      submissionSetUniqueId: LOT,
      signingTime: AT,
      signatureId: '0421d1cc-b27b-4b0d-bab2-7ebcd54d47f6',
      certificateChainDer: [ca.certificateDer],
    },
    signer,
  );
});

function root(xml: string): Element {
  return new DOMParser().parseFromString(xml, 'text/xml').documentElement as Element;
}

function all(el: Element, ns: string, name: string): Element[] {
  return Array.from(el.getElementsByTagNameNS(ns, name));
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

describe('buildLotSignature', () => {
  it('mirrors the official td2.1-signaturexades.xml layout', () => {
    const sig = root(signed);
    expect(sig.localName).toBe('Signature');
    expect(sig.namespaceURI).toBe(DSIG);
    expect(sig.getAttribute('Id')).toBe('0421d1cc-b27b-4b0d-bab2-7ebcd54d47f6');
    expect(Array.from(sig.childNodes).map((n) => (n as Element).localName)).toEqual([
      'SignedInfo',
      'SignatureValue',
      'KeyInfo',
      'Object',
      'Object',
      'Object',
    ]);
    expect(signed).toContain(
      '<SignedInfo><CanonicalizationMethod Algorithm="http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments"/>' +
        '<SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>' +
        '<Reference Type="http://www.w3.org/2000/09/xmldsig#Manifest" URI="#IHEManifest">',
    );
    expect(signed).toContain(
      '<Reference Type="http://uri.etsi.org/01903/v1.1.1#SignedProperties" URI="#S0-SignedProperties">',
    );
    const signedInfo = all(sig, DSIG, 'SignedInfo')[0] as Element;
    expect(all(signedInfo, DSIG, 'Transforms')).toHaveLength(0);
    expect(signed).not.toMatch(/^<\?xml/);
  });

  it('names the SubmissionSet first with the zero digest, then every document by the digest of its bytes', () => {
    const manifest = all(root(signed), DSIG, 'Manifest')[0] as Element;
    expect(manifest.getAttribute('Id')).toBe('IHEManifest');
    const refs = all(manifest, DSIG, 'Reference').map((r) => [
      r.getAttribute('URI'),
      all(r, DSIG, 'DigestMethod')[0]?.getAttribute('Algorithm'),
      all(r, DSIG, 'DigestValue')[0]?.textContent,
    ]);
    const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('base64');
    expect(refs).toEqual([
      [`urn:oid:${LOT}`, 'http://www.w3.org/2001/04/xmlenc#sha256', 'AA=='],
      [
        `urn:oid:${CDA}`,
        'http://www.w3.org/2001/04/xmlenc#sha256',
        sha256(DOCUMENTS[0]?.content ?? new Uint8Array()),
      ],
      [
        `urn:oid:${PDF}`,
        'http://www.w3.org/2001/04/xmlenc#sha256',
        sha256(DOCUMENTS[1]?.content ?? new Uint8Array()),
      ],
    ]);
  });

  it('writes the purpose of signature and the XAdES signed properties', () => {
    const sig = root(signed);
    const property = Array.from(sig.getElementsByTagName('SignatureProperty'))[0];
    // As in the sample: SignatureProperties sits in no namespace (xmlns="").
    expect(property?.namespaceURI ?? null).toBeNull();
    expect(property?.getAttribute('Id')).toBe('purposeOfSignature');
    expect(property?.getAttribute('Target')).toBe('#0421d1cc-b27b-4b0d-bab2-7ebcd54d47f6');
    expect(property?.textContent).toBe('1.2.840.10065.1.12.1.14');
    const qualifying = all(sig, XADES, 'QualifyingProperties')[0];
    expect(qualifying?.getAttribute('Target')).toBe('#0421d1cc-b27b-4b0d-bab2-7ebcd54d47f6');
    expect(all(sig, XADES, 'SignedProperties')[0]?.getAttribute('Id')).toBe('S0-SignedProperties');
    expect(all(sig, XADES, 'SigningTime')[0]?.textContent).toBe('2026-03-04T14:20:12.282Z');
    expect(all(sig, XADES, 'SignaturePolicyImplied')).toHaveLength(1);
    expect(all(sig, XADES, 'SignedDataObjectProperties')).toHaveLength(1);
    const certs = all(sig, XADES, 'Cert');
    expect(certs).toHaveLength(2);
    const first = certs[0] as Element;
    // The sample leaves CertDigest's children in the XAdES default namespace: kept as is.
    expect(all(first, XADES, 'DigestValue')[0]?.textContent).toBe(
      createHash('sha256').update(signer.certificateDer).digest('base64'),
    );
    const x509 = parseCertificate(signer.certificateDer);
    expect(all(first, DSIG, 'X509IssuerName')[0]?.textContent).toBe(rfc2253Name(x509.issuer));
    expect(all(first, DSIG, 'X509SerialNumber')[0]?.textContent).toBe(serialNumberDecimal(x509));
    expect(all(certs[1] as Element, XADES, 'DigestValue')[0]?.textContent).toBe(
      createHash('sha256').update(ca.certificateDer).digest('base64'),
    );
  });

  it('signs the canonical SignedInfo through the port, SHA-1 throughout when asked', async () => {
    const s = createTestSigner();
    const xml = await buildLotSignature({ documents: DOCUMENTS }, s, { algorithm: 'rsa-sha1' });
    expect(s.calls.map((c) => c.algorithm)).toEqual(['rsa-sha1']);
    const text = Buffer.from(s.calls[0]?.data ?? []).toString('utf8');
    expect(text.startsWith('<SignedInfo xmlns="http://www.w3.org/2000/09/xmldsig#">')).toBe(true);
    expect(xml).toContain(
      '<SignatureMethod Algorithm="http://www.w3.org/2000/09/xmldsig#rsa-sha1"/>',
    );
    expect(xml).not.toContain('sha256');
    expect(xml).not.toContain('AA==');
    const v = verifyLotSignature(xml, { documents: RECEIVED });
    expect(v.signatureAlgorithm).toBe('rsa-sha1');
    expect(v.manifest.map((m) => m.digestAlgorithm)).toEqual(['sha1', 'sha1']);
    expect(v.signingCertificates).toHaveLength(1);
  });

  it('refuses bad input and reports signer failures', async () => {
    const bad = async (input: Parameters<typeof buildLotSignature>[0]): Promise<unknown> =>
      buildLotSignature(input, signer).catch((e: unknown) => e);
    await expect(bad({ documents: [] })).resolves.toMatchObject({
      code: 'LOT_SIGNATURE_INPUT_INVALID',
    });
    await expect(
      bad({ documents: [{ uniqueId: 'urn:uuid:x', content: new Uint8Array() }] }),
    ).resolves.toMatchObject({
      code: 'LOT_SIGNATURE_INPUT_INVALID',
    });
    await expect(
      bad({ documents: [DOCUMENTS[0] as LotDocument, DOCUMENTS[0] as LotDocument] }),
    ).resolves.toMatchObject({
      code: 'LOT_SIGNATURE_INPUT_INVALID',
    });
    await expect(bad({ documents: DOCUMENTS, submissionSetUniqueId: CDA })).resolves.toMatchObject({
      code: 'LOT_SIGNATURE_INPUT_INVALID',
    });
    await expect(bad({ documents: DOCUMENTS, signatureId: 'a"b' })).resolves.toMatchObject({
      code: 'LOT_SIGNATURE_INPUT_INVALID',
    });
    await expect(
      bad({ documents: DOCUMENTS, certificateChainDer: [new Uint8Array([1])] }),
    ).resolves.toMatchObject({
      code: 'LOT_SIGNATURE_CERTIFICATE_INVALID',
    });
    const locked: XmlSigner = {
      certificateDer: signer.certificateDer,
      sign: () => Promise.reject(new NavetteError('CARD_REMOVED', 'Carte retirée.')),
    };
    await expect(buildLotSignature({ documents: DOCUMENTS }, locked)).rejects.toMatchObject({
      code: 'CARD_REMOVED',
    });
    const broken: XmlSigner = {
      certificateDer: signer.certificateDer,
      sign: () => Promise.reject(new Error('x')),
    };
    await expect(buildLotSignature({ documents: DOCUMENTS }, broken)).rejects.toMatchObject({
      code: 'LOT_SIGNATURE_SIGNER_FAILED',
    });
  });
});

describe('verifyLotSignature', () => {
  it('returns what was signed and who signed it', () => {
    const v = verifyLotSignature(signed, { documents: RECEIVED, submissionSetUniqueId: LOT });
    expect(v.signatureId).toBe('0421d1cc-b27b-4b0d-bab2-7ebcd54d47f6');
    expect(v.signatureAlgorithm).toBe('rsa-sha256');
    expect(v.signingTime).toBe('2026-03-04T14:20:12.282Z');
    expect(v.manifest.map((m) => m.uniqueId)).toEqual([LOT, CDA, PDF]);
    expect(v.signaturePolicyImplied).toBe(true);
    expect(v.purposeOfSignature).toBe('1.2.840.10065.1.12.1.14');
    expect(Buffer.from(v.signerCertificateDer).equals(Buffer.from(signer.certificateDer))).toBe(
      true,
    );
  });

  it('refuses a document changed by one byte, a missing document and an uncovered one', () => {
    const changed = new Map(RECEIVED);
    const pdf = Uint8Array.from(RECEIVED.get(PDF) ?? []);
    pdf[4] = 0x01;
    changed.set(PDF, pdf);
    expect(
      codeOf(() => verifyLotSignature(signed, { documents: changed, submissionSetUniqueId: LOT })),
    ).toBe('LOT_SIGNATURE_DOCUMENT_DIGEST_MISMATCH');
    const missing = new Map(RECEIVED);
    missing.delete(CDA);
    expect(
      codeOf(() => verifyLotSignature(signed, { documents: missing, submissionSetUniqueId: LOT })),
    ).toBe('LOT_SIGNATURE_DOCUMENT_MISSING');
    // Without saying which entry is the lot, its zero-digest entry is taken for a missing document.
    expect(codeOf(() => verifyLotSignature(signed, { documents: RECEIVED }))).toBe(
      'LOT_SIGNATURE_DOCUMENT_MISSING',
    );
    const extra = new Map(RECEIVED).set('1.2.3.4', new Uint8Array([1]));
    expect(
      codeOf(() => verifyLotSignature(signed, { documents: extra, submissionSetUniqueId: LOT })),
    ).toBe('LOT_SIGNATURE_DOCUMENT_NOT_COVERED');
  });

  it('refuses a manifest whose zero-digest entry is not this SubmissionSet', async () => {
    const other = '1.2.250.1.999.1.1.7898.1.1622814651599';
    // The manifest names another lot.
    expect(
      codeOf(() =>
        verifyLotSignature(signed, { documents: RECEIVED, submissionSetUniqueId: other }),
      ),
    ).toBe('LOT_SIGNATURE_SUBMISSION_SET_MISMATCH');
    // The manifest names no lot at all.
    const bare = await buildLotSignature({ documents: DOCUMENTS }, signer);
    expect(
      codeOf(() => verifyLotSignature(bare, { documents: RECEIVED, submissionSetUniqueId: LOT })),
    ).toBe('LOT_SIGNATURE_SUBMISSION_SET_MISMATCH');
    // The old layout: the zero entry names the signature document itself.
    const signatureUid = '1.2.250.1.999.1.1.7898.4.1622814651504';
    const selfNamed = await buildLotSignature(
      { documents: DOCUMENTS, submissionSetUniqueId: signatureUid },
      signer,
    );
    let refusal: unknown;
    try {
      verifyLotSignature(selfNamed, { documents: RECEIVED, submissionSetUniqueId: LOT });
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toMatchObject({
      code: 'LOT_SIGNATURE_SUBMISSION_SET_MISMATCH',
      details: { submissionSetUniqueId: LOT, uniqueId: signatureUid },
    });
    // A received document carrying the lot's own id would escape the digest check.
    const hiding = new Map(RECEIVED).set(LOT, new Uint8Array([1, 2, 3]));
    expect(
      codeOf(() => verifyLotSignature(signed, { documents: hiding, submissionSetUniqueId: LOT })),
    ).toBe('LOT_SIGNATURE_SUBMISSION_SET_MISMATCH');
  });

  it('refuses a changed manifest or signed property (LOT_SIGNATURE_DIGEST_MISMATCH)', () => {
    const sha = createHash('sha256')
      .update(DOCUMENTS[1]?.content ?? new Uint8Array())
      .digest('base64');
    const manifest = signed.replace(sha, createHash('sha256').update('autre').digest('base64'));
    expect(codeOf(() => verifyLotSignedInfo(manifest))).toBe('LOT_SIGNATURE_DIGEST_MISMATCH');
    const time = signed.replace('2026-03-04T14:20:12.282Z', '2026-03-05T14:20:12.282Z');
    expect(codeOf(() => verifyLotSignedInfo(time))).toBe('LOT_SIGNATURE_DIGEST_MISMATCH');
  });

  it('refuses a changed signature value (LOT_SIGNATURE_INVALID)', () => {
    const value = /<SignatureValue>([^<]+)<\/SignatureValue>/.exec(signed)?.[1] ?? '';
    const flipped = Buffer.from(value, 'base64');
    flipped[0] = (flipped[0] ?? 0) ^ 0x01;
    expect(
      codeOf(() => verifyLotSignedInfo(signed.replace(value, flipped.toString('base64')))),
    ).toBe('LOT_SIGNATURE_INVALID');
  });

  it('refuses a KeyInfo certificate the XAdES SigningCertificate does not designate', () => {
    // Same key, another certificate: the RSA signature still verifies; SigningCertificate is what
    // binds the signature to one certificate.
    const reissued = createTestSigner({ ca, sameKeyAs: signer });
    const swapped = signed.replace(
      Buffer.from(signer.certificateDer).toString('base64'),
      Buffer.from(reissued.certificateDer).toString('base64'),
    );
    expect(codeOf(() => verifyLotSignedInfo(swapped))).toBe(
      'LOT_SIGNATURE_SIGNING_CERTIFICATE_MISMATCH',
    );
  });

  it('refuses structures that do not sign this signature’s own manifest and properties', () => {
    expect(codeOf(() => verifyLotSignedInfo('<Root/>'))).toBe('LOT_SIGNATURE_STRUCTURE_INVALID');
    expect(codeOf(() => verifyLotSignedInfo('<Signature'))).toBe('LOT_SIGNATURE_MALFORMED');
    expect(codeOf(() => verifyLotSignedInfo(`<!DOCTYPE a>${signed}`))).toBe(
      'LOT_SIGNATURE_MALFORMED',
    );
    const duplicateId = signed.replace('<KeyInfo>', '<KeyInfo Id="IHEManifest">');
    expect(codeOf(() => verifyLotSignedInfo(duplicateId))).toBe('LOT_SIGNATURE_STRUCTURE_INVALID');
    const pointsElsewhere = signed.replace(
      'URI="#S0-SignedProperties"',
      'URI="#purposeOfSignature"',
    );
    expect(codeOf(() => verifyLotSignedInfo(pointsElsewhere))).toBe(
      'LOT_SIGNATURE_STRUCTURE_INVALID',
    );
    const otherTarget = signed.replace(
      'Target="#0421d1cc-b27b-4b0d-bab2-7ebcd54d47f6"><SignedProperties',
      'Target="#autre"><SignedProperties',
    );
    expect(codeOf(() => verifyLotSignedInfo(otherTarget))).toBe('LOT_SIGNATURE_STRUCTURE_INVALID');
    const hmac = signed.replace(
      'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
      'http://www.w3.org/2000/09/xmldsig#hmac-sha1',
    );
    expect(codeOf(() => verifyLotSignedInfo(hmac))).toBe('LOT_SIGNATURE_UNSUPPORTED');
    const noCert = signed.replace(/<KeyInfo>.*?<\/KeyInfo>/, '');
    expect(codeOf(() => verifyLotSignedInfo(noCert))).toBe('LOT_SIGNATURE_CERTIFICATE_MISSING');
  });
});

describe('manifestDigestOf', () => {
  it('digests raw bytes, or the canonical form when the entry lists a C14N transform', () => {
    const bytes = new TextEncoder().encode('<a  b="1"><!--c--><d/></a>');
    const raw = {
      uniqueId: '1.2',
      digestAlgorithm: 'sha1' as const,
      digestValue: '',
      transforms: [],
    };
    expect(manifestDigestOf(raw, bytes)).toBe(createHash('sha1').update(bytes).digest('base64'));
    const withComments = {
      ...raw,
      transforms: ['http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments'],
    };
    expect(manifestDigestOf(withComments, bytes)).toBe(
      createHash('sha1').update('<a b="1"><!--c--><d></d></a>').digest('base64'),
    );
    const withoutComments = {
      ...raw,
      transforms: ['http://www.w3.org/TR/2001/REC-xml-c14n-20010315'],
    };
    expect(manifestDigestOf(withoutComments, bytes)).toBe(
      createHash('sha1').update('<a b="1"><d></d></a>').digest('base64'),
    );
    const xslt = { ...raw, transforms: ['http://www.w3.org/TR/1999/REC-xslt-19991116'] };
    expect(codeOf(() => manifestDigestOf(xslt, bytes))).toBe('LOT_SIGNATURE_UNSUPPORTED');
  });
});
