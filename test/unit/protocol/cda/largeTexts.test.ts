// The scan for long base64 texts shared by the CDA reader and the schema view, and the strict
// base64 decoding of a level-1 body (fast path for line-broken text, general path otherwise).
import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import {
  LARGE_TEXT_BYTES,
  largeBase64Runs,
  latin1Of,
  longBase64Stretches,
  withRunsReplaced,
} from '../../../../src/protocol/cda/largeTexts.js';
import { decodeNonXmlBody } from '../../../../src/protocol/cda/rules/bodyRules.js';
import type { XmlElement } from '../../../../src/protocol/cda/xmlElement.js';

function base64Lines(bytes: number, eol = '\n'): string {
  const raw = Buffer.alloc(bytes, 0x5a).map((_, i) => (i * 31) & 0xff);
  return Buffer.from(raw)
    .toString('base64')
    .replace(/(.{76})/g, `$1${eol}`);
}

function element(text: string): XmlElement {
  return { text } as XmlElement;
}

describe('largeBase64Runs', () => {
  it('finds whole base64 text nodes by byte offset, after multi-byte UTF-8 text', () => {
    const long = base64Lines(LARGE_TEXT_BYTES);
    const xml = `<a><t>Électrocardiogramme « été »</t><text>${long}</text><u>court</u></a>`;
    const bytes = Buffer.from(xml, 'utf8');
    const runs = largeBase64Runs(bytes);
    expect(runs).toHaveLength(1);
    const [run] = runs;
    expect(latin1Of(bytes, run!.start, run!.end)).toBe(long);
    expect(run!.newlines).toBe(long.split('\n').length - 1);
  });

  it('ignores short texts, texts with other characters and runs not closed by a tag', () => {
    const long = base64Lines(LARGE_TEXT_BYTES);
    const mixed = `${long.slice(0, 1000)}&amp;${long.slice(1000)}`;
    const cases = [
      `<a><t>${base64Lines(1000)}</t></a>`,
      `<a><t>${mixed}</t></a>`,
      `<a><t>${long}`,
      `<a>${'é'.repeat(LARGE_TEXT_BYTES)}</a>`,
    ];
    for (const xml of cases) expect(largeBase64Runs(Buffer.from(xml, 'utf8'))).toEqual([]);
  });

  it('replaces each run by its replacement and its line feeds, keeping the line numbers', () => {
    const long = base64Lines(LARGE_TEXT_BYTES * 2);
    const xml = `<a>\n<b>${long}</b>\n<c>${long}</c>\n<d/></a>`;
    const bytes = Buffer.from(xml, 'utf8');
    const view = Buffer.from(withRunsReplaced(bytes, largeBase64Runs(bytes), (i) => `R${i}`));
    const text = view.toString('utf8');
    expect(text.replace(/\n+/g, '|')).toBe('<a>|<b>R0|</b>|<c>R1|</c>|<d/></a>');
    const lineOf = (s: string, needle: string) => s.slice(0, s.indexOf(needle)).split('\n').length;
    expect(lineOf(text, '<d/>')).toBe(lineOf(xml, '<d/>'));
    expect(withRunsReplaced(bytes, [], () => 'x')).toBe(bytes);
  });
});

describe('longBase64Stretches', () => {
  it('finds long base64 outside whole text nodes too: in CDATA, after a character reference', () => {
    const long = base64Lines(LARGE_TEXT_BYTES);
    const xml =
      `<a><t><![CDATA[${long}]]></t><u>&#10;${long}</u><v>${long}</v>` + `<w>court</w></a>`;
    const bytes = Buffer.from(xml, 'utf8');
    const runs = largeBase64Runs(bytes);
    expect(runs).toHaveLength(1); // only <v> is a whole text node
    const stretches = longBase64Stretches(bytes, runs, LARGE_TEXT_BYTES);
    expect(stretches.map((r) => latin1Of(bytes, r.start, r.end))).toEqual([long, long, long]);
    expect(stretches[2]).toBe(runs[0]);
    // Shorter than the minimum: nothing.
    expect(longBase64Stretches(bytes, runs, LARGE_TEXT_BYTES * 2)).toEqual([]);
  });
});

describe('decodeNonXmlBody', () => {
  const content = Buffer.from(Array.from({ length: 1000 }, (_, i) => (i * 7) & 0xff));
  const lines = content.toString('base64').replace(/(.{76})/g, '$1\n');

  it('decodes base64 broken by LF or CRLF lines, and by spaces and tabs', () => {
    expect(Buffer.from(decodeNonXmlBody(element(lines))!).equals(content)).toBe(true);
    const crlf = lines.replace(/\n/g, '\r\n');
    expect(Buffer.from(decodeNonXmlBody(element(`\r\n${crlf}\r\n`))!).equals(content)).toBe(true);
    const spaced = `  ${lines.replace(/\n/g, '\n\t ')}  `;
    expect(Buffer.from(decodeNonXmlBody(element(spaced))!).equals(content)).toBe(true);
  });

  it('accepts one or two trailing = and nothing else after them', () => {
    expect(decodeNonXmlBody(element('QUJD'))).toEqual(Buffer.from('ABC'));
    expect(decodeNonXmlBody(element('QUI=\n'))).toEqual(Buffer.from('AB'));
    expect(decodeNonXmlBody(element('QQ==\r\n'))).toEqual(Buffer.from('A'));
    // Padding split by a line break is still padding, as with spaces (the general path).
    expect(decodeNonXmlBody(element('QQ=\n='))).toEqual(Buffer.from('A'));
    expect(decodeNonXmlBody(element('QQ=\r\n=\n'))).toEqual(Buffer.from('A'));
    expect(decodeNonXmlBody(element('QQ= ='))).toEqual(Buffer.from('A'));
    for (const bad of ['Q===', 'QQ==QUJD', 'QU=I', 'QQ=\n=\n=', 'Q=\nQUJD']) {
      expect(decodeNonXmlBody(element(bad)), bad).toBeUndefined();
    }
  });

  it('refuses an empty text, a length that is not a multiple of four, and foreign characters', () => {
    for (const bad of ['', '\n\n', 'QUJ', 'QUJDR\nA', 'QU*D', 'QUJD-_==', ' QU JD é ']) {
      expect(decodeNonXmlBody(element(bad)), JSON.stringify(bad)).toBeUndefined();
    }
  });
});
