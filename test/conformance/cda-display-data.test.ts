// displayDataOf over the official CI-SIS examples (reference/cda/ExemplesCDA): every level-1
// example gives its PDF; every level-3 example with a FR-Document-PDF-copie section gives that
// PDF (CDA-CISIS §2: "consumers must display that PDF first"); the other level-3 examples are
// handed back as CDA XML for the stylesheet. Nothing official is left unsupported.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PDF_COPY_SECTION_TEMPLATE, displayDataOf } from '../../src/protocol/cda/displayData.js';
import { readCda } from '../../src/protocol/cda/readCda.js';
import { REFERENCE_DIR } from '../support/paths.js';

const EXAMPLES = path.join(REFERENCE_DIR, 'cda', 'ExemplesCDA');
const files = readdirSync(EXAMPLES).filter((f) => f.endsWith('.xml'));

describe('displayDataOf on the official CDA examples', () => {
  it('finds the examples', () => {
    expect(files.length).toBeGreaterThan(50);
  });

  it.each(files)('%s', (file) => {
    const bytes = readFileSync(path.join(EXAMPLES, file));
    const read = readCda(bytes);
    if (!read.ok) throw new Error(read.problem.message);
    const shown = displayDataOf(bytes, 'text/xml');
    // As an attribute of a templateId: self-presentable files also name it in their stylesheet.
    const hasCopy = bytes.toString('utf8').includes(`root="${PDF_COPY_SECTION_TEMPLATE}"`);
    if (read.document.level === 1) {
      expect(shown).toMatchObject({ kind: 'pdf', source: 'cda-level-1' });
    } else if (hasCopy) {
      expect(shown).toMatchObject({ kind: 'pdf', source: 'cda-level-3-copy' });
    } else {
      expect(shown.kind).toBe('cda-xml');
    }
    if (shown.kind === 'pdf') {
      expect(Buffer.from(shown.bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    }
  });
});
