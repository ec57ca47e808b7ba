// The generated style block of the CDA viewer (src/app/display/cdaStyleBlock.ts) against its
// sources: it is what scripts/cda-styles.mjs makes of the bundled CDA-FO.xsl today, every style
// the XSL writes has its class, and both CSPs (web UI, desktop window) allow exactly its hash.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DOMParser, type Element, type Node } from '@xmldom/xmldom';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CDA_STYLE_BLOCK,
  CDA_STYLE_CLASSES,
  CDA_STYLE_CSP_SOURCE,
} from '../../../../src/app/display/cdaStyleBlock.js';
import { APP_CSP } from '../../../../src/main/security/csp.js';
import { CDA_STYLE_HASH, CONTENT_SECURITY_POLICY } from '../../../../src/server/securityHeaders.js';
import { REPO_ROOT } from '../../../support/paths.js';
import { makeTempDir, removeTempDirs } from '../../../support/tempDir.js';

const GENERATED = path.join(REPO_ROOT, 'src', 'app', 'display', 'cdaStyleBlock.ts');
const XSL_FILE = path.join(REPO_ROOT, 'resources', 'cda', 'stylesheet', 'CDA-FO.xsl');
const XSL = 'http://www.w3.org/1999/XSL/Transform';
const XHTML = 'http://www.w3.org/1999/xhtml';
afterAll(removeTempDirs);

function elements(node: Node, out: Element[] = []): Element[] {
  for (let c = node.firstChild; c; c = c.nextSibling) {
    if (c.nodeType === 1) {
      out.push(c as Element);
      elements(c, out);
    }
  }
  return out;
}

/** The style attribute values of CDA-FO.xsl, read here without the script's code. */
function xslStyles(): { fixed: Set<string>; computed: Set<string>; styleElements: number } {
  const doc = new DOMParser().parseFromString(readFileSync(XSL_FILE, 'utf8'), 'text/xml');
  const fixed = new Set<string>();
  const computed = new Set<string>();
  let styleElements = 0;
  for (const el of elements(doc)) {
    if (el.namespaceURI === XHTML && el.localName === 'style') styleElements++;
    if (el.namespaceURI === XHTML && el.hasAttribute('style')) {
      const value = el.getAttribute('style') ?? '';
      (value.includes('{') ? computed : fixed).add(value);
    }
    if (el.namespaceURI === XSL && el.localName === 'attribute') {
      if (el.getAttribute('name') === 'style') fixed.add(el.textContent ?? '');
    }
  }
  return { fixed, computed, styleElements };
}

function styleSources(csp: string): string[] {
  const directive = csp.split(';').find((d) => d.trim().startsWith('style-src '));
  return directive?.trim().split(/\s+/).slice(1) ?? [];
}

describe('the CDA viewer style block', () => {
  it('is what scripts/cda-styles.mjs makes of the bundled CDA-FO.xsl', () => {
    const out = path.join(makeTempDir('navette-cda-styles-'), 'cdaStyleBlock.ts');
    const run = spawnSync(
      process.execPath,
      [path.join(REPO_ROOT, 'scripts', 'cda-styles.mjs'), out],
      {
        cwd: REPO_ROOT,
        encoding: 'utf8',
      },
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    // Out of date: run `node scripts/cda-styles.mjs`, then update CDA_STYLE_HASH of the server.
    expect(readFileSync(GENERATED, 'utf8')).toBe(readFileSync(out, 'utf8'));
  });

  it('has a class for every style value the XSL writes', () => {
    const { fixed, computed, styleElements } = xslStyles();
    expect(fixed.size).toBeGreaterThan(30);
    for (const value of fixed) expect(CDA_STYLE_CLASSES.has(value), value).toBe(true);
    // The one computed style: sections indented 2em per level (template "section").
    expect([...computed]).toEqual(['margin-left: {$margin}em;']);
    for (const em of [0, 2, 4, 6, 20, 40]) {
      expect(CDA_STYLE_CLASSES.has(`margin-left: ${em}em;`), `${em}em`).toBe(true);
    }
    // Each class has its rule, its declarations made !important (an inline style beat them all).
    for (const [value, cls] of CDA_STYLE_CLASSES) {
      const rule = new RegExp(`^\\.${cls} \\{ ([^}]*) \\}$`, 'm').exec(CDA_STYLE_BLOCK);
      expect(rule, cls).not.toBeNull();
      const first = value.split(';')[0]?.split(':')[0]?.trim() ?? '';
      expect(rule?.[1], value).toContain(`${first}: `);
      expect(rule?.[1]).toMatch(/ !important;$/);
    }
    // The stylesheet's own CSS is in, from its 5 <style> elements (2 of them as @media).
    expect(styleElements).toBe(5);
    expect(CDA_STYLE_BLOCK).toContain('.td_label{ font-size: 9pt;');
    expect(CDA_STYLE_BLOCK).toContain('h1{ font-size: 12pt; font-weight: bold; }');
    expect(CDA_STYLE_BLOCK.match(/@media print \{/g)).toHaveLength(1);
    expect(CDA_STYLE_BLOCK.match(/@media screen \{/g)).toHaveLength(2);
  });

  it('cannot end its <style> element, and its hash is the one both CSPs allow', () => {
    expect(CDA_STYLE_BLOCK).not.toMatch(/[<\r]/);
    const hash = `'sha256-${createHash('sha256').update(CDA_STYLE_BLOCK, 'utf8').digest('base64')}'`;
    expect(CDA_STYLE_CSP_SOURCE).toBe(hash);
    expect(CDA_STYLE_HASH).toBe(hash);
    // Exactly 'self' and that hash: never 'unsafe-inline', never a second hash.
    expect(styleSources(CONTENT_SECURITY_POLICY)).toEqual(["'self'", hash]);
    expect(styleSources(APP_CSP)).toEqual(["'self'", hash]);
  });
});
