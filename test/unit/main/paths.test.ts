import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appLocations } from '../../../src/main/paths.js';
import { windowTitle } from '../../../src/main/windowTitle.js';

describe('appLocations', () => {
  it('finds the UI, the preload and the icons next to dist/ in development', () => {
    const root = path.resolve('/work/navette');
    expect(
      appLocations({
        mainDir: path.join(root, 'dist', 'main'),
        isPackaged: false,
        resourcesPath: '/x',
      }),
    ).toEqual({
      rendererDir: path.join(root, 'dist', 'renderer'),
      preloadFile: path.join(root, 'dist', 'preload', 'index.js'),
      pinPreloadFile: path.join(root, 'dist', 'preload', 'pin.js'),
      trayIconDir: path.join(root, 'resources', 'icons', 'tray'),
      appIcon: path.join(root, 'resources', 'icons', 'icon.png'),
    });
  });

  it('reads icons from the extraResources copy once packaged', () => {
    const res = path.resolve('/opt/Navette/resources');
    const locations = appLocations({
      mainDir: path.join(res, 'app.asar', 'dist', 'main'),
      isPackaged: true,
      resourcesPath: res,
    });
    expect(locations.rendererDir).toBe(path.join(res, 'app.asar', 'dist', 'renderer'));
    expect(locations.trayIconDir).toBe(path.join(res, 'resources', 'icons', 'tray'));
  });
});

describe('windowTitle', () => {
  it('says « DÉMO — DMP de test » in demo mode', () => {
    expect(windowTitle(true)).toBe('Navette — DÉMO — DMP de test');
    expect(windowTitle(false)).toBe('Navette');
  });
});
