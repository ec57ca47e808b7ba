import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { NavetteError } from '../../../../src/domain/errors/NavetteError.js';
import { MtomError, parseMtomContentType, readMtom, readMtomParts, readMtomStream } from '../../../../src/protocol/mtom/index.js';
import { buildSoapFaultEnvelope, readSoapEnvelope } from '../../../../src/protocol/soap/index.js';
import { chunked, concatAll, cutAt, randomChunks } from './chunks.js';

const B = 'uuid:6b3c7a2e-boundary';
const CT = `multipart/related; type="application/xop+xml"; boundary="${B}"; start="<root@x>"; start-info="application/soap+xml"`;
const ENV = '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body><a/></s:Body></s:Envelope>';

interface HandPart {
  readonly headers: string;
  readonly content: Buffer;
}

/** A message written by hand (to control every byte, independently of our writer). */
function message(parts: readonly HandPart[], eol = '\r\n', preamble = '', epilogue = ''): Buffer {
  const chunks: Buffer[] = [Buffer.from(preamble, 'latin1')];
  parts.forEach((p, i) => {
    chunks.push(Buffer.from(`${i === 0 && preamble === '' ? '' : eol}--${B}${eol}${p.headers.split('\n').join(eol)}${eol}${eol}`, 'latin1'));
    chunks.push(p.content);
  });
  chunks.push(Buffer.from(`${eol}--${B}--${eol}${epilogue}`, 'latin1'));
  return Buffer.concat(chunks);
}

const rootPart: HandPart = {
  headers: 'Content-Type: application/xop+xml; charset=UTF-8; type="application/soap+xml"\nContent-ID: <root@x>',
  content: Buffer.from(ENV),
};

const tricky = Buffer.concat([
  Buffer.from(`--${B}\r\n`, 'latin1'), // a delimiter line at the very start of content, not preceded by a line end
  Buffer.from(`\r\n--${B.slice(0, -3)}\r\n`, 'latin1'), // a boundary prefix
  Buffer.from(`\r\n--${B}X\r\n`, 'latin1'), // the boundary followed by another character
  Buffer.from(`\n--${B}=--\r\n`, 'latin1'),
  Buffer.from(`\r\n--${B} x\r\n`, 'latin1'), // padding then garbage
  Buffer.from([0x00, 0xff, 0x0d, 0x0a, 0x0d, 0x0d, 0x0a, 0x2d, 0x2d]),
  Buffer.from('\r\n\r\n', 'latin1'),
  Buffer.from('\r', 'latin1'), // content ending with CR
]);

const attachmentPart = (id: string, content: Buffer): HandPart => ({
  headers: `Content-Type: application/octet-stream\nContent-Transfer-Encoding: binary\nContent-ID: <${id}>`,
  content,
});

describe('readMtom on hand-written messages', () => {
  it('reads the root and the attachments with their headers', async () => {
    const msg = await readMtom(message([rootPart, attachmentPart('doc1@x', Buffer.from('hello')), attachmentPart('doc2@x', tricky)]), CT);
    expect(msg.root.contentId).toBe('root@x');
    expect(msg.root.xml).toBe(ENV);
    expect(msg.root.contentType).toBe('application/xop+xml; charset=UTF-8; type="application/soap+xml"');
    expect(msg.attachments.map((a) => a.contentId)).toEqual(['doc1@x', 'doc2@x']);
    expect(msg.attachment('doc1@x')?.data.toString()).toBe('hello');
    expect(msg.attachment('<doc1@x>')?.headers.get('content-transfer-encoding')).toBe('binary');
    expect(msg.attachment('cid:doc2%40x')?.data.equals(tricky)).toBe(true);
    expect(msg.attachment('root@x')).toBeUndefined();
    expect(msg.contentType.start).toBe('root@x');
  });

  it('hands out views of an in-memory message instead of copies', async () => {
    const bytes = message([rootPart, attachmentPart('t@x', tricky)]);
    const msg = await readMtom(bytes, CT);
    const data = msg.attachment('t@x')?.data;
    expect(data?.equals(tricky)).toBe(true);
    expect(data?.buffer).toBe(bytes.buffer);
    // Chunks that are copies are concatenated, not aliased.
    const copied = await readMtomStream(randomChunks(bytes, 7, 5), CT);
    expect(copied.attachment('t@x')?.data.equals(tricky)).toBe(true);
    expect(copied.attachment('t@x')?.data.buffer).not.toBe(bytes.buffer);
  });

  it('keeps fake delimiters inside binary content', async () => {
    const msg = await readMtom(message([rootPart, attachmentPart('t@x', tricky), attachmentPart('u@x', tricky)]), CT);
    expect(msg.attachments).toHaveLength(2);
    for (const a of msg.attachments) expect(a.data.equals(tricky)).toBe(true);
  });

  it('gives the same result whatever the chunking: every split position, then 1-byte chunks', async () => {
    const bytes = message([rootPart, attachmentPart('t@x', tricky), attachmentPart('e@x', Buffer.alloc(0))]);
    const check = async (source: AsyncIterable<Uint8Array>): Promise<void> => {
      const msg = await readMtomStream(source, CT);
      expect(msg.root.xml).toBe(ENV);
      expect(msg.attachments.map((a) => a.data.toString('hex'))).toEqual([tricky.toString('hex'), '']);
    };
    for (let k = 0; k <= bytes.length; k++) await check(cutAt(bytes, [k]));
    for (let k = 0; k + 7 <= bytes.length; k += 3) await check(cutAt(bytes, [k, k + 1, k + 7]));
    await check(chunked(bytes, 1));
    await check(randomChunks(bytes, 42, 9));
  });

  it('reads bare-LF messages (the official TD2.1 sample uses LF line ends)', async () => {
    const bytes = message([rootPart, attachmentPart('a@x', Buffer.from('x\ny'))], '\n');
    for (const source of [cutAt(bytes, []), chunked(bytes, 1)]) {
      const msg = await readMtomStream(source, CT);
      expect(msg.root.xml).toBe(ENV);
      expect(msg.attachment('a@x')?.data.toString()).toBe('x\ny');
    }
  });

  it('ignores preamble and epilogue, accepts transport padding after a boundary', async () => {
    let bytes = message([rootPart, attachmentPart('a@x', Buffer.from('A'))], '\r\n', 'This is a preamble.\r\n--nope\r\n', 'epilogue\r\n');
    bytes = Buffer.from(bytes.toString('latin1').replace(`--${B}\r\nContent-Type: application/octet`, `--${B}  \t\r\nContent-Type: application/octet`), 'latin1');
    const msg = await readMtom(bytes, CT);
    expect(msg.root.xml).toBe(ENV);
    expect(msg.attachment('a@x')?.data.toString()).toBe('A');
  });

  it('takes the first part as root when `start` is missing', async () => {
    const ct = `multipart/related; type="application/xop+xml"; boundary=${B}`;
    const first = { ...rootPart, headers: 'Content-Type: application/xop+xml' };
    const msg = await readMtom(message([first, attachmentPart('a@x', Buffer.from('A'))]), ct);
    expect(msg.root.contentId).toBeUndefined();
    expect(msg.root.xml).toBe(ENV);
    expect(msg.attachments.map((a) => a.contentId)).toEqual(['a@x']);
  });

  it('finds the root by `start` even when it is not the first part', async () => {
    const msg = await readMtom(message([attachmentPart('a@x', Buffer.from('A')), rootPart]), CT);
    expect(msg.root.contentId).toBe('root@x');
    expect(msg.attachments.map((a) => a.contentId)).toEqual(['a@x']);
  });

  it('reads folded headers, header names in any case, and base64 parts', async () => {
    const b64: HandPart = {
      headers: 'content-type: application/pdf;\n name="x.pdf"\nCONTENT-TRANSFER-ENCODING: BASE64\ncontent-id:  <b@x> ',
      content: Buffer.from(Buffer.from('%PDF-1.7 binary \x00\xff').toString('base64').replace(/(.{8})/g, '$1\r\n'), 'latin1'),
    };
    const msg = await readMtomStream(chunked(message([rootPart, b64]), 5), CT);
    const a = msg.attachment('b@x');
    expect(a?.contentType).toBe('application/pdf; name="x.pdf"');
    expect(a?.data.equals(Buffer.from('%PDF-1.7 binary \x00\xff'))).toBe(true);
  });

  it('reads a SOAP fault returned as MTOM', async () => {
    const fault = buildSoapFaultEnvelope({ code: 'Sender', subcodes: ['DMPAccessDeniedByRightsService'], reason: 'Accès refusé' });
    const msg = await readMtom(message([{ ...rootPart, content: Buffer.from(fault) }]), CT);
    expect(msg.attachments).toHaveLength(0);
    const env = readSoapEnvelope(msg.root.xml);
    expect(env.fault?.dmpErrorCode).toBe('DMPAccessDeniedByRightsService');
    expect(env.fault?.reason).toBe('Accès refusé');
  });

  it('accepts a plain application/soap+xml response', async () => {
    const msg = await readMtom(Buffer.from(ENV), 'application/soap+xml; charset=utf-8; action="urn:x"');
    expect(msg.contentType.multipart).toBe(false);
    expect(msg.root.xml).toBe(ENV);
    expect(msg.attachments).toEqual([]);
    const streamed = await readMtomStream(chunked(Buffer.from(ENV), 3), 'text/xml');
    expect(streamed.root.xml).toBe(ENV);
  });

  it.each([
    ['a truncated message', message([rootPart, attachmentPart('a@x', Buffer.from('AAAA'))]).subarray(0, -12), CT, 'MTOM_TRUNCATED'],
    ['a message cut inside part headers', Buffer.from(`--${B}\r\nContent-Type: x`), CT, 'MTOM_TRUNCATED'],
    ['a missing root', message([attachmentPart('a@x', Buffer.from('A'))]), CT, 'MTOM_ROOT_MISSING'],
    ['no boundary parameter', Buffer.from(ENV), 'multipart/related; type="application/xop+xml"', 'MTOM_CONTENT_TYPE_INVALID'],
    ['duplicate Content-IDs', message([rootPart, attachmentPart('a@x', Buffer.from('1')), attachmentPart('a@x', Buffer.from('2'))]), CT, 'MTOM_CONTENT_ID_DUPLICATE'],
    ['a header line without colon', message([rootPart, { headers: 'garbage', content: Buffer.from('1') }]), CT, 'MTOM_MALFORMED'],
    [
      'an unsupported transfer encoding',
      message([rootPart, { headers: 'Content-ID: <q@x>\nContent-Transfer-Encoding: quoted-printable', content: Buffer.from('1') }]),
      CT,
      'MTOM_MALFORMED',
    ],
  ])('refuses %s with a typed error', async (_what, bytes, ct, code) => {
    const err = await readMtom(bytes, ct).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(MtomError);
    expect(err).toBeInstanceOf(NavetteError);
    expect((err as MtomError).code).toBe(code);
  });

  it('enforces the part size limit', async () => {
    const bytes = message([rootPart, attachmentPart('big@x', Buffer.alloc(2000, 1))]);
    await expect(readMtom(bytes, CT, { maxPartBytes: 1000 })).rejects.toMatchObject({ code: 'MTOM_PART_TOO_LARGE' });
    await expect(readMtom(bytes, CT, { maxRootBytes: 10 })).rejects.toMatchObject({ code: 'MTOM_PART_TOO_LARGE' });
    const ok = await readMtom(bytes, CT, { maxPartBytes: 2000 });
    expect(ok.attachment('big@x')?.data.length).toBe(2000);
  });
});

describe('readMtomParts (streaming)', () => {
  it('streams a large attachment chunk by chunk without collecting it', async () => {
    const big = randomBytes(3 * 1024 * 1024);
    const bytes = message([rootPart, attachmentPart('big@x', big), attachmentPart('small@x', Buffer.from('s'))]);
    const seen: Array<{ id: string | undefined; root: boolean; chunks: number; max: number; size: number }> = [];
    for await (const part of readMtomParts(chunked(bytes, 64 * 1024), CT)) {
      let chunks = 0;
      let max = 0;
      let size = 0;
      for await (const c of part.stream()) {
        chunks++;
        max = Math.max(max, c.length);
        size += c.length;
      }
      seen.push({ id: part.contentId, root: part.isRoot, chunks, max, size });
    }
    expect(seen.map((s) => [s.id, s.root, s.size])).toEqual([
      ['root@x', true, ENV.length],
      ['big@x', false, big.length],
      ['small@x', false, 1],
    ]);
    expect(seen[1]?.chunks).toBeGreaterThanOrEqual(48);
    // At most a few held-back bytes (a possible delimiter start) ride along with the next chunk.
    expect(seen[1]?.max).toBeLessThanOrEqual(64 * 1024 + B.length + 4);
  });

  it('skips a part that is not read, and refuses to read a part twice', async () => {
    const bytes = message([rootPart, attachmentPart('a@x', tricky), attachmentPart('b@x', Buffer.from('B'))]);
    const got: string[] = [];
    for await (const part of readMtomParts(chunked(bytes, 7), CT)) {
      if (part.contentId === 'a@x') {
        const it = part.stream()[Symbol.asyncIterator]();
        await it.next(); // read a little, then move on
        await it.return?.();
        expect(() => part.stream()).toThrow(MtomError);
        continue;
      }
      got.push((await part.buffer()).toString());
    }
    expect(got).toEqual([ENV, 'B']);
  });

  it('lets the consumer stop early', async () => {
    const bytes = message([rootPart, attachmentPart('a@x', Buffer.from('A'))]);
    const parts = readMtomParts(chunked(bytes, 4), CT);
    const first = await parts.next();
    expect(first.done).toBe(false);
    await parts.return(undefined);
    const concatenated = await concatAll(chunked(bytes, 4));
    expect(concatenated.equals(bytes)).toBe(true);
  });
});

describe('parseMtomContentType', () => {
  it('reads boundary, start (without angle brackets), start-info, type and action', () => {
    const ct = parseMtomContentType(
      'Multipart/Related; TYPE="application/xop+xml"; boundary="uuid:1;2"; start="<root.message@cxf.apache.org>"; start-info="application/soap+xml"; action="urn:ihe:iti:2007:RetrieveDocumentSetResponse"',
    );
    expect(ct).toEqual({
      mediaType: 'multipart/related',
      multipart: true,
      boundary: 'uuid:1;2',
      start: 'root.message@cxf.apache.org',
      startInfo: 'application/soap+xml',
      type: 'application/xop+xml',
      action: 'urn:ihe:iti:2007:RetrieveDocumentSetResponse',
    });
  });
});
