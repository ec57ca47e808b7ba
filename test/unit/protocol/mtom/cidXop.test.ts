import { describe, expect, it } from 'vitest';
import {
  MtomError,
  cidHref,
  contentIdFromHref,
  findXopIncludes,
  formatContentType,
  newContentId,
  parseContentType,
  resolveXopIncludes,
  stripAngles,
  xopIncludeXml,
} from '../../../../src/protocol/mtom/index.js';

describe('cid: URLs (RFC 2392)', () => {
  it('encodes like the DMP (CXF): ":" as %3A, "@" kept', () => {
    expect(cidHref('b857abb7-a2c3-4db8-bd69-d5ff76826e72-2@urn:ihe:iti:xds-b:2007')).toBe(
      'cid:b857abb7-a2c3-4db8-bd69-d5ff76826e72-2@urn%3Aihe%3Aiti%3Axds-b%3A2007',
    );
    expect(cidHref('<a b/é%@x>')).toBe('cid:a%20b%2F%C3%A9%25@x');
  });

  it('decodes any %-encoding back to the Content-ID', () => {
    expect(contentIdFromHref('cid:b857abb7-a2c3-4db8-bd69-d5ff76826e72-2@urn%3Aihe%3Aiti%3Axds-b%3A2007')).toBe(
      'b857abb7-a2c3-4db8-bd69-d5ff76826e72-2@urn:ihe:iti:xds-b:2007',
    );
    expect(contentIdFromHref('CID:WS_DMP_TD2.1-DocumentME2.xml')).toBe('WS_DMP_TD2.1-DocumentME2.xml');
    expect(contentIdFromHref('cid:a%40b')).toBe('a@b');
    expect(contentIdFromHref('cid:100%@x%3A1')).toBe('100%@x:1');
    expect(contentIdFromHref('http://x')).toBeUndefined();
  });

  it('round-trips any Content-ID', () => {
    for (const id of ['a@b', 'x y@z', 'é+&=?#[]@h', newContentId(), '1.2.250.1@urn:oid:1.2']) {
      expect(contentIdFromHref(cidHref(id))).toBe(id);
    }
    expect(stripAngles(' <a@b> ')).toBe('a@b');
  });
});

describe('content types', () => {
  it('parses quoted parameters with separators and escapes inside', () => {
    const ct = parseContentType('Application/XOP+XML; Charset=UTF-8; type="application/soap+xml"; action="urn:a;b \\"c\\""; flag; x=1');
    expect(ct.mediaType).toBe('application/xop+xml');
    expect(ct.params.get('charset')).toBe('UTF-8');
    expect(ct.params.get('type')).toBe('application/soap+xml');
    expect(ct.params.get('action')).toBe('urn:a;b "c"');
    expect(ct.params.get('x')).toBe('1');
    expect(ct.params.has('flag')).toBe(false);
    expect(formatContentType('text/plain', [['a', 'x"y'], ['b', undefined]])).toBe('text/plain; a="x\\"y"');
  });
});

describe('XOP includes', () => {
  const root =
    '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body><r xmlns="urn:ihe:iti:xds-b:2007">' +
    `<Document id="Doc1">${xopIncludeXml('doc1@urn:ihe:iti:xds-b:2007')}</Document>` +
    '<Document id="Sig"><x:Include xmlns:x="http://www.w3.org/2004/08/xop/include" href="cid:sig%40x"/></Document>' +
    '<Include href="cid:not-xop@x"/>' +
    '</r></s:Body></s:Envelope>';

  it('finds every xop:Include with its parent Document id (namespace checked)', () => {
    expect(findXopIncludes(root)).toEqual([
      { href: 'cid:doc1@urn%3Aihe%3Aiti%3Axds-b%3A2007', contentId: 'doc1@urn:ihe:iti:xds-b:2007', parentLocalName: 'Document', parentId: 'Doc1' },
      { href: 'cid:sig%40x', contentId: 'sig@x', parentLocalName: 'Document', parentId: 'Sig' },
    ]);
  });

  it('resolves the document bytes per cid, and fails on a missing attachment', () => {
    const d1 = Buffer.from('CDA');
    const d2 = Buffer.from('XAdES');
    const resolved = resolveXopIncludes(root, [
      { contentId: '<sig@x>', data: d2 },
      { contentId: 'doc1@urn:ihe:iti:xds-b:2007', data: d1 },
      { contentId: undefined, data: Buffer.from('?') },
    ]);
    expect([...resolved.entries()]).toEqual([
      ['doc1@urn:ihe:iti:xds-b:2007', d1],
      ['sig@x', d2],
    ]);
    expect(() => resolveXopIncludes(root, [{ contentId: 'sig@x', data: d2 }])).toThrow(MtomError);
  });

  it('refuses an Include whose href is not a cid: URL', () => {
    const bad = '<a xmlns:xop="http://www.w3.org/2004/08/xop/include"><xop:Include href="http://evil/x"/></a>';
    expect(() => findXopIncludes(bad)).toThrow(expect.objectContaining({ code: 'MTOM_XOP_UNRESOLVED' }) as Error);
  });
});
