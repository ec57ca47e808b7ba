// Saving settings: only the user file, merged, validated first, written atomically.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigSaveError, loadConfig, saveUserSettings } from '../../../../src/app/config/index.js';
import { makeTempDir, removeTempDirs } from '../../../support/tempDir.js';
import { configFiles } from './configFiles.js';

afterEach(removeTempDirs);

function read(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8'));
}

function saveError(fn: () => unknown): ConfigSaveError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigSaveError);
    return error as ConfigSaveError;
  }
  throw new Error('expected a ConfigSaveError');
}

describe('saveUserSettings', () => {
  it('creates the folder and the file in the current version, private to the user', () => {
    const file = path.join(makeTempDir(), 'a', 'b', 'settings.json');
    const result = saveUserSettings(file, { server: { port: 8000 } });
    expect(result).toEqual({ file, saved: { configVersion: 2, server: { port: 8000 } } });
    expect(read(file)).toEqual({ configVersion: 2, server: { port: 8000 } });
    expect(readFileSync(file, 'utf8').endsWith('}\n')).toBe(true);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(path.dirname(file))).toEqual(['settings.json']); // no temporary file left
  });

  it('merges into what the file holds; lists replace; null removes', () => {
    const f = configFiles();
    f.writeUser({
      configVersion: 2,
      server: { port: 8000 },
      watch: { folders: ['/a', '/b'], stableDelayMs: 5000 },
      structure: { name: 'Cabinet', p12: '/s.p12' },
    });
    saveUserSettings(f.userFile, {
      watch: { folders: ['/c'] },
      structure: { p12: null, name: null },
      logging: { level: 'debug' },
    });
    expect(read(f.userFile)).toEqual({
      configVersion: 2,
      server: { port: 8000 },
      watch: { folders: ['/c'], stableDelayMs: 5000 },
      logging: { level: 'debug' },
    });
    expect(loadConfig({ userFile: f.userFile }).problems).toEqual([]);
  });

  it('writes nothing when a value is invalid, and says which field expects what', () => {
    const f = configFiles();
    f.writeUser({ configVersion: 2, server: { port: 8000 } });
    const before = readFileSync(f.userFile, 'utf8');
    const error = saveError(() => saveUserSettings(f.userFile, { server: { port: 'sept' } }));
    expect(error.code).toBe('CONFIG_SAVE_INVALID');
    expect(error.message).toContain('« server.port »');
    expect(error.message).toContain('un nombre entier entre 0 et 65535');
    expect(readFileSync(f.userFile, 'utf8')).toBe(before);
    expect(saveError(() => saveUserSettings(f.userFile, { colour: 'bleu' })).code).toBe(
      'CONFIG_SAVE_INVALID',
    );
  });

  it('refuses a locked field, or a section holding one', () => {
    const f = configFiles();
    const locked = ['dmp.endpoint'];
    const e = saveError(() =>
      saveUserSettings(f.userFile, { dmp: { endpoint: 'https://x.example/' } }, { locked }),
    );
    expect(e.code).toBe('CONFIG_SAVE_LOCKED');
    expect(e.message).toContain('« dmp.endpoint »');
    expect(saveError(() => saveUserSettings(f.userFile, { dmp: null }, { locked })).code).toBe(
      'CONFIG_SAVE_LOCKED',
    );
    saveUserSettings(f.userFile, { dmp: { authMode: 'indirect' } }, { locked });
    expect(read(f.userFile)).toEqual({ configVersion: 2, dmp: { authMode: 'indirect' } });
  });

  it('refuses to overwrite a file of a newer Navette', () => {
    const f = configFiles();
    f.writeUser({ configVersion: 3, futureField: true });
    const before = readFileSync(f.userFile, 'utf8');
    expect(saveError(() => saveUserSettings(f.userFile, { demo: true })).code).toBe(
      'CONFIG_SAVE_NEWER_VERSION',
    );
    expect(readFileSync(f.userFile, 'utf8')).toBe(before);
  });

  it('keeps a copy of a file that is not valid JSON before replacing it', () => {
    const f = configFiles();
    f.writeUser('{ "server": { "port": 80');
    const result = saveUserSettings(
      f.userFile,
      { demo: true },
      {
        now: () => new Date('2026-03-04T05:06:07.890Z'),
      },
    );
    expect(result.backupFile).toBe(`${f.userFile}.invalide-20260304T050607Z`);
    expect(readFileSync(result.backupFile ?? '', 'utf8')).toBe('{ "server": { "port": 80');
    expect(read(f.userFile)).toEqual({ configVersion: 2, demo: true });
  });

  it('keeps the fields of a file whose version is invalid, and a copy of it', () => {
    const f = configFiles();
    writeFileSync(f.userFile, JSON.stringify({ configVersion: 'deux', demo: true }));
    const result = saveUserSettings(f.userFile, { server: { port: 8000 } });
    expect(result.backupFile).toBeDefined();
    expect(existsSync(result.backupFile ?? '')).toBe(true);
    expect(read(f.userFile)).toEqual({ configVersion: 2, demo: true, server: { port: 8000 } });
  });

  it('reports a file system refusal as a French error', () => {
    const dir = makeTempDir();
    const blocker = path.join(dir, 'not-a-folder');
    writeFileSync(blocker, '');
    const e = saveError(() =>
      saveUserSettings(path.join(blocker, 'settings.json'), { demo: true }),
    );
    expect(e.code).toBe('CONFIG_SAVE_FAILED');
    expect(e.message).toMatch(/^Les réglages n'ont pas été enregistrés : /);
    expect(existsSync(blocker)).toBe(true);
  });
});
