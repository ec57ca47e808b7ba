// Small readers over the plain-object trees of `parseXml` (fast-xml-parser, prefixes removed,
// attributes under '@_', text under '#text'). Shared by hl7v3/ and habilitations/.
//
// Two details of that parser matter here:
// - an element is a string when it has only text, an object when it has attributes or
//   children, and an array only when it repeats, so every reader goes through `asArray`;
// - entities are already decoded by parseXml (xml/entities.ts).
import { NavetteError } from '../../domain/errors/NavetteError.js';
import { ATTR, TEXT, parseXml } from '../xml/parse.js';

export type XmlNode = Record<string, unknown>;

/** A body payload given as XML text or as a `parseXml` tree. */
export type XmlInput = string | XmlNode;

/** A malformed or unexpected DMP payload (HL7v3 or habilitations). */
export class DmpPayloadError extends NavetteError {
  override readonly name = 'DmpPayloadError';
}

export function isNode(value: unknown): value is XmlNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asArray(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? (value as unknown[]) : [value];
}

/** Children named `name` (any shape: string, node). */
export function children(node: unknown, name: string): unknown[] {
  return isNode(node) ? asArray(node[name]) : [];
}

/** First child named `name`. */
export function child(node: unknown, name: string): unknown {
  return children(node, name)[0];
}

/** Walks a path of element names, taking the first match at each step. */
export function path(node: unknown, ...names: string[]): unknown {
  let current = node;
  for (const name of names) {
    current = child(current, name);
    if (current === undefined) return undefined;
  }
  return current;
}

/** An attribute value, or undefined. */
export function attr(node: unknown, name: string): string | undefined {
  if (!isNode(node)) return undefined;
  const v = node[`${ATTR}${name}`];
  return typeof v === 'string' ? v : undefined;
}

/** The text content of an element, '' for an empty element, undefined when absent. */
export function text(node: unknown): string | undefined {
  if (node === undefined || node === null) return undefined;
  if (typeof node === 'string') return node;
  if (isNode(node)) {
    const t = node[TEXT];
    return typeof t === 'string' ? t : '';
  }
  return undefined;
}

/** Text of the first child named `name`. */
export function childText(node: unknown, name: string): string | undefined {
  return text(child(node, name));
}

export interface InstanceId {
  readonly root: string;
  readonly extension?: string;
}

/** An HL7 II (`root` + optional `extension`), or undefined when there is no root. */
export function instanceId(node: unknown): InstanceId | undefined {
  const root = attr(node, 'root');
  if (root === undefined) return undefined;
  const extension = attr(node, 'extension');
  return extension === undefined ? { root } : { root, extension };
}

/**
 * Finds the payload element `rootName` in the input: the element itself, a Body holding it or
 * a whole SOAP envelope. Throws DMP_PAYLOAD_MISSING when it is not there.
 */
export function locatePayload(input: XmlInput, rootName: string): XmlNode {
  const tree = typeof input === 'string' ? parseXml(input) : input;
  const candidates = [
    tree[rootName],
    path(tree, 'Body', rootName),
    path(tree, 'Envelope', 'Body', rootName),
  ];
  for (const c of candidates) {
    const first = asArray(c)[0];
    if (isNode(first)) return first;
    if (first === '') return {};
  }
  throw new DmpPayloadError(
    'DMP_PAYLOAD_MISSING',
    `Le message reçu ne contient pas l'élément attendu « ${rootName} ». ` +
      'Le service DMP a peut-être changé ou renvoyé une erreur : réessayez, puis contactez le support si le problème persiste.',
    { expected: rootName },
  );
}

/** Throws DMP_PAYLOAD_INVALID for a required value that is missing or wrong. */
export function invalidPayload(
  what: string,
  details: Readonly<Record<string, unknown>> = {},
): never {
  throw new DmpPayloadError(
    'DMP_PAYLOAD_INVALID',
    `Message DMP incomplet ou invalide : ${what}. Réessayez ; si le problème persiste, contactez le support.`,
    details,
  );
}

/** "true"/"false"/"1"/"0" → boolean; anything else → undefined. */
export function parseXsBoolean(value: string | undefined): boolean | undefined {
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  return undefined;
}
