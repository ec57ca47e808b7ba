// The schema and its defaults: the defaults are valid, every field says in French what it expects,
// unknown fields are refused, and docs/configuration.md documents every field.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CONFIG,
  defaultConfig,
  expectedAt,
  isKnownFieldPath,
  knownFieldPaths,
  NavetteConfigSchema,
} from '../../../../src/app/config/index.js';
import { REPO_ROOT } from '../../../support/paths.js';

describe('configuration schema', () => {
  it('accepts the defaults as they are', () => {
    expect(NavetteConfigSchema.parse(DEFAULT_CONFIG)).toEqual(DEFAULT_CONFIG);
    expect(DEFAULT_CONFIG).toMatchObject({
      configVersion: 2,
      demo: false,
      server: { port: 7411, host: '127.0.0.1' },
      watch: { folders: [], rescanIntervalSec: 30, stableDelayMs: 2000, polling: 'auto' },
      card: { pollIntervalMs: 1500 },
      dmp: { authMode: 'direct', trustAnchors: [], signatureAlgorithm: 'rsa-sha256' },
      documents: { maxSizeMb: 100 },
      import: { namePattern: '{date}_{type}_{title}_{uniqueId}', autoImport: false },
      api: { tokens: [] },
      logging: { level: 'info', maxFileBytes: 10 * 1024 * 1024, maxFiles: 5, retentionDays: 30 },
      updates: { enabled: false },
    });
    const copy = defaultConfig();
    copy.watch.folders.push('/x');
    expect(DEFAULT_CONFIG.watch.folders).toEqual([]);
  });

  it('refuses unknown fields at every level', () => {
    expect(NavetteConfigSchema.safeParse({ ...DEFAULT_CONFIG, extra: 1 }).success).toBe(false);
    const server = { ...DEFAULT_CONFIG.server, hots: 'x' };
    expect(NavetteConfigSchema.safeParse({ ...DEFAULT_CONFIG, server }).success).toBe(false);
  });

  it('has a French expected value for every field', () => {
    const paths = knownFieldPaths();
    expect(paths).toContain('dmp.endpoint');
    expect(paths).toContain('documents.defaultVisibility.hiddenFromPatient');
    expect(paths.length).toBeGreaterThan(35);
    for (const p of paths) {
      const expected = expectedAt(p.split('.'));
      expect(expected, p).not.toBe('une valeur conforme à la documentation de la configuration');
      expect(expected, p).not.toMatch(/^(Invalid|expected)/);
    }
    expect(expectedAt(['api', 'tokens', 0, 'name'])).toBe('le nom du client (texte non vide)');
  });

  it('knows its field paths', () => {
    expect(isKnownFieldPath('dmp')).toBe(true);
    expect(isKnownFieldPath('watch.folders')).toBe(true);
    expect(isKnownFieldPath('watch.folders.x')).toBe(false);
    expect(isKnownFieldPath('dmp.')).toBe(false);
    expect(isKnownFieldPath('nothing')).toBe(false);
  });

  it('is documented field by field in docs/configuration.md', () => {
    const doc = readFileSync(path.join(REPO_ROOT, 'docs', 'configuration.md'), 'utf8');
    for (const p of knownFieldPaths()) expect(doc, p).toContain(`\`${p}\``);
  });

  it('accepts the values each field documents, and refuses the edges', () => {
    const withField = (section: string, field: string, value: unknown) => ({
      ...DEFAULT_CONFIG,
      [section]: {
        ...(DEFAULT_CONFIG as unknown as Record<string, object>)[section],
        [field]: value,
      },
    });
    const ok = (s: string, f: string, v: unknown) =>
      NavetteConfigSchema.safeParse(withField(s, f, v)).success;
    expect(ok('server', 'port', 0)).toBe(true);
    expect(ok('server', 'port', 65536)).toBe(false);
    expect(ok('dmp', 'endpoint', 'https://dmp.example.fr/si-dmp-server/v2/services')).toBe(true);
    expect(ok('dmp', 'endpoint', 'http://dmp.example.fr/')).toBe(false);
    expect(ok('import', 'namePattern', '{uniqueId}')).toBe(true);
    expect(ok('import', 'namePattern', '{date}/{uniqueId}')).toBe(false);
    expect(ok('import', 'namePattern', '{date}_{title}')).toBe(false);
    expect(ok('logging', 'maxFileBytes', 1000)).toBe(false);
    expect(ok('api', 'tokens', [{ name: 'logiciel', hash: 'sha256:0123456789abcdef' }])).toBe(true);
    expect(ok('api', 'tokens', [{ name: 'logiciel', token: 'secret' }])).toBe(false);
  });
});
