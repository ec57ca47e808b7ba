// The rewrite of the ANS stylesheet's HTML for the viewer's frame: known inline styles become
// classes, everything else that is inline (styles, scripts) goes, one constant <style> block
// lands in <head>, and nothing the document carries can make another <style> or style attribute.
import { describe, expect, it } from 'vitest';
import { cdaHtmlForFrame } from '../../../../src/app/display/cdaHtmlStyles.js';
import { CDA_STYLE_BLOCK, CDA_STYLE_CLASSES } from '../../../../src/app/display/cdaStyleBlock.js';

const XHTML_DOCTYPE =
  '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">';

/** A page shaped like xsltproc's output of CDA-FO.xsl. */
function page(body: string, head = ''): string {
  return (
    `${XHTML_DOCTYPE}\n<!-- Do NOT edit this HTML directly -->\n` +
    '<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="fr" lang="fr"><head>' +
    '<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />' +
    '<title>SYNTHESE<br /><span style="font-weight: normal;">2 avril 2024</span></title>' +
    '<style type="text/css" media="all">td{ color: red; }</style>' +
    `${head}</head><body>${body}</body></html>`
  );
}

function classOf(style: string): string {
  const cls = CDA_STYLE_CLASSES.get(style);
  if (cls === undefined) throw new Error(`not a known style: ${style}`);
  return cls;
}

/**
 * The tags of the output. Every `<` and `>` of text and attribute values is escaped, so each
 * `<…>` is a real tag and each `name="…"` in it a real attribute.
 */
function tags(html: string): { name: string; attributes: Record<string, string> }[] {
  expect(html.startsWith('<!DOCTYPE html>\n')).toBe(true);
  return [...html.slice(16).matchAll(/<\/?([^\s>/]+)([^>]*)>/g)]
    .filter((m) => !m[0].startsWith('</'))
    .map((m) => ({
      name: (m[1] ?? '').toLowerCase(),
      attributes: Object.fromEntries(
        [...(m[2] ?? '').matchAll(/\s([^\s="]+)="([^"]*)"/g)].map((a) => [
          (a[1] ?? '').toLowerCase(),
          a[2] ?? '',
        ]),
      ),
    }));
}

/** The promise the CSP hash rests on: one <style>, ours; no style attribute, no script. */
function expectInert(html: string): void {
  const all = tags(html);
  expect(all.filter((t) => t.name === 'style')).toHaveLength(1);
  expect(html).toContain(`<style>${CDA_STYLE_BLOCK}</style></head>`);
  expect(all.filter((t) => t.name === 'script')).toEqual([]);
  for (const t of all) {
    expect(Object.keys(t.attributes).filter((a) => a === 'style' || a.startsWith('on'))).toEqual(
      [],
    );
  }
}

describe('cdaHtmlForFrame', () => {
  it('turns the stylesheet’s styles into classes, merged with the element’s own', () => {
    const out = cdaHtmlForFrame(
      page(
        '<table class="header_table"><tr>' +
          '<td class="td_label" style="background-color: white;border-width:1px;border-style:solid;">Patient</td>' +
          '<td style="width: 30%;">x</td><td style="color:black;">y</td></tr></table>' +
          '<div style="margin-left: 4em;" class="section">s</div>',
      ),
    );
    expectInert(out);
    const cells = tags(out).filter((t) => t.name === 'td');
    expect(cells.map((t) => t.attributes['class'])).toEqual([
      `td_label ${classOf('background-color: white;border-width:1px;border-style:solid;')}`,
      classOf('width: 30%;'),
      classOf('color:black;'),
    ]);
    expect(tags(out).find((t) => t.name === 'div')?.attributes['class']).toBe(
      `section ${classOf('margin-left: 4em;')}`,
    );
    // Spellings of the same declarations share a class.
    expect(classOf('color: black;')).toBe(classOf('color:black;'));
    expect(out).toContain('>Patient</td>');
  });

  it('drops unknown styles, every <style> element, scripts, handlers, comments', () => {
    const out = cdaHtmlForFrame(
      page(
        '<p style="color: red; background: url(https://evil.example/x)">a</p>' +
          '<div onclick="steal()" onmouseover="x()" id="d">b</div>' +
          '<style>body{display:none}</style><STYLE>p{}</STYLE>' +
          '<svg xmlns="http://www.w3.org/2000/svg"><style>circle{}</style><circle r="1"/></svg>' +
          '<x:style xmlns:x="urn:other">q{}</x:style>' +
          '<script type="text/javascript">alert(1)</script><!-- a comment --><?pi data?>',
        '<script src="../FeuilleDeStyle/JS/datamatrix.min.js" type="text/javascript"></script>',
      ),
    );
    expectInert(out);
    expect(out).toContain('<p>a</p>');
    expect(out).toContain('<div id="d">b</div>');
    expect(out).toContain('<svg xmlns="http://www.w3.org/2000/svg"><circle r="1"></circle></svg>');
    expect(out).not.toMatch(/display:none|alert|comment|Do NOT edit|<\?pi/);
    expect(out).not.toContain('td{ color: red; }');
  });

  it('keeps the document’s text as text, whatever it holds', () => {
    const hostile = '&lt;/td&gt;&lt;style&gt;body{background:red}&lt;/style&gt;&lt;p style="x"&gt;';
    const out = cdaHtmlForFrame(
      page(
        `<table><tr><td title="&quot;&gt;&lt;style&gt;x{}&lt;/style&gt;" class="a&quot; style=&quot;b">${hostile}</td></tr></table>` +
          '<pre><![CDATA[<style>p{}</style>]]></pre><iframe src="data:application/pdf;base64,JVBERi0="></iframe>',
      ),
    );
    expectInert(out);
    expect(out).toContain(
      '&lt;/td&gt;&lt;style&gt;body{background:red}&lt;/style&gt;&lt;p style="x"&gt;</td>',
    );
    expect(out).toContain('title="&quot;&gt;&lt;style&gt;x{}&lt;/style&gt;"');
    expect(out).toContain('class="a&quot; style=&quot;b"');
    // A CDATA section would be a comment to an HTML parser, ended by its first `>`.
    expect(out).toContain('<pre>&lt;style&gt;p{}&lt;/style&gt;</pre>');
    expect(out).toContain('<iframe src="data:application/pdf;base64,JVBERi0="></iframe>');
  });

  it('writes what an HTML parser reads as text as text only', () => {
    const out = cdaHtmlForFrame(
      page('<textarea>a<b style="color: black;">b</b></textarea><br /><img src="x.png" />'),
    );
    expectInert(out);
    // The stylesheet's <title> holds a <br/> and a styled <span>: as text, they were never shown.
    expect(out).toContain('<title>SYNTHESE 2 avril 2024</title>');
    expect(out).toContain('<textarea>ab</textarea><br><img src="x.png">');
  });

  it('gives a page without <head> one, and keeps an empty output empty', () => {
    const out = cdaHtmlForFrame(
      '<html xmlns="http://www.w3.org/1999/xhtml"><body><p style="font-weight: bold;">x</p></body></html>',
    );
    expectInert(out);
    expect(out).toMatch(/^<!DOCTYPE html>\n<html [^>]*><head><style>/);
    expect(cdaHtmlForFrame('')).toBe('');
    expect(cdaHtmlForFrame('\n')).toBe('\n');
  });

  it('refuses HTML it cannot read safely, with the French message of a failed display', () => {
    for (const bad of [
      '<html><body><p>unclosed</body></html>',
      '<html><body>&nbsp;</body></html>',
      '<!DOCTYPE html [<!ENTITY x "y">]><html><body>&x;</body></html>',
      `${XHTML_DOCTYPE}<!DOCTYPE html><html></html>`,
      '<fo:root xmlns:fo="http://www.w3.org/1999/XSL/Format"/>',
      'just text',
    ]) {
      expect(() => cdaHtmlForFrame(bad), bad).toThrow(
        expect.objectContaining({
          code: 'CDA_RENDER_FAILED',
          message: expect.stringContaining("Importez-le pour l'ouvrir dans votre logiciel"),
        }),
      );
    }
  });

  it('copes with a deeply nested document', () => {
    const depth = 20_000;
    const out = cdaHtmlForFrame(
      page(`${'<div style="display:inline;">'.repeat(depth)}fond${'</div>'.repeat(depth)}`),
    );
    expectInert(out);
    expect(out.split(`<div class="${classOf('display:inline;')}">`)).toHaveLength(depth + 1);
  });
});
