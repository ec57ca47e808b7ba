// A small namespace-aware scanner that records WHERE each element sits in the source text.
//
// Why not fast-xml-parser or xmldom: signatures (the VIHF in wsse:Security) are verified over the
// original text, so the envelope reader must hand out exact substrings of what was received, not
// a re-serialised tree. This scanner only finds element boundaries (start tag, end tag) and
// resolves prefixes; it never rewrites anything. It refuses DOCTYPE (no entities, ever).
import { SoapEnvelopeError } from './SoapError.js';
import { XML_NS } from './namespaces.js';

export interface ScannedAttribute {
  readonly qname: string;
  readonly prefix: string;
  readonly localName: string;
  /** Undefined for unprefixed attributes (they are in no namespace) and xmlns declarations. */
  readonly namespace: string | undefined;
  /** Value with entity and character references decoded. */
  readonly value: string;
}

export interface ScannedElement {
  readonly qname: string;
  readonly prefix: string;
  readonly localName: string;
  readonly namespace: string | undefined;
  readonly attributes: readonly ScannedAttribute[];
  /** Namespaces in scope at this element (own declarations included); '' is the default namespace. */
  readonly namespaces: ReadonlyMap<string, string>;
  /** Index of '<' of the start tag. */
  readonly start: number;
  /** Index just after '>' of the start tag. */
  readonly startTagEnd: number;
  /** Index of '</' of the end tag (equals startTagEnd for an empty-element tag). */
  endTagStart: number;
  /** Index just after the end tag (equals startTagEnd for an empty-element tag). */
  end: number;
  readonly children: ScannedElement[];
}

const NAME = '[^\\s/>="\'<]+';
const START_TAG = new RegExp(`<(${NAME})((?:\\s+${NAME}\\s*=\\s*(?:"[^"]*"|'[^']*'))*)\\s*(/?)>`, 'y');
const ATTRIBUTE = new RegExp(`(${NAME})\\s*=\\s*(?:"([^"]*)"|'([^']*)')`, 'g');
const END_TAG = new RegExp(`</(${NAME})\\s*>`, 'y');
/** Any tag, with '>' allowed inside quoted attribute values. */
const ANY_TAG = /<[^"'>]*(?:(?:"[^"]*"|'[^']*')[^"'>]*)*>/y;

function malformed(reason: string, at: number): SoapEnvelopeError {
  return new SoapEnvelopeError('SOAP_XML_MALFORMED', `Message SOAP illisible : XML mal formé (position ${at}, ${reason}).`, {
    position: at,
    reason,
  });
}

function splitQName(qname: string): { prefix: string; localName: string } {
  const colon = qname.indexOf(':');
  return colon < 0 ? { prefix: '', localName: qname } : { prefix: qname.slice(0, colon), localName: qname.slice(colon + 1) };
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Decodes the five predefined entities and character references (nothing else exists without a DTD). */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, ref: string) => {
    if (ref.startsWith('#x')) return String.fromCodePoint(Number.parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(Number.parseInt(ref.slice(1), 10));
    return NAMED_ENTITIES[ref] ?? whole;
  });
}

function skipTo(xml: string, from: number, marker: string, what: string): number {
  const at = xml.indexOf(marker, from);
  if (at < 0) throw malformed(`${what} non terminé`, from);
  return at + marker.length;
}

/** Scans `xml` and returns its root element with the whole element tree and source offsets. */
export function scanXml(xml: string): ScannedElement {
  const stack: ScannedElement[] = [];
  let root: ScannedElement | undefined;
  let pos = 0;
  const rootScope = new Map<string, string>([['xml', XML_NS]]);
  for (;;) {
    const lt = xml.indexOf('<', pos);
    if (lt < 0) break;
    if (xml.startsWith('<?', lt)) {
      pos = skipTo(xml, lt + 2, '?>', 'instruction de traitement');
      continue;
    }
    if (xml.startsWith('<!--', lt)) {
      pos = skipTo(xml, lt + 4, '-->', 'commentaire');
      continue;
    }
    if (xml.startsWith('<![CDATA[', lt)) {
      if (stack.length === 0) throw malformed('CDATA hors élément', lt);
      pos = skipTo(xml, lt + 9, ']]>', 'section CDATA');
      continue;
    }
    if (xml.startsWith('<!', lt)) {
      throw new SoapEnvelopeError('XML_DOCTYPE_FORBIDDEN', 'Le message contient une déclaration DOCTYPE ou ENTITY, refusée par sécurité.');
    }
    if (xml.startsWith('</', lt)) {
      END_TAG.lastIndex = lt;
      const m = END_TAG.exec(xml);
      const open = stack.pop();
      if (!m || !open) throw malformed('balise fermante inattendue', lt);
      if (m[1] !== open.qname) throw malformed(`</${m[1] ?? ''}> ferme <${open.qname}>`, lt);
      open.endTagStart = lt;
      open.end = END_TAG.lastIndex;
      pos = open.end;
      if (stack.length === 0) break;
      continue;
    }
    if (stack.length === 0 && xml.slice(pos, lt).trim() !== '') throw malformed('texte hors de l’élément racine', pos);
    START_TAG.lastIndex = lt;
    const m = START_TAG.exec(xml);
    if (!m) throw malformed('balise ouvrante invalide', lt);
    const qname = m[1] ?? '';
    const rawAttributes = m[2] ?? '';
    const selfClosing = m[3] === '/';
    const parent = stack[stack.length - 1];
    const scope = new Map(parent ? parent.namespaces : rootScope);
    const pending: Array<{ qname: string; value: string }> = [];
    for (const a of rawAttributes.matchAll(ATTRIBUTE)) {
      const aName = a[1] ?? '';
      const value = decodeEntities(a[2] ?? a[3] ?? '');
      if (aName === 'xmlns') scope.set('', value);
      else if (aName.startsWith('xmlns:')) scope.set(aName.slice(6), value);
      pending.push({ qname: aName, value });
    }
    const attributes = pending.map(({ qname: aName, value }): ScannedAttribute => {
      const { prefix, localName } = splitQName(aName);
      const isDecl = aName === 'xmlns' || prefix === 'xmlns';
      return { qname: aName, prefix, localName, namespace: isDecl || prefix === '' ? undefined : scope.get(prefix), value };
    });
    const { prefix, localName } = splitQName(qname);
    const namespace = scope.get(prefix);
    if (prefix !== '' && namespace === undefined) throw malformed(`préfixe « ${prefix} » non déclaré`, lt);
    const end = START_TAG.lastIndex;
    const element: ScannedElement = {
      qname,
      prefix,
      localName,
      namespace: namespace === '' ? undefined : namespace,
      attributes,
      namespaces: scope,
      start: lt,
      startTagEnd: end,
      endTagStart: end,
      end,
      children: [],
    };
    if (parent) parent.children.push(element);
    else root = element;
    pos = end;
    if (!selfClosing) stack.push(element);
    else if (stack.length === 0) break;
  }
  if (!root) throw malformed('aucun élément racine', 0);
  // After the root: only blanks, comments and processing instructions.
  const trailing = xml.slice(pos).replace(/<!--[\s\S]*?-->|<\?[\s\S]*?\?>|\s+/g, '');
  if (stack.length === 0 && trailing !== '') throw malformed('contenu après l’élément racine', pos);
  if (stack.length > 0) throw malformed(`<${stack[stack.length - 1]?.qname ?? ''}> non fermé`, xml.length);
  return root;
}

/** The raw text between an element's start and end tags, exactly as in the source. */
export function innerXml(xml: string, element: ScannedElement): string {
  return xml.slice(element.startTagEnd, element.endTagStart);
}

/** The raw text of the element itself, tags included, exactly as in the source. */
export function outerXml(xml: string, element: ScannedElement): string {
  return xml.slice(element.start, element.end);
}

/** The element's text content (descendant text, CDATA kept, comments dropped, entities decoded), trimmed. */
export function textContent(xml: string, element: ScannedElement): string {
  const inner = innerXml(xml, element);
  let out = '';
  let pos = 0;
  for (;;) {
    const lt = inner.indexOf('<', pos);
    out += decodeEntities(inner.slice(pos, lt < 0 ? inner.length : lt));
    if (lt < 0) break;
    if (inner.startsWith('<![CDATA[', lt)) {
      const close = inner.indexOf(']]>', lt + 9);
      out += inner.slice(lt + 9, close);
      pos = close + 3;
    } else if (inner.startsWith('<!--', lt)) {
      pos = inner.indexOf('-->', lt + 4) + 3;
    } else if (inner.startsWith('<?', lt)) {
      pos = inner.indexOf('?>', lt + 2) + 2;
    } else {
      ANY_TAG.lastIndex = lt;
      pos = ANY_TAG.test(inner) ? ANY_TAG.lastIndex : inner.length;
    }
  }
  return out.trim();
}

/** Direct children with the given namespace and local name. */
export function childrenNamed(element: ScannedElement, namespace: string | undefined, localName: string): ScannedElement[] {
  return element.children.filter((c) => c.localName === localName && c.namespace === namespace);
}

/** First direct child with the given namespace and local name. */
export function childNamed(element: ScannedElement, namespace: string | undefined, localName: string): ScannedElement | undefined {
  return element.children.find((c) => c.localName === localName && c.namespace === namespace);
}

/** Value of an attribute by namespace (undefined = unprefixed) and local name. */
export function attributeValue(element: ScannedElement, namespace: string | undefined, localName: string): string | undefined {
  return element.attributes.find((a) => a.localName === localName && a.namespace === namespace && a.prefix !== 'xmlns')?.value;
}
