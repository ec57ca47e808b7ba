// JSON values as stored in TEXT columns, and the canonical form the audit hash chain is computed on.

/** A value that survives `JSON.stringify` / `JSON.parse` unchanged. */
export type JsonValue =
  null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** A JSON object (the shape of audit details). */
export type JsonObject = { readonly [key: string]: JsonValue };

// A UTF-16 code unit that is half of a surrogate pair with its other half missing. SQLite stores
// TEXT as UTF-8, where such a unit becomes U+FFFD: the value read back would differ from the value
// hashed, so we refuse it up front rather than report a false tampering later.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when `s` is well-formed UTF-16 (survives a UTF-8 round trip). */
export function isWellFormedText(s: string): boolean {
  return !LONE_SURROGATE.test(s);
}

/**
 * Canonical JSON: object keys sorted by UTF-16 code units, no whitespace, numbers and strings as
 * `JSON.stringify` writes them. For the values we accept this is the JSON Canonicalization Scheme
 * (RFC 8785), so an auditor can recompute a hash with any JCS library.
 *
 * Throws a `TypeError` on what JSON cannot represent faithfully (NaN, ±Infinity, undefined,
 * functions, bigint, lone surrogates, non-plain objects) instead of silently changing it, because
 * a hash over a silently changed value would not verify later.
 */
export function canonicalJson(value: unknown): string {
  return write(value, '$');
}

function write(value: unknown, where: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`${where}: non-finite number`);
      return JSON.stringify(value);
    case 'string':
      if (!isWellFormedText(value)) throw new TypeError(`${where}: lone surrogate in string`);
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) {
        return `[${value.map((item: unknown, i) => write(item, `${where}[${i}]`)).join(',')}]`;
      }
      const proto: unknown = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) {
        throw new TypeError(`${where}: not a plain object`);
      }
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record).sort();
      const parts = keys.map((k) => {
        if (!isWellFormedText(k)) throw new TypeError(`${where}: lone surrogate in key`);
        return `${JSON.stringify(k)}:${write(record[k], `${where}.${k}`)}`;
      });
      return `{${parts.join(',')}}`;
    }
    default:
      throw new TypeError(`${where}: ${typeof value} is not JSON`);
  }
}
