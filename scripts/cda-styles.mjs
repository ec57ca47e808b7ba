// Generates src/app/display/cdaStyleBlock.ts from the bundled ANS stylesheet
// (resources/cda/stylesheet/CDA-FO.xsl). The viewer shows the stylesheet's HTML in a sandboxed
// srcdoc frame, which inherits the page's CSP (`style-src 'self'`): every inline style would be
// blocked. So the app rewrites that HTML (src/app/display/cdaHtmlStyles.ts): each style attribute
// the stylesheet can write becomes a class, and ONE constant <style> block (the stylesheet's own
// CSS plus one rule per class) is allowed by its hash in both CSPs.
//
// This script lists those style values and builds that block. It reads the XSL as XML and
// evaluates only the few XSLT constructs the stylesheet's <style> elements use (text, xsl:text,
// xsl:value-of of a parameter, the raiseFontSize template): anything else stops it, so a new
// stylesheet version cannot silently change what the block means.
//
//   node scripts/cda-styles.mjs            writes src/app/display/cdaStyleBlock.ts
//   node scripts/cda-styles.mjs FILE       writes FILE instead (the unit test compares both)
//   node scripts/cda-styles.mjs --json     prints { classes, block, cspSource }
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import * as prettier from 'prettier';

const root = path.resolve(import.meta.dirname, '..');
const XSL_FILE = path.join(root, 'resources', 'cda', 'stylesheet', 'CDA-FO.xsl');
const OUT_FILE = path.join(root, 'src', 'app', 'display', 'cdaStyleBlock.ts');
const XSL = 'http://www.w3.org/1999/XSL/Transform';
const XHTML = 'http://www.w3.org/1999/xhtml';

/**
 * Style attributes whose value the stylesheet computes (attribute value templates). Each is
 * expanded into the finite list of values it takes in practice; any other computed style in the
 * XSL stops the script. Sections indent by 2em per nesting level (template "section",
 * `$margin + 2`): 20 levels is far beyond any real document; deeper ones lose their indent.
 */
const DYNAMIC_STYLES = new Map([
  [
    'margin-left: {$margin}em;',
    Array.from({ length: 21 }, (_, level) => `margin-left: ${level * 2}em;`),
  ],
]);

function fail(message) {
  throw new Error(`cda-styles: ${message} (update scripts/cda-styles.mjs)`);
}

function parseXsl(text) {
  return new DOMParser({
    onError: (level, message) => {
      if (level !== 'warning') fail(`CDA-FO.xsl does not parse: ${message}`);
    },
  }).parseFromString(text, 'text/xml');
}

function* elements(node) {
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === 1) {
      yield child;
      yield* elements(child);
    }
  }
}

/** Every style value the XSL can write: literal attributes and xsl:attribute name="style". */
function styleValues(doc) {
  const found = new Set();
  for (const el of elements(doc)) {
    if (el.namespaceURI === XHTML && el.hasAttribute('style')) {
      const value = el.getAttribute('style');
      if (value.includes('{')) {
        const expanded = DYNAMIC_STYLES.get(value);
        if (expanded === undefined) fail(`computed style attribute ${JSON.stringify(value)}`);
        expanded.forEach((v) => found.add(v));
      } else {
        found.add(value);
      }
    }
    if (el.namespaceURI === XSL && el.localName === 'attribute') {
      if (el.getAttribute('name') !== 'style') continue;
      for (let c = el.firstChild; c; c = c.nextSibling) {
        if (c.nodeType !== 3) fail(`xsl:attribute name="style" with computed content`);
      }
      found.add(el.textContent);
    }
  }
  for (const value of found) {
    // The values go into a CSS rule inside a <style> element: nothing may end either.
    if (/[{}<>\\@]|\/\*/.test(value)) fail(`style value ${JSON.stringify(value)}`);
  }
  // Sorted: the class numbers do not move when the XSL merely reorders its templates.
  return [...found].sort();
}

/** The top-level parameters, evaluated to strings the way xsltproc does with no overrides. */
function parameters(doc) {
  const declared = new Map();
  for (let c = doc.documentElement.firstChild; c; c = c.nextSibling) {
    if (c.nodeType === 1 && c.namespaceURI === XSL && c.localName === 'param') {
      declared.set(c.getAttribute('name'), c);
    }
  }
  const cache = new Map();
  const value = (name) => {
    if (cache.has(name)) return cache.get(name);
    const param = declared.get(name);
    if (param === undefined) fail(`unknown parameter $${name}`);
    let result;
    if (param.hasAttribute('select')) result = selectValue(param.getAttribute('select'), value);
    else result = contentValue(param, value);
    cache.set(name, result);
    return result;
  };
  return value;
}

function selectValue(select, value) {
  const literal = /^'([^']*)'$/.exec(select);
  if (literal) return literal[1];
  const variable = /^\$([\w-]+)$/.exec(select);
  if (variable) return value(variable[1]);
  return fail(`select ${JSON.stringify(select)}`);
}

/** xsl:template name="raiseFontSize": number($font-size-main) + $with, then its unit. */
function raiseFontSize(call, value) {
  const withParam = [...elements(call)].find((e) => e.localName === 'with-param');
  const by = Number(withParam?.getAttribute('select'));
  if (withParam?.getAttribute('name') !== 'with' || !Number.isInteger(by)) fail('raiseFontSize');
  const main = value('font-size-main');
  const number = Number(main.replace(/[A-Za-z]/g, ''));
  if (!Number.isFinite(number)) fail(`font-size-main ${JSON.stringify(main)}`);
  return `${number + by}${main.replace(/[0-9]/g, '')}`;
}

/**
 * The text an element's content makes. As XSLT does, whitespace-only text nodes of the
 * stylesheet are dropped (xsl:text keeps its text).
 */
function contentValue(parent, value) {
  let out = '';
  for (let c = parent.firstChild; c; c = c.nextSibling) {
    if (c.nodeType === 3 || c.nodeType === 4) {
      if (c.data.trim() !== '') out += c.data;
    } else if (c.nodeType === 1 && c.namespaceURI === XSL && c.localName === 'text') {
      out += c.textContent;
    } else if (c.nodeType === 1 && c.namespaceURI === XSL && c.localName === 'value-of') {
      out += selectValue(c.getAttribute('select'), value);
    } else if (
      c.nodeType === 1 &&
      c.namespaceURI === XSL &&
      c.localName === 'call-template' &&
      c.getAttribute('name') === 'raiseFontSize'
    ) {
      out += raiseFontSize(c, value);
    } else if (c.nodeType !== 8) {
      fail(`unsupported <${c.nodeName}> in a <style> or parameter`);
    }
  }
  return out;
}

/** The stylesheet's <style> elements, in order, each wrapped in its media query. */
function stylesheetCss(doc) {
  const value = parameters(doc);
  const parts = [];
  for (const el of elements(doc)) {
    if (el.namespaceURI !== XHTML || el.localName !== 'style') continue;
    const media = el.getAttribute('media') ?? 'all';
    if (!/^(all|screen|print)$/.test(media)) fail(`<style media="${media}">`);
    // One rule a line, without the XSL's indentation: newlines are mere whitespace in CSS (it
    // has no line comments), so the CSS means the same.
    const css = contentValue(el, value)
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '')
      .join(' ')
      .replace(/\} /g, '}\n');
    parts.push(media === 'all' ? css : `@media ${media} {\n${css}\n}`);
  }
  if (parts.length === 0) fail('no <style> element in the XSL');
  return parts.join('\n');
}

/** The declarations of a style value, spaced one way ('color:black;' = 'color: black'). */
function declarations(value) {
  return value
    .split(';')
    .map((d) => d.trim())
    .filter((d) => d !== '')
    .map((d) => {
      const colon = d.indexOf(':');
      if (colon < 1) fail(`style declaration ${JSON.stringify(d)}`);
      return `${d.slice(0, colon).trim()}: ${d.slice(colon + 1).trim()}`;
    });
}

/**
 * One class per distinct set of declarations, and the class of each style value.
 * `!important` on each declaration: as a style attribute the value beat every rule of the
 * stylesheet's CSS; as a class it must still win over them.
 */
function classesOf(values) {
  const canonical = new Map(values.map((v) => [v, declarations(v).join('; ')]));
  const distinct = [...new Set(canonical.values())].sort();
  const classes = values.map((v) => [v, `cda-s-${distinct.indexOf(canonical.get(v))}`]);
  const rules = distinct
    .map(
      (d, i) =>
        `.cda-s-${i} { ${d
          .split('; ')
          .map((x) => `${x} !important;`)
          .join(' ')} }`,
    )
    .join('\n');
  return { classes, rules };
}

export function generate(xslText = readFileSync(XSL_FILE, 'utf8')) {
  const doc = parseXsl(xslText);
  const { classes, rules } = classesOf(styleValues(doc));
  const block = `\n${stylesheetCss(doc)}\n/* Style attributes of CDA-FO.xsl, as classes */\n${rules}\n`;
  if (block.includes('<') || block.includes('\r')) fail('the block would not survive in <style>');
  const cspSource = `'sha256-${createHash('sha256').update(block, 'utf8').digest('base64')}'`;
  return { classes, block, cspSource };
}

async function tsModule({ classes, block, cspSource }) {
  const text = `// GENERATED by scripts/cda-styles.mjs from resources/cda/stylesheet/CDA-FO.xsl: do not edit;
// run \`node scripts/cda-styles.mjs\` after updating the stylesheet, then put CDA_STYLE_CSP_SOURCE in
// src/server/securityHeaders.ts (test/unit/app/display/cdaStyleBlock.test.ts checks all three).

/** Every style attribute value CDA-FO.xsl can write, and the class that replaces it. */
export const CDA_STYLE_CLASSES: ReadonlyMap<string, string> = new Map(${JSON.stringify(classes)});

/**
 * The text of the one <style> element of the viewer's HTML: the stylesheet's own CSS, then one
 * rule per class above. Byte-for-byte constant: the CSPs allow it by its hash.
 */
export const CDA_STYLE_BLOCK: string = ${JSON.stringify(block.split('\n'))}.join('\\n');

/** The CSP source allowing exactly CDA_STYLE_BLOCK (sha256 of its UTF-8 text, base64). */
export const CDA_STYLE_CSP_SOURCE = ${JSON.stringify(cspSource)};
`;
  const options = (await prettier.resolveConfig(OUT_FILE)) ?? {};
  return prettier.format(text, { ...options, parser: 'typescript' });
}

if (process.argv[1] === import.meta.filename) {
  const generated = generate();
  const target = process.argv[2];
  if (target === '--json') {
    process.stdout.write(JSON.stringify(generated));
  } else {
    writeFileSync(path.resolve(target ?? OUT_FILE), await tsModule(generated));
  }
}
