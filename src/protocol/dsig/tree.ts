// Small readers over the plain-object trees parseXml (fast-xml-parser) returns: elements may be
// strings (text only), objects (attributes and children) or arrays (repeated elements).
import { ATTR, TEXT } from '../xml/parse.js';

export type Tree = Record<string, unknown>;

export function asTree(value: unknown): Tree | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Tree)
    : undefined;
}

export function asList(value: unknown): unknown[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** The text of an element: the string itself, its `#text`, '' for an element without text. */
export function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  const tree = asTree(value);
  if (!tree) return undefined;
  const t = tree[TEXT];
  return typeof t === 'string' ? t : '';
}

export function attrOf(node: unknown, name: string): string | undefined {
  const v = asTree(node)?.[`${ATTR}${name}`];
  return typeof v === 'string' ? v : undefined;
}
