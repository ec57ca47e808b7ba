import { describe, expect, it } from 'vitest';
import { unescapeXml } from '../../../../src/protocol/xml/entities.js';
import { parseXml } from '../../../../src/protocol/xml/parse.js';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
}

describe('parseXml', () => {
  it('decodes the predefined entities and numeric references once, in text and attributes', () => {
    const tree = parseXml(
      '<a b="x &amp;amp; y &#233;&#x41;">t &lt;&amp;gt; &#233;&#xE9;&quot;&apos;</a>',
    );
    const a = tree['a'] as Record<string, string>;
    // `&amp;amp;` is the text "&amp;": decoding twice would give "&".
    expect(a['@_b']).toBe('x &amp; y éA');
    expect(a['#text']).toBe('t <&gt; éé"\'');
  });

  it('keeps identifiers as strings (no number parsing)', () => {
    const tree = parseXml('<r><ins>0123456789012</ins><n v="007"/></r>');
    const r = tree['r'] as Record<string, unknown>;
    expect(r['ins']).toBe('0123456789012');
    expect((r['n'] as Record<string, string>)['@_v']).toBe('007');
  });

  it('refuses a DOCTYPE or an entity declaration before parsing', () => {
    const bomb = '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "xx">]><a>&x;</a>';
    expect(codeOf(() => parseXml(bomb))).toBe('XML_DOCTYPE_FORBIDDEN');
  });

  it('reports malformed XML with its position and refuses oversized input', () => {
    expect(codeOf(() => parseXml('<a><b></a>'))).toBe('XML_MALFORMED');
    expect(codeOf(() => parseXml('<a>1234</a>', { maxLength: 5 }))).toBe('XML_TOO_LARGE');
  });

  it('leaves an unknown entity reference as written', () => {
    expect(unescapeXml('a &nbsp; b')).toBe('a &nbsp; b');
  });
});
