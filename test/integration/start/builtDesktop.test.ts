// What `npm start` hands to Electron, as built: the preload runs in a sandboxed renderer (one
// script, `require('electron')` only), and the main entry is an ES module next to it.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { NavetteBridge } from '../../../src/api/bridge.js';
import { DIST_DIR } from '../../support/paths.js';
import { runSandboxedPreload } from '../../unit/preload/sandboxedPreload.js';

const preload = path.join(DIST_DIR, 'preload', 'index.js');

beforeAll(() => {
  if (!existsSync(preload)) {
    throw new Error('dist/ is missing: run `npm run build` before the integration tests');
  }
});

describe('built desktop app', () => {
  it('has a preload that runs as a sandboxed script and exposes window.navette', async () => {
    const run = runSandboxedPreload(readFileSync(preload, 'utf8'));
    expect(run.required).toEqual(['electron']);
    const bridge = run.exposed.get('navette') as NavetteBridge;
    expect(Object.keys(bridge).sort()).toEqual(['call', 'health', 'onDeepLink', 'onServiceEvent']);
    expect(await bridge.health()).toEqual({ ok: true, value: 'answer of navette:health' });
  });

  it('has the main entry, the UI and the tray icons where the main process looks', () => {
    expect(readFileSync(path.join(DIST_DIR, 'main', 'main.js'), 'utf8')).toMatch(
      /^import .* from 'electron';$/m,
    );
    expect(existsSync(path.join(DIST_DIR, 'renderer', 'index.html'))).toBe(true);
    const icons = path.join(DIST_DIR, '..', 'resources', 'icons', 'tray');
    for (const state of ['ready', 'card-absent', 'attention', 'busy']) {
      expect(existsSync(path.join(icons, `${state}.png`))).toBe(true);
    }
  });
});
