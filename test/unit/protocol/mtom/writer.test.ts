import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  MtomError,
  parseMtomContentType,
  readMtomParts,
  readMtomStream,
  resolveXopIncludes,
  writeMtom,
  xopIncludeXml,
} from '../../../../src/protocol/mtom/index.js';
import { readSoapEnvelope } from '../../../../src/protocol/soap/index.js';
import { chunked, concatAll, randomChunks, sha256 } from './chunks.js';

const envelopeWith = (ids: readonly string[]): string =>
  '<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="http://www.w3.org/2003/05/soap-envelope"><soap:Body>' +
  `<p:Req xmlns:p="urn:ihe:iti:xds-b:2007">${ids.map((id, i) => `<p:Document id="d${i}">${xopIncludeXml(id)}</p:Document>`).join('')}</p:Req>` +
  '</soap:Body></soap:Envelope>';

async function* streamOf(data: Buffer, size: number): AsyncGenerator<Uint8Array> {
  yield* chunked(data, size);
}

describe('writeMtom', () => {
  it('writes the SOAP 1.2 MTOM headers', async () => {
    const out = writeMtom({
      envelopeXml: envelopeWith(['doc@navette.local']),
      attachments: [{ contentId: 'doc@navette.local', content: Buffer.from('%PDF') }],
      action: 'urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-b',
      boundary: 'MIMEBoundary_test',
      rootContentId: 'root@navette.local',
    });
    expect(out.contentType).toBe(
      'multipart/related; type="application/xop+xml"; boundary="MIMEBoundary_test"; start="<root@navette.local>"; ' +
        'start-info="application/soap+xml"; action="urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-b"',
    );
    const text = (await concatAll(out.body)).toString('utf8');
    expect(text.startsWith(
      '--MIMEBoundary_test\r\n' +
        'Content-Type: application/xop+xml; charset=UTF-8; type="application/soap+xml"; action="urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-b"\r\n' +
        'Content-Transfer-Encoding: binary\r\nContent-ID: <root@navette.local>\r\n\r\n<?xml',
    )).toBe(true);
    expect(text).toContain(
      '</soap:Envelope>\r\n--MIMEBoundary_test\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: binary\r\n' +
        'Content-ID: <doc@navette.local>\r\n\r\n%PDF\r\n--MIMEBoundary_test--\r\n',
    );
    expect(text).toContain('<xop:Include xmlns:xop="http://www.w3.org/2004/08/xop/include" href="cid:doc@navette.local"/>');
    expect(out.contentLength).toBe(Buffer.byteLength(text));
  });

  it('draws long random boundaries and a random root Content-ID', () => {
    const a = writeMtom({ envelopeXml: '<e/>' });
    const b = writeMtom({ envelopeXml: '<e/>' });
    expect(a.boundary).toMatch(/^MIMEBoundary_[0-9a-f]{48}$/);
    expect(a.boundary).not.toBe(b.boundary);
    expect(a.rootContentId).toMatch(/^[0-9a-f-]{36}@navette\.local$/);
    expect(parseMtomContentType(a.contentType).start).toBe(a.rootContentId);
  });

  it('draws another boundary if a document contains the delimiter, refuses an imposed one', async () => {
    const imposed = 'MIMEBoundary_fixed';
    const poisoned = Buffer.from(`abc\r\n--${imposed}\r\nxyz`);
    expect(() => writeMtom({ envelopeXml: '<e/>', attachments: [{ contentId: 'a@x', content: poisoned }], boundary: imposed })).toThrow(MtomError);
    const out = writeMtom({ envelopeXml: `<e>--MIMEBoundary_</e>`, attachments: [{ contentId: 'a@x', content: poisoned }] });
    const msg = await readMtomStream(out.body, out.contentType);
    expect(msg.attachment('a@x')?.data.equals(poisoned)).toBe(true);
  });

  it('refuses duplicate Content-IDs and line breaks in header values', () => {
    expect(() =>
      writeMtom({
        envelopeXml: '<e/>',
        attachments: [
          { contentId: 'a@x', content: Buffer.from('1') },
          { contentId: '<a@x>', content: Buffer.from('2') },
        ],
      }),
    ).toThrow(expect.objectContaining({ code: 'MTOM_CONTENT_ID_DUPLICATE' }) as Error);
    expect(() => writeMtom({ envelopeXml: '<e/>', action: 'urn:a\r\nX-Evil: 1' })).toThrow(expect.objectContaining({ code: 'MTOM_MALFORMED' }) as Error);
  });

  it('announces a Content-Length only when every size is known', async () => {
    const data = randomBytes(1000);
    const unknown = writeMtom({ envelopeXml: '<e/>', attachments: [{ contentId: 'a@x', content: streamOf(data, 100) }] });
    expect(unknown.contentLength).toBeUndefined();
    const known = writeMtom({ envelopeXml: '<e/>', attachments: [{ contentId: 'a@x', content: streamOf(data, 100), size: 1000 }] });
    expect(known.contentLength).toBe((await concatAll(known.body)).length);
    const lying = writeMtom({ envelopeXml: '<e/>', attachments: [{ contentId: 'a@x', content: streamOf(data, 100), size: 999 }] });
    await expect(concatAll(lying.body)).rejects.toMatchObject({ code: 'MTOM_MALFORMED' });
  });

  it('is re-iterable with Buffer sources and also available as a Readable', async () => {
    const out = writeMtom({ envelopeXml: '<e/>', attachments: [{ contentId: 'a@x', content: randomBytes(600_000) }] });
    const first = await concatAll(out.body);
    const second = await concatAll(out.body);
    const third = await concatAll(out.readable());
    expect(second.equals(first)).toBe(true);
    expect(third.equals(first)).toBe(true);
  });

  it('never copies a Buffer document: it emits views of it', async () => {
    const doc = randomBytes(1024 * 1024);
    const out = writeMtom({ envelopeXml: '<e/>', attachments: [{ contentId: 'a@x', content: doc }] });
    const views = [];
    for await (const c of out.body) if (c.buffer === doc.buffer) views.push(c);
    expect(views.reduce((n, v) => n + v.length, 0)).toBe(doc.length);
  });
});

describe('round trip writer → reader', () => {
  const sizes = [0, 1, 2, 3, 77, 4096, 65_535, 65_536, 65_537, 300_001];

  it.each(sizes)('keeps a random %i-byte document intact (SHA-256), with odd chunking', async (size) => {
    const docs = [randomBytes(size), randomBytes(Math.floor(size / 3)), Buffer.from('\r\n--\r\n\r\n')];
    const ids = ['doc-1@navette.local', 'sig:1 é@urn:ihe:iti:xds-b:2007', 'x@y'];
    const out = writeMtom({
      envelopeXml: envelopeWith(ids),
      attachments: docs.map((content, i) => ({ contentId: ids[i] ?? '', content: i === 1 ? streamOf(content, 333) : content })),
      action: 'urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-b',
    });
    const bytes = await concatAll(out.body);
    for (const source of [randomChunks(bytes, size + 1, 4096), chunked(bytes, 65_536)]) {
      const msg = await readMtomStream(source, out.contentType);
      expect(readSoapEnvelope(msg.root.xml).payload?.localName).toBe('Req');
      const resolved = resolveXopIncludes(msg.root.xml, msg.attachments);
      expect([...resolved.keys()]).toEqual(ids);
      expect([...resolved.values()].map(sha256)).toEqual(docs.map(sha256));
    }
  });

  it('streams a document from the writer to the reader without collecting it', async () => {
    const doc = randomBytes(5 * 1024 * 1024);
    const out = writeMtom({ envelopeXml: envelopeWith(['big@x']), attachments: [{ contentId: 'big@x', content: streamOf(doc, 64 * 1024) }] });
    const { createHash } = await import('node:crypto');
    const hash = createHash('sha256');
    let rootXml = '';
    for await (const part of readMtomParts(out.body, out.contentType)) {
      if (part.isRoot) rootXml = (await part.buffer()).toString('utf8');
      else for await (const c of part.stream()) hash.update(c);
    }
    expect(rootXml).toContain('href="cid:big@x"');
    expect(hash.digest('hex')).toBe(sha256(doc));
  });
});
