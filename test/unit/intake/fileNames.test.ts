import { describe, expect, it } from 'vitest';
import {
  baseNameOf,
  companionName,
  extensionOf,
  isIgnoredName,
  planUnits,
  withCollisionSuffix,
} from '../../../src/intake/fileNames.js';

describe('isIgnoredName', () => {
  it.each([
    '.hidden.xml',
    '._cr.pdf',
    '.navette-en-cours',
    '~$rapport.docx',
    'cr.xml~',
    'cr.xml.tmp',
    'CR.XML.TMP',
    'cr.pdf.part',
    'cr.pdf.crdownload',
    'Thumbs.db',
    'desktop.ini',
    '',
  ])('ignores %j', (name) => expect(isIgnoredName(name)).toBe(true));

  it.each(['cr.xml', 'CR.PDF', 'cr.json', 'compte rendu (2).xml', 'notes.txt', 'tmp.xml'])(
    'looks at %j',
    (name) => expect(isIgnoredName(name)).toBe(false),
  );
});

describe('names', () => {
  it('splits base name and extension', () => {
    expect(extensionOf('cr.final.PDF')).toBe('.pdf');
    expect(extensionOf('README')).toBe('');
    expect(baseNameOf('cr.final.pdf')).toBe('cr.final');
    expect(baseNameOf('README')).toBe('README');
  });

  it('adds a collision suffix before the extension', () => {
    expect(withCollisionSuffix('cr.pdf', 1)).toBe('cr.pdf');
    expect(withCollisionSuffix('cr.pdf', 2)).toBe('cr (2).pdf');
    expect(withCollisionSuffix('cr.v2.xml', 3)).toBe('cr.v2 (3).xml');
    expect(withCollisionSuffix('README', 2)).toBe('README (2)');
    expect(companionName('cr (2).pdf', 'cr.JSON')).toBe('cr (2).JSON');
  });
});

describe('planUnits', () => {
  it('pairs a PDF with the sidecar of the same base name', () => {
    expect(planUnits(['a.pdf', 'a.json', 'b.xml', 'c.PDF', 'c.Json'])).toEqual([
      { document: 'a.pdf', sidecar: 'a.json' },
      { document: 'b.xml' },
      { document: 'c.PDF', sidecar: 'c.Json' },
    ]);
  });

  it('leaves a sidecar whose PDF is not there, and ignores temporary names', () => {
    expect(planUnits(['a.json', 'b.pdf.part', 'b.json', '~$x.docx', 'notes.txt'])).toEqual([
      { document: 'notes.txt' },
    ]);
  });

  it('matches case-insensitively only when no exact pair exists, never twice', () => {
    expect(planUnits(['A.pdf', 'a.pdf', 'a.json'])).toEqual([
      { document: 'A.pdf' },
      { document: 'a.pdf', sidecar: 'a.json' },
    ]);
    expect(planUnits(['Doc.pdf', 'doc.json'])).toEqual([
      { document: 'Doc.pdf', sidecar: 'doc.json' },
    ]);
  });

  it('makes a PDF without sidecar a unit of its own (the checks will say what is missing)', () => {
    expect(planUnits(['scan.pdf'])).toEqual([{ document: 'scan.pdf' }]);
  });
});
