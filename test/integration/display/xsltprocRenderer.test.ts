// The CDA display through xsltproc with the bundled ANS stylesheet: same HTML as the official
// stylesheet run by hand, and every way it can fail gives a typed French error.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  XsltprocRenderer,
  defaultStylesheetDir,
} from '../../../src/app/display/XsltprocRenderer.js';
import { REFERENCE_DIR } from '../../support/paths.js';

const OFFICIAL_STYLESHEET_DIR = path.join(REFERENCE_DIR, 'cda', 'FeuilleDeStyle');
const EXAMPLE = path.join(REFERENCE_DIR, 'cda', 'ExemplesCDA', 'ANEST-CR-ANEST_2022.01.xml');

describe('XsltprocRenderer', () => {
  it('ships byte-for-byte copies of the ANS stylesheet files it uses', () => {
    for (const file of ['CDA-FO.xsl', 'cda_l10n.xml', 'cda_narrativeblock.xml']) {
      const shipped = readFileSync(path.join(defaultStylesheetDir(), file));
      // Buffer.equals: a deep equality over 2 MB byte by byte takes seconds.
      expect(shipped.equals(readFileSync(path.join(OFFICIAL_STYLESHEET_DIR, file))), file).toBe(
        true,
      );
    }
  });

  it('renders an official example exactly as the official stylesheet does by hand', async () => {
    // raw: the stylesheet's output as xsltproc writes it, before the rewrite for the viewer.
    const renderer = new XsltprocRenderer({ raw: true });
    expect(renderer.available()).toBe(true);
    const html = await renderer.renderCda(readFileSync(EXAMPLE));
    const oracle = execFileSync(
      'xsltproc',
      [path.join(OFFICIAL_STYLESHEET_DIR, 'CDA-FO.xsl'), EXAMPLE],
      {
        maxBuffer: 64 * 1024 * 1024,
      },
    ).toString('utf8');
    expect(html).toBe(oracle);
    expect(html).toContain('NESSI');
    expect(html.length).toBeGreaterThan(10_000);
  });

  it('rewrites the HTML for the viewer by default: one <style>, no inline style', async () => {
    const html = await new XsltprocRenderer().renderCda(readFileSync(EXAMPLE));
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html.match(/<style[\s>]/g)).toHaveLength(1);
    expect(html).not.toMatch(/\sstyle="|<script/);
    expect(html).toContain('NESSI');
  });

  it('shows a page too large to rewrite quickly as the stylesheet wrote it (unstyled)', async () => {
    const small = new XsltprocRenderer({ maxStyledBytes: 1000 });
    const html = await small.renderCda(readFileSync(EXAMPLE));
    expect(html).toBe(await new XsltprocRenderer({ raw: true }).renderCda(readFileSync(EXAMPLE)));
    expect(html).toMatch(/\sstyle="/);
  });

  it('refuses a document with a DOCTYPE before the engine reads it', async () => {
    const hostile = Buffer.from(
      '<?xml version="1.0"?>\n<!DOCTYPE ClinicalDocument [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n' +
        '<ClinicalDocument xmlns="urn:hl7-org:v3"><title>&x;</title></ClinicalDocument>',
    );
    await expect(new XsltprocRenderer().renderCda(hostile)).rejects.toMatchObject({
      code: 'CDA_RENDER_DOCTYPE',
    });
    // Far into the document, after a long prolog of comments.
    const late = Buffer.concat([
      Buffer.from(`<?xml version="1.0"?>\n<!--${'x'.repeat(10_000)}-->\n`),
      hostile.subarray(22),
    ]);
    await expect(new XsltprocRenderer().renderCda(late)).rejects.toMatchObject({
      code: 'CDA_RENDER_DOCTYPE',
    });
  });

  it('explains a malformed document, a missing engine and a render that takes too long', async () => {
    await expect(
      new XsltprocRenderer().renderCda(Buffer.from('<ClinicalDocument><title>')),
    ).rejects.toMatchObject({
      code: 'CDA_RENDER_FAILED',
      message: expect.stringContaining('Importez-le'),
    });
    await expect(
      new XsltprocRenderer({ command: 'xsltproc-absent-de-ce-poste' }).renderCda(
        readFileSync(EXAMPLE),
      ),
    ).rejects.toMatchObject({ code: 'CDA_RENDER_UNAVAILABLE' });
    expect(new XsltprocRenderer({ command: 'xsltproc-absent-de-ce-poste' }).available()).toBe(
      false,
    );
    await expect(
      new XsltprocRenderer({ timeoutMs: 1 }).renderCda(readFileSync(EXAMPLE)),
    ).rejects.toMatchObject({ code: 'CDA_RENDER_TIMEOUT' });
    await expect(
      new XsltprocRenderer({ maxOutputBytes: 1000 }).renderCda(readFileSync(EXAMPLE)),
    ).rejects.toMatchObject({ code: 'CDA_RENDER_TOO_LARGE' });
  });
});
