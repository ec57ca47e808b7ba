// Writing imported files in a real folder: the final name appears with the whole content (written
// under a temporary name, flushed, then linked), the same bytes already there count as written,
// and a different file under the name is never replaced (numbered names instead).
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sha256Hex, writeImportFile } from '../../../src/app/import/index.js';
import { makeTempDir, removeTempDirs } from '../../support/tempDir.js';

afterAll(() => removeTempDirs());

describe('writeImportFile', () => {
  it('creates the folder, writes the file, and leaves no temporary file', async () => {
    const folder = path.join(makeTempDir('navette-import-files-'), 'a', 'Import');
    const bytes = Buffer.from('%PDF-1.7 document');
    const written = await writeImportFile(folder, 'CR 1.2.3.pdf', bytes);
    expect(written).toEqual({
      fileName: 'CR 1.2.3.pdf',
      sha256: sha256Hex(bytes),
      alreadyThere: false,
    });
    expect(readdirSync(folder)).toEqual(['CR 1.2.3.pdf']);
    expect(readFileSync(path.join(folder, 'CR 1.2.3.pdf'))).toEqual(bytes);
  });

  it('the same bytes under the name: already there (a rerun after a crash)', async () => {
    const folder = makeTempDir('navette-import-files-');
    const bytes = Buffer.from('<ClinicalDocument/>');
    await writeImportFile(folder, 'doc.xml', bytes);
    expect(await writeImportFile(folder, 'doc.xml', bytes)).toMatchObject({
      fileName: 'doc.xml',
      alreadyThere: true,
    });
    expect(readdirSync(folder)).toEqual(['doc.xml']);
  });

  it('another file under the name is kept: (2), then (3)', async () => {
    const folder = makeTempDir('navette-import-files-');
    writeFileSync(path.join(folder, 'doc.xml'), 'theirs');
    const second = await writeImportFile(folder, 'doc.xml', Buffer.from('<a/>'));
    const third = await writeImportFile(folder, 'doc.xml', Buffer.from('<b/>'));
    expect([second.fileName, third.fileName]).toEqual(['doc (2).xml', 'doc (3).xml']);
    expect(readFileSync(path.join(folder, 'doc.xml'), 'utf8')).toBe('theirs');
    expect(readFileSync(path.join(folder, 'doc (3).xml'), 'utf8')).toBe('<b/>');
    // The same bytes as the (2) file: found again, not written a fourth time.
    expect(await writeImportFile(folder, 'doc.xml', Buffer.from('<a/>'))).toMatchObject({
      fileName: 'doc (2).xml',
      alreadyThere: true,
    });
    expect(readdirSync(folder).sort()).toEqual(['doc (2).xml', 'doc (3).xml', 'doc.xml']);
  });

  it('fails with the system error when the folder cannot be written', async () => {
    const dir = makeTempDir('navette-import-files-');
    const notAFolder = path.join(dir, 'file');
    writeFileSync(notAFolder, 'x');
    await expect(writeImportFile(notAFolder, 'doc.xml', Buffer.from('<a/>'))).rejects.toMatchObject(
      {
        code: expect.stringMatching(/^(EEXIST|ENOTDIR)$/),
      },
    );
  });
});
