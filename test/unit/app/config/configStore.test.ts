// The configuration of a running Navette: reload on demand, last good configuration kept when a
// file goes bad (whole file or one field), listeners told of real changes only.
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ConfigSaveError,
  ConfigStore,
  type ConfigChange,
} from '../../../../src/app/config/index.js';
import { removeTempDirs } from '../../../support/tempDir.js';
import { configFiles } from './configFiles.js';

afterEach(removeTempDirs);

function storeWithUser(content: unknown) {
  const f = configFiles();
  f.writeUser(content);
  const store = new ConfigStore({ policyFile: f.policyFile, userFile: f.userFile });
  const changes: ConfigChange[] = [];
  store.onDidChange((c) => changes.push(c));
  return { f, store, changes };
}

describe('ConfigStore', () => {
  it('loads at construction and tells listeners about changes on reload', () => {
    const { f, store, changes } = storeWithUser({ configVersion: 2, server: { port: 8000 } });
    expect(store.config.server.port).toBe(8000);
    expect(store.problems).toEqual([]);
    expect(store.sources.map((s) => s.state)).toEqual(['used', 'absent', 'used']);

    expect(store.reload()).toMatchObject({ changed: false });
    expect(changes).toEqual([]);

    f.writeUser({ configVersion: 2, server: { port: 8001 } });
    const reload = store.reload();
    expect(reload.changed).toBe(true);
    expect(store.config.server.port).toBe(8001);
    expect(changes).toHaveLength(1);
    expect(changes[0]?.previous.server.port).toBe(8000);
    expect(changes[0]?.config.server.port).toBe(8001);
  });

  it('keeps the last good configuration when the file stops being valid JSON', () => {
    const { f, store, changes } = storeWithUser({
      configVersion: 2,
      server: { port: 8000 },
      watch: { folders: ['/srv/export'] },
    });
    f.writeUser('{ "server": { "port": 80'); // a save cut in the middle
    const reload = store.reload();
    expect(reload.changed).toBe(false);
    expect(store.config.server.port).toBe(8000);
    expect(store.config.watch.folders).toEqual(['/srv/export']);
    expect(reload.problems.map((p) => p.code)).toEqual(['CONFIG_FILE_NOT_JSON']);
    expect(store.sources[2]).toMatchObject({ layer: 'user', state: 'previous' });
    expect(changes).toEqual([]);

    // Fixed: back to normal, and the next bad reload still falls back on a good version.
    f.writeUser({ configVersion: 2, server: { port: 8002 } });
    store.reload();
    expect(store.config.server.port).toBe(8002);
    expect(store.problems).toEqual([]);
    f.writeUser({ configVersion: 7 });
    store.reload();
    expect(store.config.server.port).toBe(8002);
    expect(store.problems.map((p) => p.code)).toEqual(['CONFIG_VERSION_NEWER']);
  });

  it('keeps the last good value of a field that went bad, and applies the other changes', () => {
    const { f, store, changes } = storeWithUser({ configVersion: 2, server: { port: 8000 } });
    f.writeUser({ configVersion: 2, server: { port: 'huit mille' }, demo: true });
    const reload = store.reload();
    expect(reload.problems.map((p) => p.field)).toEqual(['server.port']);
    expect(store.config.server.port).toBe(8000); // not the default 7411
    expect(store.config.demo).toBe(true);
    expect(changes).toHaveLength(1);
  });

  it('keeps the last good policy, locks included', () => {
    const f = configFiles();
    f.writePolicy({ configVersion: 2, dmp: { authMode: 'indirect' }, locked: ['dmp.authMode'] });
    f.writeUser({ configVersion: 2, dmp: { authMode: 'direct' } });
    const store = new ConfigStore({ policyFile: f.policyFile, userFile: f.userFile });
    expect(store.config.dmp.authMode).toBe('indirect');
    f.writePolicy('not json');
    store.reload();
    expect(store.config.dmp.authMode).toBe('indirect');
    expect(store.locked).toEqual(['dmp.authMode']);
    expect(store.problems.map((p) => p.code).sort()).toEqual([
      'CONFIG_FIELD_LOCKED',
      'CONFIG_FILE_NOT_JSON',
    ]);
  });

  it('forgets a file that was deleted (a decision, not a mistake)', () => {
    const { f, store } = storeWithUser({ configVersion: 2, server: { port: 8000 } });
    rmSync(f.userFile);
    expect(store.reload().changed).toBe(true);
    expect(store.config.server.port).toBe(7411);
    expect(store.problems).toEqual([]);
  });

  it('stops calling a listener after unsubscribe; a throwing listener does not silence the others', () => {
    const { f, store } = storeWithUser({ configVersion: 2 });
    const heard: number[] = [];
    const stop = store.onDidChange((c) => heard.push(c.config.server.port));
    store.onDidChange(() => {
      throw new Error('listener failed');
    });
    const after: number[] = [];
    store.onDidChange((c) => after.push(c.config.server.port));
    f.writeUser({ configVersion: 2, server: { port: 8100 } });
    expect(() => store.reload()).toThrow('listener failed');
    expect(heard).toEqual([8100]);
    expect(after).toEqual([8100]);
    stop();
    f.writeUser({ configVersion: 2, server: { port: 8200 } });
    expect(() => store.reload()).toThrow('listener failed');
    expect(heard).toEqual([8100]);
    expect(after).toEqual([8100, 8200]);
  });

  it('saves into the user file and reloads; refuses locked fields', () => {
    const f = configFiles();
    f.writePolicy({ configVersion: 2, locked: ['updates.enabled'] });
    const store = new ConfigStore({ policyFile: f.policyFile, userFile: f.userFile });
    const saved = store.save({ watch: { folders: ['/srv/export'] } });
    expect(saved.reload.changed).toBe(true);
    expect(store.config.watch.folders).toEqual(['/srv/export']);
    expect(() => store.save({ updates: { enabled: true } })).toThrow(ConfigSaveError);
    expect(() => new ConfigStore({}).save({ demo: true })).toThrow('no user settings file');
  });
});
