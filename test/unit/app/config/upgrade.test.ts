// Version 1 files (no configVersion, top-level `port`, one `watchFolder`) load as version 2,
// without the file being rewritten; saving the settings writes them in version 2.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CURRENT_CONFIG_VERSION,
  layerVersion,
  loadConfig,
  saveUserSettings,
  upgradeLayer,
  upgradeV1toV2,
  UPGRADES,
} from '../../../../src/app/config/index.js';
import { removeTempDirs } from '../../../support/tempDir.js';
import { configFiles } from './configFiles.js';

afterEach(removeTempDirs);

describe('configuration upgrades', () => {
  it('has one step per version up to the current one', () => {
    expect(CURRENT_CONFIG_VERSION).toBe(2);
    for (let v = 1; v < CURRENT_CONFIG_VERSION; v++)
      expect(UPGRADES[v], `step ${v}`).toBeTypeOf('function');
  });

  it('v1 → v2 moves port and watchFolder, keeps the rest, and does not modify its input', () => {
    const v1 = { port: 8123, watchFolder: 'C:\\Export', demo: true };
    const frozen = JSON.stringify(v1);
    expect(upgradeV1toV2(v1)).toEqual({
      demo: true,
      server: { port: 8123 },
      watch: { folders: ['C:\\Export'] },
    });
    expect(JSON.stringify(v1)).toBe(frozen);
  });

  it('v1 → v2 lets explicit new-style fields win, and maps an empty watchFolder to no folder', () => {
    expect(
      upgradeV1toV2({
        port: 1,
        server: { port: 2 },
        watchFolder: '/a',
        watch: { folders: ['/b'] },
      }),
    ).toEqual({ server: { port: 2 }, watch: { folders: ['/b'] } });
    expect(upgradeV1toV2({ watchFolder: '  ' })).toEqual({ watch: { folders: [] } });
  });

  it('reads the declared version (absent means 1) and strips configVersion after upgrading', () => {
    expect(layerVersion({})).toEqual({ kind: 'ok', version: 1 });
    expect(layerVersion({ configVersion: 2 })).toEqual({ kind: 'ok', version: 2 });
    expect(layerVersion({ configVersion: 9 })).toEqual({ kind: 'newer', version: 9 });
    expect(layerVersion({ configVersion: 1.5 })).toEqual({ kind: 'invalid', found: 1.5 });
    expect(upgradeLayer({ configVersion: 1, port: 9 }, 1)).toEqual({ server: { port: 9 } });
    expect(upgradeLayer({ configVersion: 2, demo: true }, 2)).toEqual({ demo: true });
  });

  it('loads a v1 settings file as v2 and leaves the file as it was', () => {
    const f = configFiles();
    f.writeUser({ port: 8123, watchFolder: '/srv/export' });
    const before = readFileSync(f.userFile);
    const loaded = loadConfig({ userFile: f.userFile });
    expect(loaded.problems).toEqual([]);
    expect(loaded.config.server.port).toBe(8123);
    expect(loaded.config.watch.folders).toEqual(['/srv/export']);
    expect(loaded.config.configVersion).toBe(2);
    expect(loaded.sources[1]).toEqual({
      layer: 'user',
      file: f.userFile,
      state: 'used',
      version: 1,
    });
    expect(readFileSync(f.userFile).equals(before)).toBe(true);
  });

  it('reports a bad v1 value under its v2 name', () => {
    const f = configFiles();
    f.writeUser({ port: 'huit mille' });
    const { problems, config } = loadConfig({ userFile: f.userFile });
    expect(problems.map((p) => p.field)).toEqual(['server.port']);
    expect(config.server.port).toBe(7411);
  });

  it('does not accept v1 field names in a v2 file', () => {
    const f = configFiles();
    f.writeUser({ configVersion: 2, port: 8123 });
    const { problems } = loadConfig({ userFile: f.userFile });
    expect(problems.map((p) => [p.code, p.field])).toEqual([['CONFIG_FIELD_UNKNOWN', 'port']]);
  });

  it('writes the file in v2 when the user saves', () => {
    const f = configFiles();
    f.writeUser({ port: 8123, watchFolder: '/srv/export' });
    saveUserSettings(f.userFile, { demo: true });
    expect(JSON.parse(readFileSync(f.userFile, 'utf8'))).toEqual({
      configVersion: 2,
      server: { port: 8123 },
      watch: { folders: ['/srv/export'] },
      demo: true,
    });
  });
});
