// Where Navette's files live on each OS: computed from the environment, the platform and the home
// folder only, so all three layouts are checked on any machine.
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultAppPaths } from '../../../../src/app/config/index.js';

describe('defaultAppPaths', () => {
  it('Linux: XDG folders, with their defaults under the home folder', () => {
    expect(defaultAppPaths({}, 'linux', '/home/marie')).toEqual({
      configDir: '/home/marie/.config/navette',
      configFile: '/home/marie/.config/navette/settings.json',
      policyFile: '/etc/navette/policy.json',
      dataDir: '/home/marie/.local/share/navette',
      logDir: '/home/marie/.local/share/navette/logs',
    });
    const xdg = defaultAppPaths(
      { XDG_CONFIG_HOME: '/cfg', XDG_DATA_HOME: '/data' },
      'linux',
      '/home/marie',
    );
    expect(xdg.configFile).toBe('/cfg/navette/settings.json');
    expect(xdg.dataDir).toBe('/data/navette');
    expect(xdg.logDir).toBe('/data/navette/logs');
  });

  it('Linux: ignores relative or empty XDG values, as the specification requires', () => {
    const paths = defaultAppPaths(
      { XDG_CONFIG_HOME: 'relative/cfg', XDG_DATA_HOME: '' },
      'linux',
      '/home/marie',
    );
    expect(paths.configDir).toBe('/home/marie/.config/navette');
    expect(paths.dataDir).toBe('/home/marie/.local/share/navette');
  });

  it('Windows: roaming settings, local data, machine-wide policy', () => {
    const env = {
      APPDATA: 'C:\\Users\\marie\\AppData\\Roaming',
      LOCALAPPDATA: 'C:\\Users\\marie\\AppData\\Local',
      ProgramData: 'D:\\ProgramData',
    };
    expect(defaultAppPaths(env, 'win32', 'C:\\Users\\marie')).toEqual({
      configDir: 'C:\\Users\\marie\\AppData\\Roaming\\Navette',
      configFile: 'C:\\Users\\marie\\AppData\\Roaming\\Navette\\settings.json',
      policyFile: 'D:\\ProgramData\\Navette\\policy.json',
      dataDir: 'C:\\Users\\marie\\AppData\\Local\\Navette',
      logDir: 'C:\\Users\\marie\\AppData\\Local\\Navette\\logs',
    });
  });

  it('Windows: falls back to the usual folders when the variables are missing', () => {
    const paths = defaultAppPaths({}, 'win32', 'C:\\Users\\marie');
    expect(paths.configFile).toBe('C:\\Users\\marie\\AppData\\Roaming\\Navette\\settings.json');
    expect(paths.dataDir).toBe('C:\\Users\\marie\\AppData\\Local\\Navette');
    expect(paths.policyFile).toBe('C:\\ProgramData\\Navette\\policy.json');
    expect(defaultAppPaths({ PROGRAMDATA: 'E:\\PD' }, 'win32', 'C:\\U').policyFile).toBe(
      'E:\\PD\\Navette\\policy.json',
    );
  });

  it('macOS: Application Support for the user, /Library for the policy', () => {
    expect(defaultAppPaths({}, 'darwin', '/Users/marie')).toEqual({
      configDir: '/Users/marie/Library/Application Support/Navette',
      configFile: '/Users/marie/Library/Application Support/Navette/settings.json',
      policyFile: '/Library/Application Support/Navette/policy.json',
      dataDir: '/Users/marie/Library/Application Support/Navette',
      logDir: '/Users/marie/Library/Application Support/Navette/logs',
    });
  });

  it('NAVETTE_HOME puts everything, the policy included, in one folder on every OS', () => {
    expect(
      defaultAppPaths({ NAVETTE_HOME: '/opt/nav', XDG_DATA_HOME: '/x' }, 'linux', '/h'),
    ).toEqual({
      configDir: '/opt/nav',
      configFile: '/opt/nav/settings.json',
      policyFile: '/opt/nav/policy.json',
      dataDir: '/opt/nav',
      logDir: '/opt/nav/logs',
    });
    expect(defaultAppPaths({ NAVETTE_HOME: 'E:\\Navette' }, 'win32', 'C:\\U')).toMatchObject({
      configFile: 'E:\\Navette\\settings.json',
      policyFile: 'E:\\Navette\\policy.json',
      logDir: 'E:\\Navette\\logs',
    });
    expect(
      defaultAppPaths({ NAVETTE_HOME: '/Volumes/Cle/Navette' }, 'darwin', '/Users/m'),
    ).toMatchObject({
      dataDir: '/Volumes/Cle/Navette',
      policyFile: '/Volumes/Cle/Navette/policy.json',
    });
  });

  it('uses the real platform and home folder by default', () => {
    const home = path.resolve('navette-home');
    const paths = defaultAppPaths({ NAVETTE_HOME: home });
    expect(paths.configFile).toBe(path.join(home, 'settings.json'));
    expect(defaultAppPaths({}).configFile).toContain(os.homedir());
  });
});
