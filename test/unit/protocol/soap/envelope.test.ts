import { describe, expect, it } from 'vitest';
import { NavetteError } from '../../../../src/domain/errors/NavetteError.js';
import {
  DMP_OPERATIONS,
  SOAP12_NS,
  SoapEnvelopeError,
  WSA_ANONYMOUS,
  WSA_NS,
  WSSE_NS,
  buildDmpRequestEnvelope,
  buildSoapResponseEnvelope,
  newMessageId,
  readSoapEnvelope,
} from '../../../../src/protocol/soap/index.js';
import { parseXml } from '../../../../src/protocol/xml/parse.js';

// A signed-assertion look-alike whose exact text must survive: odd spacing, attribute order,
// entity references, CDATA, a comment and '>' inside an attribute value.
const VIHF =
  '<saml2:Assertion  xmlns:saml2="urn:oasis:names:tc:SAML:2.0:assertion" Version="2.0" ID="_a1"\n' +
  '    IssueInstant="2025-01-02T03:04:05Z"><saml2:Issuer>CN=TEST &amp; Cie,O=a&gt;b</saml2:Issuer>' +
  '<!-- kept --><ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignatureValue>QUJD\r\nREVG' +
  '</ds:SignatureValue></ds:Signature><saml2:Attribute Name="x>y"><![CDATA[<not a tag>]]></saml2:Attribute>' +
  '</saml2:Assertion>';

const BODY =
  '<urn:PRPA_IN201307UV02 xmlns:urn="urn:hl7-org:v3" ITSVersion="XML_1.0"><urn:id root="1.2"/>' +
  '<urn:value>0123456789012</urn:value></urn:PRPA_IN201307UV02>';

describe('buildDmpRequestEnvelope', () => {
  const built = buildDmpRequestEnvelope({
    operation: DMP_OPERATIONS.patientRegistryQuery,
    to: 'https://dmp.example/si-dmp-server/v2/services/patients',
    vihfXml: VIHF,
    bodyXml: BODY,
    messageId: 'urn:uuid:11111111-2222-3333-4444-555555555555',
  });

  it('writes the mandatory WS-Addressing headers in the order and form of the official samples', () => {
    expect(built.action).toBe('urn:hl7-org:v3:PRPA_IN201307UV02');
    expect(built.messageId).toBe('urn:uuid:11111111-2222-3333-4444-555555555555');
    const header = built.xml.slice(built.xml.indexOf('<soap:Header>'), built.xml.indexOf('<wsse:Security'));
    expect(header).toBe(
      '<soap:Header>' +
        `<MessageID xmlns="${WSA_NS}">urn:uuid:11111111-2222-3333-4444-555555555555</MessageID>` +
        `<To xmlns="${WSA_NS}">https://dmp.example/si-dmp-server/v2/services/patients</To>` +
        `<ReplyTo mustUnderstand="true" xmlns="${WSA_NS}"><Address>${WSA_ANONYMOUS}</Address></ReplyTo>` +
        `<Action mustUnderstand="true" xmlns="${WSA_NS}">urn:hl7-org:v3:PRPA_IN201307UV02</Action>`,
    );
    expect(built.xml).toContain(`<soap:Envelope xmlns:soap="${SOAP12_NS}">`);
    expect(built.xml).toContain(`<wsse:Security xmlns:wsse="${WSSE_NS}">${VIHF}</wsse:Security>`);
  });

  it('is well-formed XML', () => {
    const tree = parseXml(built.xml);
    expect(Object.keys(tree)).toContain('Envelope');
  });

  it('reads back: headers, the VIHF and the body byte for byte', () => {
    const env = readSoapEnvelope(built.xml);
    expect(env.version).toBe('1.2');
    expect(env.headers.action).toBe('urn:hl7-org:v3:PRPA_IN201307UV02');
    expect(env.headers.messageId).toBe('urn:uuid:11111111-2222-3333-4444-555555555555');
    expect(env.headers.to).toBe('https://dmp.example/si-dmp-server/v2/services/patients');
    expect(env.headers.replyTo).toBe(WSA_ANONYMOUS);
    expect(env.headers.relatesTo).toBeUndefined();
    expect(env.headers.addressingNamespace).toBe(WSA_NS);
    expect(env.securityXml).toBe(VIHF);
    expect(env.bodyXml).toBe(BODY);
    expect(env.source.slice(env.bodyRange.start, env.bodyRange.end)).toBe(BODY);
    const range = env.securityRange;
    expect(range && env.source.slice(range.start, range.end)).toBe(VIHF);
    expect(env.payload).toEqual({ namespace: 'urn:hl7-org:v3', localName: 'PRPA_IN201307UV02' });
    expect(env.fault).toBeUndefined();
    const mu = env.headerBlocks.map((b) => [b.localName, b.mustUnderstand]);
    expect(mu).toEqual([
      ['MessageID', false],
      ['To', false],
      ['ReplyTo', true],
      ['Action', true],
      ['Security', false],
    ]);
  });

  it('drops an XML declaration in front of the VIHF and the body (and nothing else)', () => {
    const b = buildDmpRequestEnvelope({
      operation: DMP_OPERATIONS.retrieveDocumentSet,
      to: 'https://x/repository',
      vihfXml: `<?xml version="1.0" encoding="UTF-8"?>\n${VIHF}`,
      bodyXml: `\uFEFF<?xml version="1.0"?>${BODY}`,
    });
    const env = readSoapEnvelope(b.xml);
    expect(env.securityXml).toBe(VIHF);
    expect(env.bodyXml).toBe(BODY);
    expect(env.headers.action).toBe('urn:ihe:iti:2007:RetrieveDocumentSet');
    expect(b.messageId).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('escapes header values', () => {
    const b = buildDmpRequestEnvelope({ operation: DMP_OPERATIONS.patientList, to: 'https://x/p?a=1&b=<2>', bodyXml: '<a/>' });
    expect(b.xml).toContain('https://x/p?a=1&amp;b=&lt;2&gt;');
    expect(readSoapEnvelope(b.xml).headers.to).toBe('https://x/p?a=1&b=<2>');
    expect(b.xml).not.toContain('wsse:Security');
  });
});

describe('buildSoapResponseEnvelope', () => {
  it('answers like the DMP: Action, MessageID, To anonymous, RelatesTo', () => {
    const r = buildSoapResponseEnvelope({
      action: DMP_OPERATIONS.provideAndRegisterDocumentSet.responseAction,
      relatesTo: 'urn:uuid:b3745a7c-4d1a-4cfd-a752-536197e4ac7a',
      bodyXml: '<rs:RegistryResponse xmlns:rs="urn:oasis:names:tc:ebxml-regrep:xsd:rs:3.0" status="ok"/>',
    });
    const env = readSoapEnvelope(r.xml);
    expect(env.headers.action).toBe('urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-bResponse');
    expect(env.headers.relatesTo).toBe('urn:uuid:b3745a7c-4d1a-4cfd-a752-536197e4ac7a');
    expect(env.headers.to).toBe(WSA_ANONYMOUS);
    expect(env.headers.messageId).toBe(r.messageId);
    expect(env.headerBlocks.map((b) => b.localName)).toEqual(['Action', 'MessageID', 'To', 'RelatesTo']);
    expect(env.payload?.localName).toBe('RegistryResponse');
  });
});

describe('readSoapEnvelope', () => {
  it('reads a SOAP 1.1 envelope and reports version 1.1', () => {
    const xml =
      '<?xml version="1.0"?><S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Header>' +
      '<a:Action xmlns:a="http://www.w3.org/2005/08/addressing">urn:x</a:Action></S:Header><S:Body><x/></S:Body></S:Envelope>';
    const env = readSoapEnvelope(xml);
    expect(env.version).toBe('1.1');
    expect(env.headers.action).toBe('urn:x');
    expect(env.bodyXml).toBe('<x/>');
  });

  it('resolves a Body whose prefix is declared on the Body itself (WS-INS2 sample style)', () => {
    const xml =
      `<soap:Envelope xmlns:soap="${SOAP12_NS}"><env:Body xmlns:env="${SOAP12_NS}"> <r:R xmlns:r="urn:r">1</r:R> </env:Body></soap:Envelope>`;
    const env = readSoapEnvelope(xml);
    expect(env.bodyXml).toBe(' <r:R xmlns:r="urn:r">1</r:R> ');
    expect(env.bodyNamespaces.get('env')).toBe(SOAP12_NS);
    expect(env.headers.action).toBeUndefined();
    expect(env.securityXml).toBeUndefined();
  });

  it('gives the namespaces in scope of the Body (prefix declared on the Envelope)', () => {
    const xml = `<s:Envelope xmlns:s="${SOAP12_NS}" xmlns:urn="urn:hl7-org:v3"><s:Body><urn:Q/></s:Body></s:Envelope>`;
    const env = readSoapEnvelope(xml);
    expect(env.bodyNamespaces.get('urn')).toBe('urn:hl7-org:v3');
    expect(env.payload).toEqual({ namespace: 'urn:hl7-org:v3', localName: 'Q' });
  });

  it('decodes bytes (UTF-8 with BOM) and keeps accents', () => {
    const xml = `<s:Envelope xmlns:s="${SOAP12_NS}"><s:Body><m>Médecin</m></s:Body></s:Envelope>`;
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(xml, 'utf8')]);
    expect(readSoapEnvelope(bytes).bodyXml).toBe('<m>Médecin</m>');
  });

  it('reads header text with comments, CDATA and character references', () => {
    const xml =
      `<s:Envelope xmlns:s="${SOAP12_NS}"><s:Header><MessageID xmlns="${WSA_NS}"> <!-- c --><![CDATA[urn:uuid:]]>a&#x62;c&amp; </MessageID>` +
      `</s:Header><s:Body/></s:Envelope>`;
    const env = readSoapEnvelope(xml);
    expect(env.headers.messageId).toBe('urn:uuid:abc&');
    expect(env.bodyXml).toBe('');
    expect(env.payload).toBeUndefined();
  });

  it.each([
    ['not an envelope', '<html><body/></html>', 'SOAP_ENVELOPE_INVALID'],
    ['an envelope in an unknown namespace', '<s:Envelope xmlns:s="urn:other"><s:Body/></s:Envelope>', 'SOAP_ENVELOPE_INVALID'],
    ['no Body', `<s:Envelope xmlns:s="${SOAP12_NS}"><s:Header/></s:Envelope>`, 'SOAP_BODY_MISSING'],
    ['mismatched tags', `<s:Envelope xmlns:s="${SOAP12_NS}"><s:Body><a></b></s:Body></s:Envelope>`, 'SOAP_XML_MALFORMED'],
    ['an unclosed element', `<s:Envelope xmlns:s="${SOAP12_NS}"><s:Body>`, 'SOAP_XML_MALFORMED'],
    ['an undeclared prefix', `<s:Envelope xmlns:s="${SOAP12_NS}"><s:Body><q:a/></s:Body></s:Envelope>`, 'SOAP_XML_MALFORMED'],
    ['two roots', `<s:Envelope xmlns:s="${SOAP12_NS}"><s:Body/></s:Envelope><x/>`, 'SOAP_XML_MALFORMED'],
    ['a DOCTYPE', `<!DOCTYPE s [<!ENTITY x "y">]><s:Envelope xmlns:s="${SOAP12_NS}"><s:Body/></s:Envelope>`, 'XML_DOCTYPE_FORBIDDEN'],
    ['no element at all', '   ', 'SOAP_XML_MALFORMED'],
  ])('refuses %s with a typed French error', (_what, xml, code) => {
    let caught: unknown;
    try {
      readSoapEnvelope(xml);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(SoapEnvelopeError);
    expect(caught).toBeInstanceOf(NavetteError);
    expect((caught as SoapEnvelopeError).code).toBe(code);
    expect((caught as SoapEnvelopeError).message).toMatch(/[éèàç]|SOAP|XML/);
  });
});

describe('newMessageId', () => {
  it('is a fresh urn:uuid each time', () => {
    const a = newMessageId();
    expect(a).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(newMessageId()).not.toBe(a);
  });
});
