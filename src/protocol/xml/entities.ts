// Decoding of the five predefined XML entities and numeric character references. parseXml runs it
// on every text and attribute value itself: fast-xml-parser's own `processEntities` does not decode
// numeric references (&#233;) and its `htmlEntities` would accept HTML names that XML does not
// define. No other entity can exist: parseXml refuses any DOCTYPE.
const ENTITY = /&(?:#x([0-9a-fA-F]+)|#([0-9]+)|(amp|lt|gt|quot|apos));/g;
const NAMED: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};

/** Decodes the five predefined entities and numeric character references, in one pass. */
export function unescapeXml(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(
    ENTITY,
    (_m, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
      if (hex !== undefined) return String.fromCodePoint(parseInt(hex, 16));
      if (dec !== undefined) return String.fromCodePoint(parseInt(dec, 10));
      return NAMED[name ?? ''] ?? '';
    },
  );
}
