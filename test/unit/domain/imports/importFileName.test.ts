import { describe, expect, it } from 'vitest';
import {
  DEFAULT_IMPORT_NAME_PATTERN,
  checkImportNamePattern,
  extensionOfMimeType,
  importFileName,
} from '../../../../src/domain/imports/importFileName.js';

const VALUES = {
  ins: '279035121518989',
  date: '20251012143000',
  type: 'CR de consultation',
  title: 'Compte rendu : suivi / HTA',
  uniqueId: '1.2.250.1.999.1^DOC-42',
};

describe('importFileName', () => {
  it('fills the default pattern with a safe name and the content extension', () => {
    expect(importFileName(DEFAULT_IMPORT_NAME_PATTERN, VALUES, '.pdf')).toBe(
      '2025-10-12_CR de consultation_Compte rendu - suivi - HTA_1.2.250.1.999.1^DOC-42.pdf',
    );
    expect(
      importFileName(
        '{ins}-{date}-{uniqueId}',
        { ...VALUES, date: '2025-01-02T10:00:00Z' },
        '.xml',
      ),
    ).toBe('279035121518989-2025-01-02-1.2.250.1.999.1^DOC-42.xml');
  });

  it('never yields a path, a device name, control characters or a trailing dot', () => {
    const name = importFileName(
      '{title}{uniqueId}',
      { ...VALUES, title: '..\\..\\x\u0000\u001f', uniqueId: '1.2.' },
      '.pdf',
    );
    expect([...name].some((c) => c === '\\' || c === '/' || c.charCodeAt(0) < 32)).toBe(false);
    expect(name.endsWith('..pdf')).toBe(false);
    expect(
      importFileName('{title}{uniqueId}', { ...VALUES, title: 'CON', uniqueId: '' }, '.txt'),
    ).toBe('document_.txt');
    expect(importFileName('{uniqueId}', VALUES, '../../evil')).toBe('1.2.250.1.999.1^DOC-42.bin');
  });

  it('keeps the uniqueId when a long title must be cut', () => {
    const name = importFileName(
      '{title}_{uniqueId}',
      { ...VALUES, title: 'x'.repeat(500) },
      '.pdf',
    );
    expect(name.length).toBeLessThanOrEqual(200);
    expect(name.endsWith('1.2.250.1.999.1^DOC-42.pdf')).toBe(true);
  });

  it('refuses an unknown field and a pattern that cannot tell documents apart', () => {
    expect(() => checkImportNamePattern('{date}_{nom}_{uniqueId}')).toThrow(
      /champ inconnu « \{nom\} »/,
    );
    expect(() => checkImportNamePattern('{date}_{title}')).toThrow(/\{uniqueId\}/);
  });

  it('takes the extension from the media type', () => {
    expect(extensionOfMimeType('application/pdf')).toBe('.pdf');
    expect(extensionOfMimeType('text/xml; charset=UTF-8')).toBe('.xml');
    expect(extensionOfMimeType('application/x-inconnu')).toBe('.bin');
  });
});
