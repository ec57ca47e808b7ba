// With exactOptionalPropertyTypes an optional property may be absent but never `undefined`.
// Readers collect optional values that may be undefined; this drops those keys, typed so the
// result spreads into an object with optional properties.

type Defined<T> = { [K in keyof T]?: Exclude<T[K], undefined> };

/** A copy of `obj` without the keys whose value is undefined. */
export function definedOnly<T extends Record<string, unknown>>(obj: T): Defined<T> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(obj)) if (value !== undefined) out[key] = value;
  return out as Defined<T>;
}
