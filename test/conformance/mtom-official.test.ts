// The official TD2.1 sample is a raw MTOM multipart stream (three parts, bare-LF line ends,
// SOAP 1.1 envelope): a real-world vector for the MTOM reader. The official TD3.2 response is
// a bare envelope whose xop:Include carries a %-encoded cid: a vector for cid decoding.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  findXopIncludes,
  readMtom,
  readMtomParts,
  readMtomStream,
  resolveXopIncludes,
  writeMtom,
} from '../../src/protocol/mtom/index.js';
import {
  SOAP11_NS,
  buildSoapResponseEnvelope,
  readSoapEnvelope,
} from '../../src/protocol/soap/index.js';
import { REFERENCE_DIR } from '../support/paths.js';

const DIR = path.join(REFERENCE_DIR, 'dmp', 'messages');
const raw = readFileSync(path.join(DIR, 'td2.1-alimentation.request.xml'));
const firstLine = raw.subarray(0, raw.indexOf(0x0a)).toString('latin1');
const boundary = firstLine.slice(2);
const contentType = `multipart/related; type="application/xop+xml"; boundary="${boundary}"; start-info="application/soap+xml"`;

async function* bytesOneByOne(data: Buffer): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < data.length; i++) yield data.subarray(i, i + 1);
}

describe('td2.1-alimentation.request.xml (raw MTOM stream)', () => {
  it('has the boundary announced by its first line', () => {
    expect(firstLine).toBe('------=_Part_9_20030738.1554380517598');
    expect(boundary).toBe('----=_Part_9_20030738.1554380517598');
    expect(raw.includes(0x0d)).toBe(false); // bare LF everywhere
  });

  it('parses into a root part and two attachments with their headers', async () => {
    const msg = await readMtom(raw, contentType);
    expect(msg.root.contentId).toBe('rootpart@soapui.org');
    expect(msg.root.contentType).toBe(
      'application/xop+xml; charset=UTF-8; type="application/soap+xml"; action="DocumentRepository_ProvideAndRegisterDocumentSet-b"',
    );
    expect(msg.root.headers.get('content-transfer-encoding')).toBe('8bit');
    expect(msg.attachments.map((a) => [a.contentId, a.contentType, a.data.length])).toEqual([
      [
        'WS_DMP_TD2.1-DocumentME2.xml',
        'text/xml; charset=Cp1252; name=WS_DMP_TD2.1-DocumentME2.xml',
        4176,
      ],
      [
        'WS_DMP_TD2.1-SignatureXades.xml',
        'text/xml; charset=Cp1252; name=WS_DMP_TD2.1-SignatureXades.xml',
        6908,
      ],
    ]);
    expect(msg.attachments[0]?.headers.get('content-disposition')).toBe(
      'attachment; name="WS_DMP_TD2.1-DocumentME2.xml"; filename="WS_DMP_TD2.1-DocumentME2.xml"',
    );
    const [doc, sig] = msg.attachments;
    expect(doc?.data.subarray(0, 17).toString()).toBe('<ClinicalDocument');
    expect(doc?.data.subarray(-20).toString()).toBe('</ClinicalDocument>\n');
    expect(sig?.data.subarray(0, 53).toString()).toBe(
      '<Signature xmlns="http://www.w3.org/2000/09/xmldsig#"',
    );
  });

  it('delivers the attachments byte for byte as the standalone official files', async () => {
    const msg = await readMtom(raw, contentType);
    // The XAdES signature part is exactly td2.1-signaturexades.xml.
    expect(
      msg
        .attachment('WS_DMP_TD2.1-SignatureXades.xml')
        ?.data.equals(readFileSync(path.join(DIR, 'td2.1-signaturexades.xml'))),
    ).toBe(true);
    // The CDA part is td2.1-documentme2.xml without its BOM and with LF line ends.
    const standalone = readFileSync(path.join(DIR, 'td2.1-documentme2.xml'))
      .subarray(3)
      .toString('utf8')
      .replace(/\r\n/g, '\n');
    expect(msg.attachment('WS_DMP_TD2.1-DocumentME2.xml')?.data.toString('utf8')).toBe(standalone);
  });

  it('resolves both xop:Include hrefs to the attachments, under their Document ids', async () => {
    const msg = await readMtom(raw, contentType);
    expect(findXopIncludes(msg.root.xml).map((r) => [r.parentId, r.href])).toEqual([
      ['documentME2', 'cid:WS_DMP_TD2.1-DocumentME2.xml'],
      ['Signature01', 'cid:WS_DMP_TD2.1-SignatureXades.xml'],
    ]);
    const resolved = resolveXopIncludes(msg.root.xml, msg.attachments);
    expect([...resolved.entries()].map(([id, data]) => [id, data.length])).toEqual([
      ['WS_DMP_TD2.1-DocumentME2.xml', 4176],
      ['WS_DMP_TD2.1-SignatureXades.xml', 6908],
    ]);
  });

  it('holds a SOAP 1.1 envelope that the envelope reader accepts', async () => {
    const msg = await readMtom(raw, contentType);
    const env = readSoapEnvelope(msg.root.xml);
    expect(env.version).toBe('1.1');
    expect(env.bodyNamespaces.get('soap')).toBe(SOAP11_NS);
    expect(env.headers.action).toBe('urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-b');
    expect(env.headers.messageId).toBe('urn:uuid:b3745a7c-4d1a-4cfd-a752-536197e4ac7a');
    expect(env.payload?.localName).toBe('ProvideAndRegisterDocumentSetRequest');
    expect(env.securityXml?.includes('ID="_ce088e5a-e31d-42d0-ba37-fda5fcbc889d"')).toBe(true);
  });

  it('reads the same when fed one byte at a time, and with `start` given', async () => {
    const whole = await readMtom(raw, contentType);
    const slow = await readMtomStream(
      bytesOneByOne(raw),
      `${contentType}; start="<rootpart@soapui.org>"`,
    );
    expect(slow.root.xml).toBe(whole.root.xml);
    expect(slow.attachments.map((a) => a.data.toString('hex'))).toEqual(
      whole.attachments.map((a) => a.data.toString('hex')),
    );
  });

  it('streams part by part', async () => {
    const ids: Array<string | undefined> = [];
    for await (const part of readMtomParts(bytesOneByOne(raw), contentType))
      ids.push(part.contentId);
    expect(ids).toEqual([
      'rootpart@soapui.org',
      'WS_DMP_TD2.1-DocumentME2.xml',
      'WS_DMP_TD2.1-SignatureXades.xml',
    ]);
  });
});

describe('td3.2-consultation-d-un-document.response.xml', () => {
  const file = readFileSync(path.join(DIR, 'td3.2-consultation-d-un-document.response.xml'));
  const officialCid = 'b857abb7-a2c3-4db8-bd69-d5ff76826e72-2@urn:ihe:iti:xds-b:2007';

  it('is a bare envelope (not MTOM): read as plain application/soap+xml', async () => {
    expect(file.subarray(0, 14).toString()).toBe('<soap:Envelope');
    const msg = await readMtom(file, 'application/soap+xml; charset=UTF-8');
    expect(msg.attachments).toEqual([]);
    expect(readSoapEnvelope(msg.root.xml).headers.action).toBe(
      'urn:ihe:iti:2007:RetrieveDocumentSetResponse',
    );
    expect(findXopIncludes(msg.root.xml)).toEqual([
      {
        href: 'cid:b857abb7-a2c3-4db8-bd69-d5ff76826e72-2@urn%3Aihe%3Aiti%3Axds-b%3A2007',
        contentId: officialCid,
        parentLocalName: 'Document',
        parentId: undefined,
      },
    ]);
    // The sample has lost its document part: resolution must say so, not invent bytes.
    expect(() => resolveXopIncludes(msg.root.xml, msg.attachments)).toThrow(
      expect.objectContaining({ code: 'MTOM_XOP_UNRESOLVED' }) as Error,
    );
  });

  it('resolves once packaged as the DMP sends it (MTOM, Content-ID with ":")', async () => {
    const env = readSoapEnvelope(file);
    const rebuilt = buildSoapResponseEnvelope({
      action: env.headers.action ?? '',
      relatesTo: env.headers.relatesTo ?? '',
      bodyXml: env.bodyXml,
    });
    const cda = Buffer.from('<ClinicalDocument xmlns="urn:hl7-org:v3"/>');
    const out = writeMtom({
      envelopeXml: rebuilt.xml,
      attachments: [{ contentId: officialCid, content: cda }],
      action: env.headers.action ?? '',
    });
    const msg = await readMtomStream(out.body, out.contentType);
    expect(msg.attachments[0]?.headers.get('content-id')).toBe(`<${officialCid}>`);
    expect(resolveXopIncludes(msg.root.xml, msg.attachments).get(officialCid)?.equals(cda)).toBe(
      true,
    );
  });
});
