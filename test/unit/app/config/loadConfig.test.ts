// The layers (defaults ← policy ← user ← command line), the policy locks, and what happens to
// files and fields that cannot be used: reported in French, naming the field and the expected
// value, and Navette runs on a valid configuration anyway.
import { mkdirSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_CONFIG,
  loadConfig,
  NavetteConfigSchema,
  type ConfigProblem,
} from '../../../../src/app/config/index.js';
import { removeTempDirs } from '../../../support/tempDir.js';
import { configFiles } from './configFiles.js';

afterEach(removeTempDirs);

function only(problems: readonly ConfigProblem[]): ConfigProblem {
  expect(problems).toHaveLength(1);
  return problems[0] as ConfigProblem;
}

describe('loadConfig: layers', () => {
  it('gives the defaults when there is no file (absent files are not problems)', () => {
    const f = configFiles();
    const loaded = loadConfig({ policyFile: f.policyFile, userFile: f.userFile });
    expect(loaded.config).toEqual(DEFAULT_CONFIG);
    expect(loaded.problems).toEqual([]);
    expect(loaded.sources.map((s) => [s.layer, s.state])).toEqual([
      ['defaults', 'used'],
      ['policy', 'absent'],
      ['user', 'absent'],
    ]);
    expect(loaded.config.demo).toBe(false);
    expect(loaded.config.server).toEqual({ port: 7411, host: '127.0.0.1' });
    expect(loaded.config.dmp.endpoint).toMatch(
      /^https:\/\/127\.0\.0\.1:\d+\/si-dmp-server\/v2\/services$/,
    );
  });

  it('applies policy over defaults, user over policy, command line over user', () => {
    const f = configFiles();
    f.writePolicy({
      configVersion: 2,
      dmp: { endpoint: 'https://dmp.example.fr/si-dmp-server/v2/services', authMode: 'indirect' },
      logging: { level: 'warn' },
      structure: { id: '1750803447', name: 'Cabinet du Parc' },
    });
    f.writeUser({
      configVersion: 2,
      logging: { level: 'debug', retentionDays: 7 },
      watch: { folders: ['/srv/export'] },
      server: { port: 8000 },
    });
    const loaded = loadConfig({
      policyFile: f.policyFile,
      userFile: f.userFile,
      overrides: { server: { port: 0 }, demo: true },
    });
    expect(loaded.problems).toEqual([]);
    const c = loaded.config;
    expect(c.dmp).toEqual({
      endpoint: 'https://dmp.example.fr/si-dmp-server/v2/services',
      authMode: 'indirect',
      trustAnchors: [],
      signatureAlgorithm: 'rsa-sha256',
    });
    expect(c.structure).toEqual({ id: '1750803447', name: 'Cabinet du Parc' });
    expect(c.logging).toEqual({ ...DEFAULT_CONFIG.logging, level: 'debug', retentionDays: 7 });
    expect(c.watch.folders).toEqual(['/srv/export']);
    expect(c.server.port).toBe(0);
    expect(c.demo).toBe(true);
    expect(NavetteConfigSchema.parse(c)).toEqual(c);
    expect(loaded.sources.map((s) => s.state)).toEqual(['used', 'used', 'used', 'used']);
  });

  it('replaces lists whole and lets null remove a value of a lower layer', () => {
    const f = configFiles();
    f.writePolicy({
      configVersion: 2,
      watch: { folders: ['/a', '/b'] },
      structure: { p12: '/etc/s.p12' },
    });
    f.writeUser({ configVersion: 2, watch: { folders: ['/c'] }, structure: { p12: null } });
    const { config, problems } = loadConfig({ policyFile: f.policyFile, userFile: f.userFile });
    expect(problems).toEqual([]);
    expect(config.watch.folders).toEqual(['/c']);
    expect(config.structure).toEqual({});
  });

  it('does not change the defaults object between loads', () => {
    const f = configFiles();
    f.writeUser({ configVersion: 2, watch: { folders: ['/x'] } });
    loadConfig({ userFile: f.userFile }).config.watch.folders.push('/y');
    expect(DEFAULT_CONFIG.watch.folders).toEqual([]);
    expect(Object.isFrozen(DEFAULT_CONFIG.watch)).toBe(true);
  });
});

describe('loadConfig: bad fields', () => {
  it('names the field and the expected value, and keeps the other fields of the file', () => {
    const f = configFiles();
    f.writeUser({ server: { port: 'sept' }, logging: { level: 'debug' } });
    const loaded = loadConfig({ userFile: f.userFile });
    const p = only(loaded.problems);
    expect(p).toMatchObject({
      code: 'CONFIG_FIELD_INVALID',
      file: f.userFile,
      field: 'server.port',
    });
    expect(p.expected).toBe(
      'un nombre entier entre 0 et 65535 (0 : un port libre choisi au démarrage)',
    );
    expect(p.message).toContain('« server.port »');
    expect(p.message).toContain('"sept"');
    expect(p.message).toContain(p.expected);
    expect(loaded.config.server.port).toBe(7411);
    expect(loaded.config.logging.level).toBe('debug');
    expect(loaded.sources[1]).toMatchObject({ layer: 'user', state: 'partial' });
  });

  it('falls back to the policy value, not the default, for a bad user field', () => {
    const f = configFiles();
    f.writePolicy({ configVersion: 2, server: { port: 9000 } });
    f.writeUser({ configVersion: 2, server: { port: 70000 } });
    const loaded = loadConfig({ policyFile: f.policyFile, userFile: f.userFile });
    expect(only(loaded.problems).field).toBe('server.port');
    expect(loaded.config.server.port).toBe(9000);
  });

  it('reports every bad field of a file, each with its expected value', () => {
    const f = configFiles();
    f.writeUser({
      configVersion: 2,
      server: { host: '0.0.0.0' },
      dmp: { endpoint: 'http://dmp.example.fr/', signatureAlgorithm: 'md5' },
      watch: { polling: 'sometimes', stableDelayMs: 1.5 },
      import: { namePattern: '{date}_{nom}' },
      logging: 'verbeux',
    });
    const { problems, config } = loadConfig({ userFile: f.userFile });
    const byField = Object.fromEntries(problems.map((p) => [p.field, p]));
    expect(Object.keys(byField).sort()).toEqual([
      'dmp.endpoint',
      'dmp.signatureAlgorithm',
      'import.namePattern',
      'logging',
      'server.host',
      'watch.polling',
      'watch.stableDelayMs',
    ]);
    expect(byField['server.host']?.expected).toContain('127.0.0.1');
    expect(byField['dmp.endpoint']?.expected).toContain('https://');
    expect(byField['dmp.signatureAlgorithm']?.expected).toBe('« rsa-sha256 » ou « rsa-sha1 »');
    expect(byField['watch.polling']?.expected).toContain('« auto »');
    expect(byField['import.namePattern']?.expected).toContain('{uniqueId}');
    expect(byField['logging']?.message).toContain('« logging »');
    expect(byField['logging']?.expected).toContain('« level »');
    expect(config).toEqual(DEFAULT_CONFIG);
  });

  it('reports unknown fields with the known ones, at every level', () => {
    const f = configFiles();
    f.writeUser({ configVersion: 2, server: { prot: 8000 }, theme: 'sombre', demo: true });
    const { problems, config } = loadConfig({ userFile: f.userFile });
    expect(problems.map((p) => [p.code, p.field])).toEqual([
      ['CONFIG_FIELD_UNKNOWN', 'server.prot'],
      ['CONFIG_FIELD_UNKNOWN', 'theme'],
    ]);
    expect(problems[0]?.message).toContain("« server.prot » n'existe pas");
    expect(problems[0]?.expected).toContain('port, host');
    expect(config.demo).toBe(true);
  });

  it('drops a whole list when one of its elements is bad', () => {
    const f = configFiles();
    f.writePolicy({ configVersion: 2, watch: { folders: ['/policy'] } });
    f.writeUser({ configVersion: 2, watch: { folders: ['/ok', ''] } });
    const { problems, config } = loadConfig({ policyFile: f.policyFile, userFile: f.userFile });
    expect(only(problems).field).toBe('watch.folders');
    expect(config.watch.folders).toEqual(['/policy']);
  });

  it('treats a null on a required field as a bad value', () => {
    const f = configFiles();
    f.writeUser({ configVersion: 2, server: { port: null } });
    const { problems, config } = loadConfig({ userFile: f.userFile });
    expect(only(problems)).toMatchObject({ field: 'server.port', code: 'CONFIG_FIELD_INVALID' });
    expect(config.server.port).toBe(7411);
  });

  it('validates command-line overrides too', () => {
    const { problems, config, sources } = loadConfig({ overrides: { server: { port: -1 } } });
    expect(only(problems)).toMatchObject({ file: 'ligne de commande', field: 'server.port' });
    expect(config.server.port).toBe(7411);
    expect(sources[1]).toEqual({ layer: 'overrides', state: 'partial' });
  });
});

describe('loadConfig: --watch adds export folders', () => {
  it('adds the command-line folders to the configured ones, once each', () => {
    const f = configFiles();
    f.writeUser({ configVersion: 2, watch: { folders: ['/srv/export'] } });
    const { config, problems } = loadConfig({
      userFile: f.userFile,
      addedWatchFolders: ['/srv/export', '/srv/lots'],
    });
    expect(problems).toEqual([]);
    expect(config.watch.folders).toEqual(['/srv/export', '/srv/lots']);
    expect(loadConfig({ userFile: f.userFile }).config.watch.folders).toEqual(['/srv/export']);
  });
});

describe('loadConfig: files that cannot be used', () => {
  it('ignores a file that is not JSON, saying where the error is', () => {
    const f = configFiles();
    f.writeUser('{\n  "server": { "port": 8000 },\n}\n');
    const loaded = loadConfig({ userFile: f.userFile });
    const p = only(loaded.problems);
    expect(p).toMatchObject({ code: 'CONFIG_FILE_NOT_JSON', field: '(fichier entier)' });
    expect(p.message).toContain('ligne 3, colonne 1');
    expect(loaded.config).toEqual(DEFAULT_CONFIG);
    expect(loaded.sources[1]).toMatchObject({ layer: 'user', state: 'ignored' });
  });

  it('says when a file is cut short', () => {
    const f = configFiles();
    f.writeUser('{"server": {"port": 8000}');
    expect(only(loadConfig({ userFile: f.userFile }).problems).message).toContain(
      'texte incomplet',
    );
  });

  it('ignores a file that is JSON but not an object', () => {
    const f = configFiles();
    f.writeUser('[1, 2]');
    expect(only(loadConfig({ userFile: f.userFile }).problems)).toMatchObject({
      code: 'CONFIG_FILE_NOT_OBJECT',
      expected: 'un objet JSON { … }',
    });
  });

  it('reads a file saved with a UTF-8 byte-order mark (Windows Notepad)', () => {
    const f = configFiles();
    f.writeUser('\ufeff{"configVersion": 2, "server": {"port": 8100}}');
    const loaded = loadConfig({ userFile: f.userFile });
    expect(loaded.problems).toEqual([]);
    expect(loaded.config.server.port).toBe(8100);
  });

  it('refuses a file written by a newer Navette, and an invalid version', () => {
    const f = configFiles();
    f.writeUser({ configVersion: 3, server: { port: 8000 } });
    const newer = loadConfig({ userFile: f.userFile });
    expect(only(newer.problems)).toMatchObject({
      code: 'CONFIG_VERSION_NEWER',
      field: 'configVersion',
    });
    expect(newer.problems[0]?.message).toContain('version plus récente de Navette');
    expect(newer.config.server.port).toBe(7411);
    expect(newer.sources[1]).toMatchObject({ state: 'ignored', version: 3 });

    f.writeUser({ configVersion: 'deux', server: { port: 8000 } });
    const invalid = loadConfig({ userFile: f.userFile });
    expect(only(invalid.problems)).toMatchObject({
      code: 'CONFIG_VERSION_INVALID',
      expected: 'un nombre entier entre 1 et 2',
    });
    expect(invalid.config.server.port).toBe(7411);
  });

  it('reports a folder where a file should be', () => {
    const f = configFiles();
    mkdirSync(f.userFile);
    const p = only(loadConfig({ userFile: f.userFile }).problems);
    expect(p.code).toBe('CONFIG_FILE_UNREADABLE');
    expect(p.message).toContain("c'est un dossier");
  });
});

describe('loadConfig: policy locks', () => {
  it('keeps the policy value of a locked field and reports the user value', () => {
    const f = configFiles();
    const endpoint = 'https://dmp.example.fr/si-dmp-server/v2/services';
    f.writePolicy({ configVersion: 2, dmp: { endpoint }, locked: ['dmp.endpoint', 'updates'] });
    f.writeUser({
      configVersion: 2,
      dmp: { endpoint: 'https://ailleurs.example/', authMode: 'indirect' },
      updates: { enabled: true },
    });
    const loaded = loadConfig({ policyFile: f.policyFile, userFile: f.userFile });
    expect(loaded.locked).toEqual(['dmp.endpoint', 'updates']);
    expect(loaded.config.dmp.endpoint).toBe(endpoint);
    expect(loaded.config.dmp.authMode).toBe('indirect');
    expect(loaded.config.updates.enabled).toBe(false);
    expect(loaded.problems.map((p) => [p.code, p.file, p.field])).toEqual([
      ['CONFIG_FIELD_LOCKED', f.userFile, 'dmp.endpoint'],
      ['CONFIG_FIELD_LOCKED', f.userFile, 'updates'],
    ]);
    expect(loaded.problems[0]?.message).toContain("fixé par la politique de l'administrateur");
    expect(loaded.problems[0]?.message).toContain(f.policyFile);
  });

  it('locks a field at Navette default when the policy does not set it', () => {
    const f = configFiles();
    f.writePolicy({ configVersion: 2, locked: ['demo'] });
    f.writeUser({ configVersion: 2, demo: true });
    const loaded = loadConfig({
      policyFile: f.policyFile,
      userFile: f.userFile,
      overrides: { demo: true },
    });
    expect(loaded.config.demo).toBe(false);
    expect(loaded.problems.map((p) => p.file)).toEqual([f.userFile, 'ligne de commande']);
  });

  it('does not let a user remove a section holding a locked field', () => {
    const f = configFiles();
    f.writePolicy({ configVersion: 2, dmp: { authMode: 'indirect' }, locked: ['dmp.authMode'] });
    f.writeUser({ configVersion: 2, dmp: null });
    const loaded = loadConfig({ policyFile: f.policyFile, userFile: f.userFile });
    expect(loaded.config.dmp.authMode).toBe('indirect');
    expect(only(loaded.problems)).toMatchObject({
      code: 'CONFIG_FIELD_LOCKED',
      field: 'dmp.authMode',
    });
  });

  it('reports lock entries that name no field, and keeps the others', () => {
    const f = configFiles();
    f.writePolicy({ configVersion: 2, locked: ['dmp.endpoint', 'dmp.endpont', 42] });
    const loaded = loadConfig({ policyFile: f.policyFile });
    expect(loaded.locked).toEqual(['dmp.endpoint']);
    expect(loaded.problems.map((p) => [p.code, p.field])).toEqual([
      ['CONFIG_LOCK_INVALID', 'locked'],
      ['CONFIG_LOCK_INVALID', 'locked'],
    ]);
    f.writePolicy({ configVersion: 2, locked: 'dmp.endpoint' });
    expect(only(loadConfig({ policyFile: f.policyFile }).problems).code).toBe(
      'CONFIG_LOCK_INVALID',
    );
  });

  it('treats "locked" in the user file as an unknown field', () => {
    const f = configFiles();
    f.writeUser({ configVersion: 2, locked: ['demo'] });
    expect(only(loadConfig({ userFile: f.userFile }).problems)).toMatchObject({
      code: 'CONFIG_FIELD_UNKNOWN',
      field: 'locked',
    });
  });
});
