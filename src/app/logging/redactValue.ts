// Redaction of structured log fields: turns any value into JSON-safe data with every secret and
// patient identity masked. Three nets, applied at every depth:
//   1. field names: secrets (pin, password, passphrase, secret, token, key, authorization, cookie)
//      and patient identity (family, given, nom, prénom, birthName, patientName, INS, NIR…) have
//      their whole value masked, whatever its type;
//   2. every string (values, object keys, error messages) goes through redactText;
//   3. integers of 15 digits or more (a NIR held as a number) are masked. 13-digit integers are
//      kept: in practice they are millisecond timestamps.
// Errors keep their name, code and message (redacted), and their cause.
import { MASK, redactText } from './redactText.js';

const MAX_DEPTH = 8;
const MAX_ARRAY_ITEMS = 100;
const MAX_OBJECT_KEYS = 100;
/** Strings are cut before redaction (bounded regex work) and after (bounded line size). */
const MAX_SCAN_CHARS = 64 * 1024;
export const MAX_STRING_CHARS = 8 * 1024;
const NIR_AS_NUMBER = 1e14;

/** Words that make a field secret wherever they appear in its name (`userPin`, `x-api-key`). */
// prettier-ignore
const SECRET_WORDS = new Set([
  'pin', 'pins', 'password', 'passwords', 'passwd', 'pwd', 'passphrase', 'secret', 'secrets',
  'token', 'tokens', 'key', 'keys', 'apikey', 'authorization', 'cookie', 'cookies', 'credential',
  'credentials',
]);

/**
 * A last word that describes the secret without being it: `pinState`, `pinTriesLeft`, `keyId`,
 * `tokenLabel` stay readable.
 */
// prettier-ignore
const DESCRIPTIVE_LAST_WORDS = new Set([
  'id', 'ids', 'state', 'status', 'label', 'length', 'count', 'tries', 'left', 'locked',
  'required', 'expired', 'expires', 'present', 'type', 'kind', 'name', 'provided', 'valid',
  'algorithm', 'size', 'source', 'slot',
]);

/** Field names (lower case, no accents, no separators) whose value is a patient's identity. */
// prettier-ignore
const IDENTITY_FIELDS = new Set([
  'family', 'familyname', 'given', 'givenname', 'givennames', 'birthname', 'birthfamilyname',
  'usualname', 'usedname', 'firstname', 'lastname', 'middlename', 'patientname', 'nom',
  'nomusuel', 'nomutilise', 'nomdefamille', 'nomnaissance', 'nomdenaissance', 'prenom', 'prenoms',
  'prenomusuel', 'prenomutilise', 'birthdate', 'birthtime', 'datenaissance', 'datedenaissance',
  'ins', 'nir', 'nia', 'matricule', 'insmatricule', 'patientid', 'patientins',
]);

function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}

/** True when a field of this name holds a secret or a patient's identity. */
export function isSensitiveFieldName(name: string): boolean {
  const flat = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
  if (IDENTITY_FIELDS.has(flat)) return true;
  const ws = words(name.normalize('NFD').replace(/[\u0300-\u036f]/g, ''));
  const last = ws[ws.length - 1];
  if (last !== undefined && DESCRIPTIVE_LAST_WORDS.has(last) && ws.length > 1) return false;
  return ws.some((w) => SECRET_WORDS.has(w));
}

export function redactString(text: string): string {
  const scanned = redactText(text.length > MAX_SCAN_CHARS ? text.slice(0, MAX_SCAN_CHARS) : text);
  return scanned.length > MAX_STRING_CHARS || text.length > MAX_SCAN_CHARS
    ? `${scanned.slice(0, MAX_STRING_CHARS)}…[tronqué]`
    : scanned;
}

/** Any value → JSON-safe, redacted data (undefined for values JSON would drop). */
export function redactValue(value: unknown): unknown {
  return walk(value, 0, new WeakSet());
}

function walk(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  switch (typeof value) {
    case 'string':
      return redactString(value);
    case 'number':
      return Number.isInteger(value) && Math.abs(value) >= NIR_AS_NUMBER ? MASK : value;
    case 'bigint':
      return redactString(value.toString());
    case 'boolean':
      return value;
    case 'undefined':
    case 'function':
      return undefined;
    case 'symbol':
      return redactString(value.toString());
  }
  if (value === null) return null;
  const object = value as object;
  if (seen.has(object)) return '[circulaire]';
  if (depth >= MAX_DEPTH) return '[trop profond]';
  seen.add(object);
  try {
    return walkObject(object, depth, seen);
  } finally {
    seen.delete(object);
  }
}

function walkObject(object: object, depth: number, seen: WeakSet<object>): unknown {
  if (object instanceof Error) return serializeError(object, depth, seen);
  if (object instanceof Date) {
    return Number.isNaN(object.getTime()) ? 'Invalid Date' : object.toISOString();
  }
  if (ArrayBuffer.isView(object)) return `[${object.byteLength} octets]`;
  if (object instanceof ArrayBuffer) return `[${object.byteLength} octets]`;
  if (object instanceof URL) return redactString(object.href);
  if (Array.isArray(object) || object instanceof Set) {
    const items = [...(object as Iterable<unknown>)];
    const out = items.slice(0, MAX_ARRAY_ITEMS).map((item) => walk(item, depth + 1, seen) ?? null);
    if (items.length > MAX_ARRAY_ITEMS) out.push(`… ${items.length - MAX_ARRAY_ITEMS} de plus`);
    return out;
  }
  const entries: [string, unknown][] =
    object instanceof Map
      ? [...(object as Map<unknown, unknown>)].map(([k, v]) => [String(k), v])
      : Object.entries(object);
  return walkEntries(entries, depth, seen);
}

function walkEntries(
  entries: readonly [string, unknown][],
  depth: number,
  seen: WeakSet<object>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, v] of entries.slice(0, MAX_OBJECT_KEYS)) {
    const safeKey = redactString(key);
    if (isSensitiveFieldName(key)) {
      if (v !== undefined) out[safeKey] = MASK;
      continue;
    }
    const r = walk(v, depth + 1, seen);
    if (r !== undefined) out[safeKey] = r;
  }
  if (entries.length > MAX_OBJECT_KEYS)
    out['…'] = `${entries.length - MAX_OBJECT_KEYS} champs de plus`;
  return out;
}

/** `{ name, code, message }` (message redacted), plus the cause when there is one. */
function serializeError(
  error: Error,
  depth: number,
  seen: WeakSet<object>,
): Record<string, unknown> {
  const out: Record<string, unknown> = { name: redactString(error.name) };
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' || typeof code === 'number')
    out['code'] = walk(code, depth + 1, seen);
  out['message'] = redactString(error.message);
  if (error.cause !== undefined) {
    const cause = walk(error.cause, depth + 1, seen);
    if (cause !== undefined) out['cause'] = cause;
  }
  return out;
}
