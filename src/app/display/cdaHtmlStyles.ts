// The ANS stylesheet's HTML, rewritten for the viewer's frame. The frame (`<iframe sandbox
// srcdoc>`) inherits the page's CSP, `style-src 'self'` plus ONE hash: every inline style of the
// stylesheet would be blocked and the document shown unstyled. So, after xsltproc:
//   - each style attribute whose value the stylesheet writes (CDA_STYLE_CLASSES, generated from
//     CDA-FO.xsl) becomes its class; any other style attribute is dropped: the CSP blocked it
//     anyway, and it may come from the document (the stylesheet copies table attributes);
//   - every <style> element is dropped, and the constant CDA_STYLE_BLOCK (the stylesheet's own CSS
//     plus the class rules) goes into <head>: the only style the CSP lets through, by its hash;
//   - scripts and on… attributes are dropped: the sandbox never runs them, and the HTML carries
//     none of them where else it is opened (`navette fetch` writes it to a file);
//   - comments, processing instructions and the DOCTYPE are dropped.
// The HTML is untrusted (the document's text is in it), so it is read with a real XML parser
// (xsltproc serialises its result tree as well-formed XHTML; anything else is refused) and written
// back by the serialiser below, which escapes every `<` of text and attribute values: no tag can
// appear but those of the tree, so document content cannot make a <style> or a style attribute.
import { DOMParser, type Element, type Node } from '@xmldom/xmldom';
import { CdaRenderError } from './cdaRenderError.js';
import { CDA_STYLE_BLOCK, CDA_STYLE_CLASSES } from './cdaStyleBlock.js';

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_SECTION_NODE = 4;

/** xsltproc's XHTML DOCTYPE (no internal subset): the only one let through, and not kept. */
const LEADING_DOCTYPE = /^\s*<!DOCTYPE\s+html(?:\s+PUBLIC\s+"[^"<>[\]]*"\s+"[^"<>[\]]*")?\s*>/i;

/** HTML elements written without an end tag. */
const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
]);

/**
 * Elements dropped with their content: styles and scripts, and <plaintext>, after which an HTML
 * parser reads everything as text (the stylesheet writes none).
 */
const DROPPED = new Set(['style', 'script', 'plaintext']);

/**
 * Elements whose content an HTML parser reads as text (raw text, RCDATA; noscript too when
 * scripts may run): only their text is written, so the tree the browser builds is the tree
 * written here. The stylesheet writes <title> (with markup in it) and <iframe> (an embedded PDF,
 * empty).
 */
const TEXT_ONLY = new Set([
  'title',
  'textarea',
  'xmp',
  'iframe',
  'noembed',
  'noframes',
  'noscript',
]);

function failed(reason: string): CdaRenderError {
  return new CdaRenderError(
    'CDA_RENDER_FAILED',
    "Ce document CDA n'a pas pu être mis en page pour l'affichage. Importez-le pour l'ouvrir dans votre logiciel, ou prévenez son auteur.",
    { stage: 'styles', reason: reason.slice(0, 200) },
  );
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttribute(value: string): string {
  return escapeText(value).replace(/"/g, '&quot;');
}

/** Lower-cased, as an HTML parser names it (which ignores namespaces). */
function htmlName(node: { readonly nodeName: string }): string {
  return node.nodeName.toLowerCase();
}

function isNamed(node: Element, names: ReadonlySet<string>): boolean {
  return names.has(htmlName(node)) || names.has((node.localName ?? '').toLowerCase());
}

/** The start tag, with style attributes turned into classes and event handlers left out. */
function startTag(el: Element): string {
  const classes: string[] = [];
  const kept: string[] = [];
  for (let i = 0; i < el.attributes.length; i++) {
    const attr = el.attributes.item(i);
    if (attr === null) continue;
    const name = htmlName(attr);
    const local = (attr.localName ?? name).toLowerCase();
    if (name === 'style' || local === 'style') {
      const known = CDA_STYLE_CLASSES.get(attr.value);
      if (known !== undefined) classes.push(known);
    } else if (name.startsWith('on')) {
      continue;
    } else if (name === 'class') {
      classes.unshift(attr.value);
    } else {
      kept.push(` ${attr.nodeName}="${escapeAttribute(attr.value)}"`);
    }
  }
  const classAttr = classes.length > 0 ? ` class="${escapeAttribute(classes.join(' '))}"` : '';
  return `<${el.nodeName}${classAttr}${kept.join('')}>`;
}

const STYLE_BLOCK = `<style>${CDA_STYLE_BLOCK}</style>`;

/**
 * Writes the tree as HTML. Iterative (an explicit stack), not recursive: the nesting depth is the
 * document's, and a deep one must not overflow the call stack.
 */
function serialise(root: Element): string {
  const out: string[] = ['<!DOCTYPE html>\n'];
  const hasHead = elementChildren(root).some((c) => htmlName(c) === 'head');
  let styled = false;
  type Step = { readonly node: Node } | { readonly close: string };
  const stack: Step[] = [{ node: root }];
  while (stack.length > 0) {
    const step = stack.pop();
    if (step === undefined) break;
    if ('close' in step) {
      out.push(step.close);
      continue;
    }
    const node = step.node;
    if (node.nodeType === TEXT_NODE || node.nodeType === CDATA_SECTION_NODE) {
      out.push(escapeText(node.nodeValue ?? ''));
      continue;
    }
    // Comments, processing instructions: an HTML parser ends them at other places than XML.
    if (node.nodeType !== ELEMENT_NODE) continue;
    const el = node as Element;
    if (isNamed(el, DROPPED)) continue;
    const name = htmlName(el);
    out.push(startTag(el));
    if (node === root && !hasHead) {
      out.push(`<head>${STYLE_BLOCK}</head>`);
      styled = true;
    }
    if (VOID.has(name)) continue;
    if (TEXT_ONLY.has(name)) {
      out.push(escapeText(textOf(el)), `</${el.nodeName}>`);
      continue;
    }
    const close = { close: `</${el.nodeName}>` };
    if (!styled && name === 'head' && el.parentNode === root) {
      stack.push(close, { close: STYLE_BLOCK });
      styled = true;
    } else {
      stack.push(close);
    }
    for (let c = node.lastChild; c; c = c.previousSibling) stack.push({ node: c });
  }
  return out.join('');
}

/** The text of an element, a <br> as a space (the stylesheet's <title> has one). Iterative. */
function textOf(el: Element): string {
  let text = '';
  const stack: Node[] = [];
  for (let c = el.lastChild; c; c = c.previousSibling) stack.push(c);
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (node.nodeType === TEXT_NODE || node.nodeType === CDATA_SECTION_NODE) {
      text += node.nodeValue ?? '';
    } else if (node.nodeType === ELEMENT_NODE && htmlName(node) === 'br') {
      text += ' ';
    } else if (node.nodeType === ELEMENT_NODE) {
      for (let c = node.lastChild; c; c = c.previousSibling) stack.push(c);
    }
  }
  return text;
}

function elementChildren(el: Element): Element[] {
  const found: Element[] = [];
  for (let c = el.firstChild; c; c = c.nextSibling) {
    if (c.nodeType === ELEMENT_NODE) found.push(c as Element);
  }
  return found;
}

/**
 * The stylesheet's HTML made ready for the viewer's sandboxed frame under the pages' strict CSP
 * (see the top of this file). Empty output (the stylesheet writes nothing for some documents)
 * stays empty. Throws CdaRenderError CDA_RENDER_FAILED when the HTML is not well-formed XHTML.
 */
export function cdaHtmlForFrame(html: string): string {
  if (html.trim() === '') return html;
  const body = html.replace(LEADING_DOCTYPE, '');
  // Any other DOCTYPE could declare entities: refused before the parser reads anything.
  if (/<!DOCTYPE|<!ENTITY/i.test(body)) throw failed('doctype');
  let root: Element | null;
  try {
    const doc = new DOMParser({
      locator: false,
      onError: (level, message) => {
        throw new Error(`${level}: ${message}`);
      },
    }).parseFromString(body, 'text/xml');
    root = doc.documentElement;
  } catch (error) {
    throw failed(error instanceof Error ? error.message : String(error));
  }
  if (root === null || htmlName(root) !== 'html') throw failed('not an html document');
  const out = serialise(root);
  // Every `<` of text and attribute values is escaped, so the only <style> is ours. Checked
  // anyway: this is the promise the CSP hash rests on.
  if ((out.match(/<style[\s/>]/gi) ?? []).length !== 1) throw failed('style element count');
  return out;
}
