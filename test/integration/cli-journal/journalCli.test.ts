// `navette journal verify|list` on a real data folder: an intact chain passes, an edited entry or
// a deleted one is detected (exit 1, French message), and the CSV export carries references only.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { AuditJournal, openDatabase, patientReference } from '../../../src/store/index.js';
import { isolatedEnv, runCli } from '../../support/cli.js';
import { makeTempDir, removeTempDirs } from '../../support/tempDir.js';

afterAll(() => removeTempDirs());

const INS = '279035121518989';

/** Someone with the file and the sqlite3 tool: the append-only triggers do not stop them. */
function tamper(dataDir: string, sql: string): void {
  const raw = new BetterSqlite3(path.join(dataDir, 'navette.db'));
  raw.exec('DROP TRIGGER audit_journal_no_update; DROP TRIGGER audit_journal_no_delete;');
  raw.exec(sql);
  raw.close();
}

function seedJournal(dataDir: string, entries: number): void {
  const db = openDatabase(path.join(dataDir, 'navette.db'));
  try {
    const journal = new AuditJournal(db, () => new Date('2026-11-20T10:00:00Z'));
    const ref = patientReference(Buffer.alloc(32, 7), INS);
    for (let i = 0; i < entries; i += 1) {
      journal.append({
        actor: '810000000001',
        transaction: i % 2 === 0 ? 'TD0.2' : 'TD2.1',
        result: 'success',
        patientRef: ref,
        accessMode: 'NORMAL',
        details: { n: i },
      });
    }
  } finally {
    db.close();
  }
}

describe('navette journal', () => {
  it('says an intact journal is intact, and finds an edited entry', async () => {
    const home = makeTempDir('journal-home-');
    const data = makeTempDir('journal-data-');
    seedJournal(data, 5);

    const ok = await runCli(['journal', 'verify', '--data', data, '--json'], isolatedEnv(home));
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ ok: true, checked: 5 });

    tamper(data, "UPDATE audit_journal SET result = 'failure' WHERE id = 3");
    const bad = await runCli(['journal', 'verify', '--data', data], isolatedEnv(home));
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('Journal altéré');
    expect(bad.stdout).toContain('modifiée');
    expect(bad.stdout).toContain('n° 3');
  });

  it('finds a deleted entry', async () => {
    const home = makeTempDir('journal-home-');
    const data = makeTempDir('journal-data-');
    seedJournal(data, 4);
    tamper(data, 'DELETE FROM audit_journal WHERE id = 4');
    const bad = await runCli(['journal', 'verify', '--data', data, '--json'], isolatedEnv(home));
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout)).toMatchObject({ ok: false, problem: 'deleted' });
  });

  it('exports the entries as CSV without any INS', async () => {
    const home = makeTempDir('journal-home-');
    const data = makeTempDir('journal-data-');
    seedJournal(data, 3);
    const out = path.join(data, 'journal.csv');
    const run = await runCli(['journal', 'list', '--data', data, '--csv', out], isolatedEnv(home));
    expect(run.code, run.stderr).toBe(0);
    const csv = readFileSync(out, 'utf8');
    expect(csv.startsWith('\uFEFFn°,date (UTC),acteur')).toBe(true);
    expect(csv.trimEnd().split('\r\n')).toHaveLength(4);
    expect(csv).toContain('TD2.1');
    expect(csv).not.toContain(INS);

    const listed = await runCli(['journal', 'list', '--data', data, '--json'], isolatedEnv(home));
    expect(listed.stdout.trim().split('\n')).toHaveLength(3);
  });

  it('explains a data folder with no journal and a bad date', async () => {
    const home = makeTempDir('journal-home-');
    const empty = makeTempDir('journal-empty-');
    const none = await runCli(['journal', 'verify', '--data', empty], isolatedEnv(home));
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('Aucun journal');
    const date = await runCli(
      ['journal', 'list', '--data', empty, '--from', 'hier'],
      isolatedEnv(home),
    );
    expect(date.code).toBe(2);
    expect(date.stderr).toContain('AAAA-MM-JJ');
  });
});
