// The hash-chained audit journal on a real file: append, head, list, and tamper detection.
import { createHash, randomBytes } from 'node:crypto';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import {
  AUDIT_HEAD_KEY,
  AuditEntryInvalidError,
  AuditJournal,
  GENESIS_HASH,
  auditHash,
  openDatabase,
  patientReference,
  type AuditEntry,
  type Database,
  type JsonObject,
} from '../../../src/store/index.js';
import { tempDbFile } from './tempDb.js';

const open: { close(): unknown }[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

/** A clock that moves one minute per call from 2025-03-01T10:00Z. */
function steppingClock(): () => Date {
  let t = Date.parse('2025-03-01T10:00:00.000Z');
  return () => {
    const d = new Date(t);
    t += 60_000;
    return d;
  };
}

const KEY = randomBytes(32);
const PATIENT_A = patientReference(KEY, '185057800608436');
const PATIENT_B = patientReference(KEY, '277076322082910');

function entry(i: number, patientRef: string | null = PATIENT_A): AuditEntry {
  return {
    actor: '810002460427',
    structure: '10B0152872',
    patientRef,
    transaction: i % 2 === 0 ? 'TD2.1' : 'TD3.2',
    accessMode: 'NORMAL',
    result: 'success',
    details: { n: i, uniqueId: `1.2.250.1.213.1.1.9.${i}` },
  };
}

function journalWith(count: number): { file: string; db: Database; journal: AuditJournal } {
  const file = tempDbFile();
  const db = openDatabase(file);
  open.push(db);
  const journal = new AuditJournal(db, steppingClock());
  for (let i = 1; i <= count; i += 1) journal.append(entry(i, i % 3 === 0 ? PATIENT_B : PATIENT_A));
  return { file, db, journal };
}

/** Someone with the file and the sqlite3 tool: the append-only triggers do not stop them. */
function tamper(file: string, sql: string): void {
  const raw = new BetterSqlite3(file);
  raw.exec('DROP TRIGGER audit_journal_no_update; DROP TRIGGER audit_journal_no_delete;');
  raw.exec(sql);
  raw.close();
}

describe('AuditJournal.append', () => {
  it('stores the entry with the time from the clock, chained by the documented hash formula', () => {
    const { journal } = journalWith(0);
    const first = journal.append(entry(1));
    const expectedContent =
      '{"accessMode":"NORMAL","actor":"810002460427","at":"2025-03-01T10:00:00.000Z",' +
      '"details":{"n":1,"uniqueId":"1.2.250.1.213.1.1.9.1"},' +
      `"patientRef":"${PATIENT_A}","result":"success","structure":"10B0152872","transaction":"TD3.2"}`;
    const expectedHash = createHash('sha256')
      .update(GENESIS_HASH + expectedContent)
      .digest('hex');
    expect(first).toEqual({
      id: 1,
      at: '2025-03-01T10:00:00.000Z',
      actor: '810002460427',
      structure: '10B0152872',
      patientRef: PATIENT_A,
      transaction: 'TD3.2',
      accessMode: 'NORMAL',
      result: 'success',
      details: { n: 1, uniqueId: '1.2.250.1.213.1.1.9.1' },
      prevHash: GENESIS_HASH,
      hash: expectedHash,
    });

    const second = journal.append({
      actor: 'system',
      transaction: 'intake.quarantine',
      result: 'failure',
    });
    expect(second).toMatchObject({
      id: 2,
      at: '2025-03-01T10:01:00.000Z',
      structure: null,
      patientRef: null,
      accessMode: null,
      details: {},
      prevHash: expectedHash,
    });
    expect(journal.head()).toEqual({ count: 2, lastId: 2, hash: second.hash });
    expect(journal.verify()).toEqual({ ok: true, checked: 2 });
  });

  it('refuses a clear INS or other malformed fields without writing anything', () => {
    const { db, journal } = journalWith(0);
    const cases: [Partial<AuditEntry>, RegExp][] = [
      [{ patientRef: '185057800608436' }, /patientRef is not a keyed hash/],
      [{ patientRef: PATIENT_A.toUpperCase() }, /patientRef is not a keyed hash/],
      [{ actor: '' }, /actor is empty/],
      [{ structure: '' }, /structure is empty/],
      [{ result: 'x'.repeat(501) }, /result is too long/],
      [{ transaction: 'TD\uD800' }, /transaction is not valid text/],
      [{ details: { ratio: Number.NaN } }, /details is not representable as JSON/],
      [{ details: [1, 2] as unknown as JsonObject }, /details is not a JSON object/],
    ];
    for (const [patch, reason] of cases) {
      let error: unknown;
      try {
        journal.append({ ...entry(1), ...patch });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(AuditEntryInvalidError);
      expect((error as AuditEntryInvalidError).code).toBe('AUDIT_ENTRY_INVALID');
      expect(String((error as AuditEntryInvalidError).details['reason'])).toMatch(reason);
      // The refused value never appears in the error (it could be a patient identifier).
      expect(JSON.stringify((error as AuditEntryInvalidError).toJSON())).not.toContain(
        '185057800608436',
      );
    }
    expect(db.prepare('SELECT count(*) AS n FROM audit_journal').get()).toEqual({ n: 0 });
    expect(journal.head()).toEqual({ count: 0, lastId: 0, hash: GENESIS_HASH });
  });

  it('rolls back the entry and the head together when the surrounding transaction fails', () => {
    const { db, journal } = journalWith(2);
    const before = journal.head();
    expect(() =>
      db
        .transaction(() => {
          journal.append(entry(3));
          throw new Error('caller failed after journaling');
        })
        .immediate(),
    ).toThrow('caller failed');
    expect(journal.head()).toEqual(before);
    expect(journal.verify()).toEqual({ ok: true, checked: 2 });
  });

  it('keeps chaining across connections and reopenings', () => {
    const { file, journal } = journalWith(3);
    const db2 = openDatabase(file);
    open.push(db2);
    const other = new AuditJournal(db2, steppingClock());
    const headBefore = journal.head();
    expect(other.head()).toEqual(headBefore);
    const fourth = other.append(entry(4));
    expect(fourth.id).toBe(4);
    expect(fourth.prevHash).toBe(headBefore.hash);
    expect(journal.append(entry(5)).prevHash).toBe(fourth.hash);
    expect(other.verify()).toEqual({ ok: true, checked: 5 });
  });
});

describe('AuditJournal.list', () => {
  it('filters by time window and patient reference, with limit and offset', () => {
    const { journal } = journalWith(9); // at = 10:00 … 10:08, patient B for ids 3, 6, 9
    const ids = (q: Parameters<AuditJournal['list']>[0]): number[] =>
      journal.list(q).map((r) => r.id);
    expect(ids({})).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(
      ids({ from: new Date('2025-03-01T10:02:00Z'), to: new Date('2025-03-01T10:05:00Z') }),
    ).toEqual([3, 4, 5]);
    expect(ids({ patientRef: PATIENT_B })).toEqual([3, 6, 9]);
    expect(ids({ patientRef: PATIENT_B, from: new Date('2025-03-01T10:04:00Z') })).toEqual([6, 9]);
    expect(ids({ limit: 2, offset: 3 })).toEqual([4, 5]);
    expect(journal.list({ limit: 1 })[0]).toMatchObject({
      id: 1,
      transaction: 'TD3.2',
      details: { n: 1 },
    });
    expect(() => journal.list({ limit: 0 })).toThrow(RangeError);
    expect(() => journal.list({ offset: -1 })).toThrow(RangeError);
  });
});

describe('AuditJournal.verify', () => {
  it('accepts an empty journal and an intact one', () => {
    expect(journalWith(0).journal.verify()).toEqual({ ok: true, checked: 0 });
    expect(journalWith(6).journal.verify()).toEqual({ ok: true, checked: 6 });
  });

  it('detects a modified entry', () => {
    const { file, journal } = journalWith(5);
    tamper(file, `UPDATE audit_journal SET result = 'failure' WHERE id = 3`);
    expect(journal.verify()).toEqual({ ok: false, checked: 2, firstBadId: 3, problem: 'modified' });
  });

  it('detects modified details', () => {
    const { file, journal } = journalWith(5);
    tamper(file, `UPDATE audit_journal SET details = '{"n":4,"uniqueId":"forged"}' WHERE id = 4`);
    expect(journal.verify()).toEqual({ ok: false, checked: 3, firstBadId: 4, problem: 'modified' });
  });

  it('detects a deleted middle entry', () => {
    const { file, journal } = journalWith(5);
    tamper(file, 'DELETE FROM audit_journal WHERE id = 3');
    expect(journal.verify()).toEqual({ ok: false, checked: 2, firstBadId: 3, problem: 'deleted' });
  });

  it('detects a deleted first entry', () => {
    const { file, journal } = journalWith(3);
    tamper(file, 'DELETE FROM audit_journal WHERE id = 1');
    expect(journal.verify()).toEqual({ ok: false, checked: 0, firstBadId: 1, problem: 'deleted' });
  });

  it('detects a deleted last entry through the head, even after further appends', () => {
    const { file, journal } = journalWith(5);
    tamper(file, 'DELETE FROM audit_journal WHERE id = 5');
    expect(journal.verify()).toEqual({ ok: false, checked: 4, firstBadId: 5, problem: 'deleted' });
    journal.append(entry(6));
    expect(journal.verify()).toEqual({ ok: false, checked: 4, firstBadId: 5, problem: 'deleted' });
  });

  it('detects the deletion of the last entries together with the head', () => {
    const { file, journal } = journalWith(4);
    tamper(
      file,
      `DELETE FROM audit_journal WHERE id = 4; DELETE FROM settings WHERE key = '${AUDIT_HEAD_KEY}'`,
    );
    expect(journal.verify()).toEqual({ ok: false, checked: 3, problem: 'deleted' });
  });

  it('detects reordered entries', () => {
    const { file, journal } = journalWith(5);
    tamper(
      file,
      `UPDATE audit_journal SET id = -2 WHERE id = 2;
                  UPDATE audit_journal SET id = 2 WHERE id = 3;
                  UPDATE audit_journal SET id = 3 WHERE id = -2;`,
    );
    expect(journal.verify()).toEqual({
      ok: false,
      checked: 1,
      firstBadId: 2,
      problem: 'reordered',
    });
  });

  it('detects an entry appended outside Navette, hash recomputed, head not moved', () => {
    const { file, journal } = journalWith(2);
    const last = journal.list({ limit: 10 })[1]!;
    const forged = { ...last, at: '2025-03-01T11:00:00.000Z', result: 'forged' };
    // Whoever forges knows the formula (it is documented): the row itself is consistent.
    const hash = auditHash(last.hash, forged);
    tamper(
      file,
      `INSERT INTO audit_journal (id, at, actor, structure, patient_ref, txn, access_mode, result, details, prev_hash, hash)
       VALUES (3, '${forged.at}', '${forged.actor}', '${forged.structure}', '${forged.patientRef}', '${forged.transaction}',
               '${forged.accessMode}', 'forged', '${JSON.stringify(forged.details)}', '${last.hash}', '${hash}')`,
    );
    expect(journal.verify()).toEqual({ ok: false, checked: 3, firstBadId: 3, problem: 'modified' });
  });

  it('detects an edited head', () => {
    const { file, journal } = journalWith(3);
    tamper(
      file,
      `UPDATE settings SET value = json_set(value, '$.count', 2) WHERE key = '${AUDIT_HEAD_KEY}'`,
    );
    expect(journal.verify()).toMatchObject({ ok: false, checked: 3, problem: 'modified' });
  });
});
