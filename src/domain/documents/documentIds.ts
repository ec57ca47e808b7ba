// Document identifiers as the DMP carries them. A CDA II (instance identifier) is a root (an OID
// or a UUID) and an optional extension; XDS uniqueId writes it `root^extension` (CDA-CISIS §3).
// Navette needs fresh OIDs for the documents it builds (a level-1 CDA around a PDF) without a
// registered OID arc of its own: the ITU-T X.667 arc 2.25 turns any UUID into an OID
// (`2.25.<the UUID as one decimal integer>`), at most 44 characters, under XDS's 64.

export interface InstanceId {
  readonly root: string;
  readonly extension?: string;
}

const OID = /^[0-2](?:\.(?:0|[1-9][0-9]*))+$/;
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export function isOid(value: string): boolean {
  return OID.test(value);
}

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** `root` or `root^extension` (the XDS uniqueId / CDA-CISIS form). */
export function formatInstanceId(id: InstanceId): string {
  return id.extension === undefined || id.extension === '' ? id.root : `${id.root}^${id.extension}`;
}

/** Reverse of `formatInstanceId`; undefined when the root is empty. */
export function parseInstanceId(value: string): InstanceId | undefined {
  const text = value.trim();
  const caret = text.indexOf('^');
  const root = caret < 0 ? text : text.slice(0, caret);
  const extension = caret < 0 ? '' : text.slice(caret + 1);
  if (root === '') return undefined;
  return extension === '' ? { root } : { root, extension };
}

/** The OID `2.25.<n>` of a UUID (ITU-T X.667 §6.3). Throws on a malformed UUID. */
export function uuidToOid(uuid: string): string {
  const bare = uuid.replace(/^urn:uuid:/i, '');
  if (!isUuid(bare)) throw new RangeError('not a UUID');
  return `2.25.${BigInt(`0x${bare.replace(/-/g, '')}`).toString(10)}`;
}
