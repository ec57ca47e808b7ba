// Migration 0030 outbox: the schema, its constraints and the query plans the repository relies on.
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, openDatabase, type Database } from '../../../src/store/index.js';
import { OUTBOX_STATES } from '../../../src/store/outbox/index.js';
import { queryPlan, tempDbFile } from './tempDb.js';

const open: Database[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

function migrateTo(version: number): Database {
  const db = openDatabase(tempDbFile(), {
    migrations: MIGRATIONS.filter((m) => m.version <= version),
  });
  open.push(db);
  return db;
}

const HASH = 'a'.repeat(64);
const AT = '2025-05-12T08:00:00.000Z';

function insert(db: Database, values: Record<string, unknown>): void {
  const row = {
    state: 'queued',
    unique_id: '1.2.3^1',
    content_hash: HASH,
    file_name: 'cr.xml',
    next_at: AT,
    created_at: AT,
    updated_at: AT,
    ...values,
  };
  const cols = Object.keys(row);
  db.prepare(
    `INSERT INTO outbox (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`,
  ).run(row);
}

describe('migration 0030 outbox', () => {
  it('is listed after the audit journal and creates the three STRICT tables and their indexes', () => {
    expect(MIGRATIONS.map((m) => `${m.version}-${m.name}`)).toContain('30-outbox');
    const db = migrateTo(30);
    expect(db.pragma('user_version', { simple: true })).toBe(30);
    const names = (type: string): string[] =>
      (
        db
          .prepare(
            `SELECT name FROM sqlite_schema WHERE type = ? AND name LIKE 'outbox%' ORDER BY name`,
          )
          .all(type) as { name: string }[]
      ).map((r) => r.name);
    expect(names('table')).toEqual(['outbox', 'outbox_batch', 'outbox_payload']);
    expect(names('index')).toEqual([
      'outbox_batch_state',
      'outbox_due',
      'outbox_duplicate_of',
      'outbox_in_flight',
      'outbox_live_hash',
      'outbox_live_unique_id',
      'outbox_unplaced',
    ]);
    for (const table of ['outbox', 'outbox_batch', 'outbox_payload']) {
      const [flags] = db.pragma(`table_list(${table})`) as { strict: number }[];
      expect(flags?.strict, table).toBe(1);
    }
    const fks = db.pragma('foreign_key_list(outbox)') as { table: string; from: string }[];
    expect(fks.map((f) => `${f.from}->${f.table}`).sort()).toEqual([
      'batch_id->outbox_batch',
      'duplicate_of->outbox',
    ]);
  });

  it('accepts exactly the outbox states and refuses malformed rows', () => {
    const db = migrateTo(30);
    OUTBOX_STATES.forEach((state, i) => {
      const extra =
        state === 'duplicate'
          ? { duplicate_of: 1, unique_id: `d${i}` }
          : { unique_id: `u${i}`, content_hash: String(i).repeat(64) };
      insert(db, { state, ...extra });
    });
    expect(() => insert(db, { state: 'pending', unique_id: 'x' })).toThrow(/CHECK/);
    expect(() => insert(db, { content_hash: 'A'.repeat(64), unique_id: 'y' })).toThrow(/CHECK/);
    expect(() => insert(db, { content_hash: 'short', unique_id: 'y' })).toThrow(/CHECK/);
    // A live row must carry its uniqueId; a queued one its due time.
    expect(() => insert(db, { unique_id: null })).toThrow(/CHECK/);
    expect(() => insert(db, { unique_id: 'z', next_at: null })).toThrow(/CHECK/);
    // duplicate ⇔ duplicate_of
    expect(() => insert(db, { state: 'duplicate', unique_id: 'w' })).toThrow(/CHECK/);
    expect(() => insert(db, { unique_id: 'v', duplicate_of: 1 })).toThrow(/CHECK/);
    // claim_id and claim_dir come together
    expect(() => insert(db, { unique_id: 'c', claim_id: 'c1' })).toThrow(/CHECK/);
    expect(() => insert(db, { unique_id: 'j', receipt: 'not json' })).toThrow(/CHECK/);
    expect(() => insert(db, { unique_id: 'k', batch_id: 99 })).toThrow(/FOREIGN KEY/);
  });

  it('never lets two live rows carry the same uniqueId, but allows a new try after a refusal', () => {
    const db = migrateTo(30);
    insert(db, { unique_id: 'same' });
    expect(() => insert(db, { unique_id: 'same', state: 'sending' })).toThrow(/UNIQUE/);
    db.prepare(`UPDATE outbox SET state = 'refused' WHERE unique_id = 'same'`).run();
    insert(db, { unique_id: 'same' });
    expect(() => insert(db, { unique_id: 'same', state: 'sent' })).toThrow(/UNIQUE/);
    insert(db, { unique_id: 'same', state: 'failed' });
    expect(db.prepare(`SELECT count(*) AS n FROM outbox WHERE unique_id = 'same'`).get()).toEqual({
      n: 3,
    });
  });

  it('answers the repository queries from its indexes', () => {
    const db = migrateTo(30);
    const live = `('queued', 'sending', 'retry-wait', 'sent')`;
    expect(
      queryPlan(
        db,
        `SELECT id FROM outbox WHERE state IN ('queued', 'retry-wait') AND next_at <= ?
         ORDER BY next_at, id LIMIT 1`,
        AT,
      ),
    ).toEqual(['SEARCH outbox USING INDEX outbox_due (next_at<?)']);
    expect(
      queryPlan(db, `SELECT min(next_at) FROM outbox WHERE state IN ('queued', 'retry-wait')`),
    ).toEqual(['SEARCH outbox USING INDEX outbox_due']);
    expect(
      queryPlan(db, `SELECT id FROM outbox WHERE unique_id = ? AND state IN ${live}`, 'u'),
    ).toEqual(['SEARCH outbox USING INDEX outbox_live_unique_id (unique_id=?)']);
    expect(
      queryPlan(
        db,
        `SELECT id FROM outbox WHERE content_hash = ? AND state IN ${live} ORDER BY id LIMIT 1`,
        HASH,
      ),
    ).toEqual(['SEARCH outbox USING INDEX outbox_live_hash (content_hash=?)']);
    expect(queryPlan(db, `SELECT id FROM outbox WHERE claim_id = ?`, 'c')).toEqual([
      'SEARCH outbox USING COVERING INDEX sqlite_autoindex_outbox_1 (claim_id=?)',
    ]);
    expect(
      queryPlan(
        db,
        `SELECT id FROM outbox WHERE placed_at IS NULL AND claim_id IS NOT NULL
         AND state IN ('sent', 'refused', 'failed', 'duplicate') ORDER BY id`,
      ),
    ).toEqual(['SCAN outbox USING INDEX outbox_unplaced']);
    expect(
      queryPlan(db, `SELECT state, count(*) FROM outbox WHERE batch_id = ? GROUP BY state`, 1),
    ).toEqual(['SEARCH outbox USING COVERING INDEX outbox_batch_state (batch_id=?)']);
    expect(queryPlan(db, `UPDATE outbox SET next_at = ? WHERE state = 'sending'`, AT)).toEqual([
      'SCAN outbox USING INDEX outbox_in_flight',
    ]);
  });
});
