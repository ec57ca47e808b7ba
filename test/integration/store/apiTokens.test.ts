// Migration 0040 and the API token repository on real SQLite files.
import { describe, expect, it } from 'vitest';
import {
  ApiTokenError,
  ApiTokenRepository,
  MIGRATIONS,
  PREFIX_LENGTH,
  TOKEN_LENGTH,
  openDatabase,
  schemaVersion,
} from '../../../src/store/index.js';
import { queryPlan, tempDbFile } from './tempDb.js';

describe('migration 0040-api-tokens', () => {
  it('creates api_tokens with a unique live name and a unique hash', () => {
    const db = openDatabase(tempDbFile());
    expect(MIGRATIONS.find((m) => m.version === 40)?.name).toBe('api-tokens');
    expect(schemaVersion(db)).toBeGreaterThanOrEqual(40);
    const columns = (db.pragma('table_info(api_tokens)') as { name: string }[]).map((c) => c.name);
    expect(columns).toEqual([
      'id',
      'name',
      'prefix',
      'token_hash',
      'created_at',
      'last_used_at',
      'revoked_at',
    ]);
    const insert = db.prepare(
      "INSERT INTO api_tokens (name, prefix, token_hash, created_at) VALUES (?, 'nvt_abcd', ?, 'x')",
    );
    insert.run('a', 'a'.repeat(64));
    expect(() => insert.run('a', 'b'.repeat(64))).toThrow(/UNIQUE/);
    expect(() => insert.run('b', 'a'.repeat(64))).toThrow(/UNIQUE/);
    expect(() => insert.run('c', 'short')).toThrow(/CHECK/);
    db.prepare("UPDATE api_tokens SET revoked_at = 'y' WHERE name = 'a'").run();
    insert.run('a', 'c'.repeat(64)); // a revoked name may be reused
    expect(
      queryPlan(db, 'SELECT id FROM api_tokens WHERE revoked_at IS NULL AND name = ?', 'a').join(),
    ).toContain('api_tokens_live_name');
    db.close();
  });
});

describe('ApiTokenRepository', () => {
  it('creates a token shown once and stores only its SHA-256', () => {
    const db = openDatabase(tempDbFile());
    const repo = new ApiTokenRepository(db, { now: () => new Date('2026-01-02T03:04:05Z') });
    const { token, info } = repo.create('logiciel-médecin');
    expect(token).toMatch(/^nvt_[A-Za-z0-9_-]{43}$/);
    expect(token).toHaveLength(TOKEN_LENGTH);
    expect(info).toMatchObject({
      name: 'logiciel-médecin',
      prefix: token.slice(0, PREFIX_LENGTH),
      createdAt: new Date('2026-01-02T03:04:05Z'),
      lastUsedAt: null,
      revokedAt: null,
    });
    const dump = JSON.stringify(db.prepare('SELECT * FROM api_tokens').all());
    expect(dump).not.toContain(token);
    expect(dump).not.toContain(token.slice(PREFIX_LENGTH));
    expect(repo.create('autre').token).not.toBe(token);
    db.close();
  });

  it('verifies good tokens, refuses wrong and revoked ones, and lists without secrets', () => {
    let now = new Date('2026-01-01T00:00:00Z');
    const db = openDatabase(tempDbFile());
    const repo = new ApiTokenRepository(db, { now: () => now });
    const a = repo.create('a');
    const b = repo.create('b');
    expect(repo.verify(a.token)).toEqual({ id: a.info.id, name: 'a', prefix: a.info.prefix });
    expect(repo.verify(b.token)?.name).toBe('b');
    const wrong = a.token.slice(0, -1) + (a.token.endsWith('A') ? 'B' : 'A');
    expect(repo.verify(wrong)).toBeUndefined();
    expect(repo.verify('')).toBeUndefined();
    expect(repo.verify(`${a.token} `)).toBeUndefined();

    expect(repo.list().map((t) => t.lastUsedAt?.toISOString())).toEqual([
      '2026-01-01T00:00:00.000Z',
      '2026-01-01T00:00:00.000Z',
    ]);
    // last_used_at is written at most once a minute.
    now = new Date('2026-01-01T00:00:30Z');
    repo.verify(a.token);
    expect(repo.list()[0]?.lastUsedAt?.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    now = new Date('2026-01-01T00:01:01Z');
    repo.verify(a.token);
    expect(repo.list()[0]?.lastUsedAt?.toISOString()).toBe('2026-01-01T00:01:01.000Z');

    const revoked = repo.revoke('a');
    expect(revoked.revokedAt).toEqual(now);
    expect(repo.verify(a.token)).toBeUndefined();
    expect(repo.list().map((t) => t.name)).toEqual(['b']);
    expect(repo.list({ includeRevoked: true }).map((t) => t.name)).toEqual(['a', 'b']);
    expect(JSON.stringify(repo.list({ includeRevoked: true }))).not.toContain(b.token);
    db.close();
  });

  it('refuses a taken or malformed name and revoking an unknown one', () => {
    const db = openDatabase(tempDbFile());
    const repo = new ApiTokenRepository(db);
    repo.create('a');
    expect(() => repo.create('a')).toThrow(ApiTokenError);
    expect(() => repo.create('a')).toThrow(/existe déjà/);
    for (const bad of ['', ' a', '-a', 'a'.repeat(65), 'a/b', 'a\nb']) {
      expect(() => repo.create(bad), bad).toThrow(
        expect.objectContaining({ code: 'API_TOKEN_NAME_INVALID' }),
      );
    }
    expect(() => repo.revoke('inconnu')).toThrow(
      expect.objectContaining({ code: 'API_TOKEN_NOT_FOUND' }),
    );
    repo.revoke('a');
    expect(repo.create('a').info.name).toBe('a'); // rotation: revoke, then create again
    db.close();
  });

  it('sees tokens created and revoked through another connection at once', () => {
    const file = tempDbFile();
    const serviceDb = openDatabase(file);
    const service = new ApiTokenRepository(serviceDb);
    const cliDb = openDatabase(file);
    const created = new ApiTokenRepository(cliDb).create('cli');
    expect(service.verify(created.token)?.name).toBe('cli');
    new ApiTokenRepository(cliDb).revoke('cli');
    expect(service.verify(created.token)).toBeUndefined();
    cliDb.close();
    serviceDb.close();
  });
});
