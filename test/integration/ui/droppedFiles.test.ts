// Files dropped on the Envois screen land in the watched folder: whole (written under a dot name
// the intake ignores, then renamed), never over a waiting document (a taken name gets « (2) »),
// and refused with a French sentence when there is no folder or the file is empty.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { OutboxDropRequestSchema } from '../../../src/api/outbox.js';
import { dropFiles } from '../../../src/app/service/droppedFiles.js';
import { makeTempDir, removeTempDirs } from '../../support/tempDir.js';

afterEach(() => removeTempDirs());

const b64 = (text: string): string => Buffer.from(text).toString('base64');

describe('dropFiles', () => {
  it('writes each file whole under its name, a taken name getting a suffix', () => {
    const folder = makeTempDir('navette-drop-');
    writeFileSync(path.join(folder, 'cr.pdf'), 'ancien');
    const accepted = dropFiles(folder, {
      files: [
        { name: 'cr.pdf', contentBase64: b64('%PDF nouveau') },
        { name: 'cr.json', contentBase64: b64('{}') },
      ],
    });
    // The sidecar first: its PDF must find it when the watcher sees the PDF.
    expect(accepted).toEqual(['cr.json', 'cr (2).pdf']);
    expect(readdirSync(folder).sort()).toEqual(['cr (2).pdf', 'cr.json', 'cr.pdf']);
    expect(readFileSync(path.join(folder, 'cr.pdf'), 'utf8')).toBe('ancien');
    expect(readFileSync(path.join(folder, 'cr (2).pdf'), 'utf8')).toBe('%PDF nouveau');
  });

  it('refuses, in French, when no folder is watched or a file is empty', () => {
    expect(() =>
      dropFiles(undefined, { files: [{ name: 'a.xml', contentBase64: b64('x') }] }),
    ).toThrow(/Aucun dossier d'export n'est surveillé/);
    const folder = makeTempDir('navette-drop-');
    expect(() => dropFiles(folder, { files: [{ name: 'a.xml', contentBase64: '' }] })).toThrow(
      /est vide ou dépasse/,
    );
    expect(readdirSync(folder)).toEqual([]);
  });

  it('accepts only bare file names (the schema refuses folders, dot names, control characters)', () => {
    for (const name of ['../x.xml', 'a/b.xml', 'a\\b.xml', '.cache', '..', 'a\u0007.xml']) {
      const parsed = OutboxDropRequestSchema.safeParse({
        files: [{ name, contentBase64: 'eA==' }],
      });
      expect(parsed.success, name).toBe(false);
    }
    expect(
      OutboxDropRequestSchema.safeParse({ files: [{ name: 'CR été.pdf', contentBase64: 'eA==' }] })
        .success,
    ).toBe(true);
  });
});
