// The namespace-aware DOM the signature code works on (@xmldom/xmldom). Reading business content
// stays with fast-xml-parser (src/protocol/xml/parse.ts); signatures need real namespaces, ids and
// node identity, hence a DOM here. Same safety rules as parse.ts: no DOCTYPE (so no entity can be
// declared, let alone expanded), a size limit, and any parser complaint is fatal.
import { DOMParser, type Document, type Element, type Node } from '@xmldom/xmldom';
import { assertNoDoctype } from '../xml/parse.js';

/** How a caller turns a failure into its own typed error (VihfError, LotSignatureError…). */
export type Fail = (
  kind: 'MALFORMED' | 'TOO_LARGE',
  message: string,
  details?: Readonly<Record<string, unknown>>,
) => never;

const ELEMENT_NODE = 1;
const MAX_LENGTH = 20 * 1024 * 1024;

/** Parses XML text into a DOM. Throws through `fail` on DOCTYPE, size or any parse error. */
export function parseDom(xml: string, fail: Fail): Document {
  if (xml.length > MAX_LENGTH) {
    fail(
      'TOO_LARGE',
      `Le document XML signé dépasse la taille maximale (${MAX_LENGTH} caractères).`,
      {
        length: xml.length,
      },
    );
  }
  try {
    assertNoDoctype(xml);
  } catch (error) {
    fail('MALFORMED', error instanceof Error ? error.message : String(error), {
      reason: 'doctype',
    });
  }
  const problems: string[] = [];
  let doc: Document | undefined;
  try {
    doc = new DOMParser({
      locator: false,
      onError: (level, message) => {
        problems.push(`${level}: ${message}`);
        throw new Error(message);
      },
    }).parseFromString(xml, 'text/xml');
  } catch (error) {
    problems.push(error instanceof Error ? error.message : String(error));
  }
  if (!doc || problems.length > 0 || !doc.documentElement) {
    fail('MALFORMED', `XML mal formé : ${problems[0] ?? 'document vide'}`, {
      reason: (problems[0] ?? 'empty').slice(0, 200),
    });
  }
  return doc;
}

export function isElement(node: Node | null | undefined): node is Element {
  return node?.nodeType === ELEMENT_NODE;
}

/** Element children of `parent` with this namespace and local name, in document order. */
export function childElements(
  parent: Node,
  namespace: string | null,
  localName: string,
): Element[] {
  const found: Element[] = [];
  for (let n = parent.firstChild; n; n = n.nextSibling) {
    if (
      isElement(n) &&
      n.localName === localName &&
      (namespace === null || n.namespaceURI === namespace)
    ) {
      found.push(n);
    }
  }
  return found;
}

/** Every element in the subtree (including `root`) with this namespace and local name. */
export function descendantElements(
  root: Node,
  namespace: string | null,
  localName: string,
): Element[] {
  const found: Element[] = [];
  const walk = (node: Node): void => {
    if (
      isElement(node) &&
      node.localName === localName &&
      (namespace === null || node.namespaceURI === namespace)
    ) {
      found.push(node);
    }
    for (let n = node.firstChild; n; n = n.nextSibling) walk(n);
  };
  walk(root);
  return found;
}

/** Every element in the document carrying an Id/ID/id attribute equal to `id` (wrapping checks). */
export function elementsWithId(doc: Document, id: string): Element[] {
  const found: Element[] = [];
  const walk = (node: Node): void => {
    if (isElement(node)) {
      for (const name of ['Id', 'ID', 'id']) {
        if (node.getAttribute(name) === id) {
          found.push(node);
          break;
        }
      }
    }
    for (let n = node.firstChild; n; n = n.nextSibling) walk(n);
  };
  walk(doc);
  return found;
}

/** The text of an element, or '' (SignatureValue, DigestValue, X509Certificate…). */
export function elementText(element: Element | undefined): string {
  return element?.textContent ?? '';
}
