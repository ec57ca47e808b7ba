// A namespace-resolved element tree built from fast-xml-parser's preserveOrder output. CDA files
// use any prefix for the HL7 namespace (none, or `c:` in the self-presentable examples) and mix
// in sdtc:, lab:, pharm:, xsl: elements whose local names collide with HL7 ones (sdtc:id,
// sdtc:birthTime): prefix stripping would merge them, so names are resolved against the
// in-scope xmlns declarations instead. Each element carries its XPath-like location, used in
// every problem Navette reports.
import { ATTR, TEXT } from '../xml/parse.js';

export const HL7_NS = 'urn:hl7-org:v3';
export const XSL_NS = 'http://www.w3.org/1999/XSL/Transform';

export interface XmlElement {
  /** Local name. */
  readonly name: string;
  /** Namespace URI ('' for none). */
  readonly ns: string;
  /** Name as written in the file (with its prefix). */
  readonly qname: string;
  /** Attributes by local name; namespaced ones as `{uri}local` (xsi:type → `{…XMLSchema-instance}type`). */
  readonly attrs: ReadonlyMap<string, string>;
  readonly children: readonly XmlElement[];
  /** The element's own text (its text nodes joined), already entity-decoded and trimmed. */
  readonly text: string;
  /** `/ClinicalDocument/author[2]/assignedAuthor/id`: HL7 names bare, others with their prefix. */
  readonly path: string;
}

type RawNode = Record<string, unknown>;
/** Placeholder → original text, for texts set aside before parsing (readCda.ts). */
export type LargeTexts = ReadonlyMap<string, string>;
type Scope = ReadonlyMap<string, string>;

function tagOf(node: RawNode): string | undefined {
  return Object.keys(node).find((k) => k !== ':@');
}

function rawAttrs(node: RawNode): Record<string, string> {
  const attrs = node[':@'];
  return attrs !== null && typeof attrs === 'object' ? (attrs as Record<string, string>) : {};
}

function childScope(parent: Scope, attrs: Record<string, string>): Scope {
  let scope: Map<string, string> | undefined;
  for (const [key, value] of Object.entries(attrs)) {
    const name = key.slice(ATTR.length);
    if (name !== 'xmlns' && !name.startsWith('xmlns:')) continue;
    scope ??= new Map(parent);
    scope.set(name === 'xmlns' ? '' : name.slice('xmlns:'.length), String(value));
  }
  return scope ?? parent;
}

function split(qname: string): [prefix: string, local: string] {
  const colon = qname.indexOf(':');
  return colon < 0 ? ['', qname] : [qname.slice(0, colon), qname.slice(colon + 1)];
}

function resolveAttrs(attrs: Record<string, string>, scope: Scope): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(attrs)) {
    const name = key.slice(ATTR.length);
    if (name === 'xmlns' || name.startsWith('xmlns:')) continue;
    const [prefix, local] = split(name);
    // Unprefixed attributes are in no namespace (XML Namespaces §6.2), whatever the default.
    out.set(prefix === '' ? local : `{${scope.get(prefix) ?? prefix}}${local}`, String(value));
  }
  return out;
}

function convert(node: RawNode, scope: Scope, path: string, large: LargeTexts): XmlElement {
  const qname = tagOf(node) ?? '';
  const attrs = rawAttrs(node);
  const inner = childScope(scope, attrs);
  const [prefix, local] = split(qname);
  const ns = inner.get(prefix) ?? '';
  const content = (node[qname] as RawNode[] | undefined) ?? [];
  const texts: string[] = [];
  const elements: RawNode[] = [];
  for (const child of content) {
    const tag = tagOf(child);
    if (tag === undefined) continue;
    if (tag === TEXT) texts.push(String(child[TEXT]));
    else if (!tag.startsWith('?')) elements.push(child);
  }
  const names = elements.map((child) => {
    const tag = tagOf(child) ?? '';
    const [p, l] = split(tag);
    const childNs = childScope(inner, rawAttrs(child)).get(p) ?? '';
    return childNs === HL7_NS ? l : tag;
  });
  const totals = new Map<string, number>();
  for (const n of names) totals.set(n, (totals.get(n) ?? 0) + 1);
  const seen = new Map<string, number>();
  const children = elements.map((child, i) => {
    const n = names[i] ?? '';
    const index = (seen.get(n) ?? 0) + 1;
    seen.set(n, index);
    const step = (totals.get(n) ?? 0) > 1 ? `${n}[${index}]` : n;
    return convert(child, inner, `${path}/${step}`, large);
  });
  return {
    name: local,
    ns,
    qname,
    attrs: resolveAttrs(attrs, inner),
    children,
    text: large.get(texts.join('')) ?? texts.join(''),
    path,
  };
}

/**
 * The document element of parseXml(…, { preserveOrder: true, removeNSPrefix: false }) output.
 * An element whose whole text is a key of `large` gets the original text back.
 */
export function documentElement(
  parsed: unknown,
  large: LargeTexts = new Map(),
): XmlElement | undefined {
  if (!Array.isArray(parsed)) return undefined;
  const root = (parsed as RawNode[]).find((n) => {
    const tag = tagOf(n);
    return tag !== undefined && tag !== TEXT && !tag.startsWith('?');
  });
  if (root === undefined) return undefined;
  const qname = tagOf(root) ?? '';
  const scope = childScope(new Map(), rawAttrs(root));
  const [prefix, local] = split(qname);
  return convert(root, new Map(), `/${scope.get(prefix) === HL7_NS ? local : qname}`, large);
}

/** First descendant-or-self element with this namespace and local name (document order). */
export function findElement(root: XmlElement, ns: string, name: string): XmlElement | undefined {
  if (root.ns === ns && root.name === name) return root;
  for (const child of root.children) {
    const found = findElement(child, ns, name);
    if (found) return found;
  }
  return undefined;
}

/** HL7 children with this local name. */
export function hl7Children(el: XmlElement | undefined, name: string): XmlElement[] {
  return el ? el.children.filter((c) => c.ns === HL7_NS && c.name === name) : [];
}

/** First HL7 child with this local name. */
export function hl7Child(el: XmlElement | undefined, name: string): XmlElement | undefined {
  return el?.children.find((c) => c.ns === HL7_NS && c.name === name);
}

/** Every HL7 element reached by a slash-separated path of local names (`author/assignedAuthor/id`). */
export function hl7All(el: XmlElement | undefined, path: string): XmlElement[] {
  let current: XmlElement[] = el ? [el] : [];
  for (const step of path.split('/')) current = current.flatMap((c) => hl7Children(c, step));
  return current;
}

/** The first element reached by `hl7All`. */
export function hl7First(el: XmlElement | undefined, path: string): XmlElement | undefined {
  return hl7All(el, path)[0];
}

/** An attribute value, trimmed; undefined when absent or blank. */
export function attr(el: XmlElement | undefined, name: string): string | undefined {
  const value = el?.attrs.get(name)?.trim();
  return value === undefined || value === '' ? undefined : value;
}

/** Text content, whitespace collapsed; undefined when empty. */
export function textOf(el: XmlElement | undefined): string | undefined {
  const value = el?.text.replace(/\s+/g, ' ').trim();
  return value === undefined || value === '' ? undefined : value;
}
