// The committed icons: every tray icon a state uses (with its @2x), the app icon, all valid PNGs, and
// exactly what scripts/make-icons.mjs draws (so nobody edits a PNG the script would overwrite).
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TRAY_ICONS } from '../../../src/main/tray/trayModel.js';
import { makeTempDir, removeTempDirs } from '../../support/tempDir.js';

const root = path.resolve(import.meta.dirname, '../../..');
const icons = path.join(root, 'resources', 'icons');
afterAll(removeTempDirs);

function pngSize(file: string): { width: number; height: number; colourType: number } {
  const bytes = readFileSync(file);
  expect(bytes.subarray(0, 8)).toEqual(
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  );
  expect(bytes.toString('ascii', 12, 16)).toBe('IHDR');
  return {
    width: bytes.readUInt32BE(16),
    height: bytes.readUInt32BE(20),
    colourType: bytes[25] ?? -1,
  };
}

describe('icons', () => {
  const trayIcons = [...new Set(Object.values(TRAY_ICONS))];
  it.each(trayIcons)('has the tray icon %s at 16 and 32 pixels', (icon) => {
    expect(pngSize(path.join(icons, 'tray', icon))).toEqual({
      width: 16,
      height: 16,
      colourType: 6,
    });
    expect(pngSize(path.join(icons, 'tray', icon.replace('.png', '@2x.png')))).toMatchObject({
      width: 32,
      height: 32,
    });
  });

  it('has a 512-pixel app icon (electron-builder makes the .ico and .icns from it)', () => {
    expect(pngSize(path.join(icons, 'icon.png'))).toMatchObject({ width: 512, height: 512 });
  });

  it('are exactly what scripts/make-icons.mjs draws', () => {
    const out = makeTempDir('navette-icons-');
    const run = spawnSync(process.execPath, [path.join(root, 'scripts', 'make-icons.mjs'), out], {
      encoding: 'utf8',
    });
    expect(run.status, run.stderr).toBe(0);
    const drawn = readdirSync(path.join(out, 'tray')).sort();
    expect(drawn).toEqual(readdirSync(path.join(icons, 'tray')).sort());
    for (const name of drawn) {
      expect(
        readFileSync(path.join(out, 'tray', name)).equals(
          readFileSync(path.join(icons, 'tray', name)),
        ),
        name,
      ).toBe(true);
    }
    expect(
      readFileSync(path.join(out, 'icon.png')).equals(readFileSync(path.join(icons, 'icon.png'))),
    ).toBe(true);
  });
});
