// MIME Content-Type values (RFC 2045 §5.1): `type/subtype; name=value; name="quoted value"`.
// Parameter names are case-insensitive; values keep their case (boundaries are case-sensitive).

export interface ParsedContentType {
  /** Lower-case `type/subtype`. */
  readonly mediaType: string;
  /** Parameters by lower-case name, values unquoted. */
  readonly params: ReadonlyMap<string, string>;
}

const TOKEN = /[!#$%&'*+.^_`|~0-9A-Za-z-]+/y;

/** Parses a Content-Type header value. Lenient: malformed parameters are skipped. */
export function parseContentType(value: string): ParsedContentType {
  const semi = value.indexOf(';');
  const mediaType = (semi < 0 ? value : value.slice(0, semi)).trim().toLowerCase();
  const params = new Map<string, string>();
  let pos = semi < 0 ? value.length : semi + 1;
  while (pos < value.length) {
    while (pos < value.length && /[\s;]/.test(value[pos] ?? '')) pos++;
    TOKEN.lastIndex = pos;
    const name = TOKEN.exec(value)?.[0];
    if (name === undefined) break;
    pos = TOKEN.lastIndex;
    while (value[pos] === ' ' || value[pos] === '\t') pos++;
    if (value[pos] !== '=') {
      // A parameter without value: skip to the next ';'.
      const next = value.indexOf(';', pos);
      pos = next < 0 ? value.length : next;
      continue;
    }
    pos++;
    while (value[pos] === ' ' || value[pos] === '\t') pos++;
    let v = '';
    if (value[pos] === '"') {
      pos++;
      while (pos < value.length && value[pos] !== '"') {
        if (value[pos] === '\\' && pos + 1 < value.length) pos++;
        v += value[pos];
        pos++;
      }
      pos++;
    } else {
      const next = value.indexOf(';', pos);
      v = value.slice(pos, next < 0 ? value.length : next).trim();
      pos = next < 0 ? value.length : next;
    }
    const key = name.toLowerCase();
    if (!params.has(key)) params.set(key, v);
  }
  return { mediaType, params };
}

/** Quotes a parameter value (always, which every MIME parser accepts). */
export function quoteParam(value: string): string {
  return `"${value.replace(/["\\]/g, '\\$&')}"`;
}

/** Builds `type/subtype; a="…"; b="…"`, skipping undefined parameters. */
export function formatContentType(mediaType: string, params: ReadonlyArray<readonly [string, string | undefined]>): string {
  const parts = [mediaType];
  for (const [name, value] of params) if (value !== undefined) parts.push(`${name}=${quoteParam(value)}`);
  return parts.join('; ');
}
