// The import registry and the followed patients on a real SQLite file: a uniqueId is claimed once,
// a pending claim survives a crash and is handed back, two connections never both claim it.
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FollowedPatients, ImportRegistry, openDatabase } from '../../../src/store/index.js';
import { makeTempDir, removeTempDirs } from '../../support/tempDir.js';

afterAll(() => removeTempDirs());

const REF = 'a'.repeat(64);

describe('ImportRegistry', () => {
  it('claims a document once, hands a pending claim back, and refuses a done one', () => {
    const file = path.join(makeTempDir('imports-'), 'navette.db');
    const db = openDatabase(file);
    const registry = new ImportRegistry(db);
    expect(registry.claim('1.2.3^A', REF, 'a.pdf')).toEqual({
      status: 'claimed',
      fileName: 'a.pdf',
    });
    db.close();

    // A crash before complete(): the next run gets the same name back.
    const db2 = openDatabase(file);
    const again = new ImportRegistry(db2);
    expect(again.claim('1.2.3^A', REF, 'autre-nom.pdf')).toEqual({
      status: 'claimed',
      fileName: 'a.pdf',
    });
    again.complete('1.2.3^A', 'f'.repeat(64));
    expect(again.claim('1.2.3^A', REF, 'a.pdf')).toMatchObject({
      status: 'already-imported',
      fileName: 'a.pdf',
    });
    expect(() => again.complete('1.2.3^A', 'f'.repeat(64))).toThrow();
    expect(again.get('1.2.3^A')).toMatchObject({ state: 'done', sha256: 'f'.repeat(64) });

    // A released claim (file could not be written) can be claimed again.
    again.claim('1.2.3^B', REF, 'b.pdf');
    again.release('1.2.3^B');
    expect(again.get('1.2.3^B')).toBeUndefined();
    expect(again.listForPatient(REF).map((d) => d.uniqueId)).toEqual(['1.2.3^A']);
    db2.close();
  });

  it('lets only one of two connections import a document', () => {
    const file = path.join(makeTempDir('imports-'), 'navette.db');
    const a = openDatabase(file);
    const b = openDatabase(file);
    const first = new ImportRegistry(a).claim('9.9^X', REF, 'x.pdf');
    new ImportRegistry(a).complete('9.9^X', '0'.repeat(64));
    const second = new ImportRegistry(b).claim('9.9^X', REF, 'y.pdf');
    expect(first.status).toBe('claimed');
    expect(second).toMatchObject({ status: 'already-imported', fileName: 'x.pdf' });
    a.close();
    b.close();
  });

  it('refuses a clear identifier where a patient reference belongs', () => {
    const db = openDatabase(path.join(makeTempDir('imports-'), 'navette.db'));
    expect(() => new ImportRegistry(db).claim('1^1', '279035121518989', 'a.pdf')).toThrow(/CHECK/);
    db.close();
  });
});

describe('FollowedPatients', () => {
  it('follows, lists, marks and unfollows', () => {
    const db = openDatabase(path.join(makeTempDir('followed-'), 'navette.db'));
    const followed = new FollowedPatients(db, () => new Date('2026-11-01T08:00:00Z'));
    expect(followed.follow('1.2.250.1.213.1.4.10', '279035121518989')).toBe(true);
    expect(followed.follow('1.2.250.1.213.1.4.10', '279035121518989')).toBe(false);
    followed.markChecked(
      '1.2.250.1.213.1.4.10',
      '279035121518989',
      new Date('2026-11-02T08:00:00Z'),
    );
    expect(followed.list()).toEqual([
      {
        oid: '1.2.250.1.213.1.4.10',
        matricule: '279035121518989',
        followedSince: '2026-11-01T08:00:00.000Z',
        lastChecked: '2026-11-02T08:00:00.000Z',
      },
    ]);
    expect(followed.unfollow('1.2.250.1.213.1.4.10', '279035121518989')).toBe(true);
    expect(followed.list()).toEqual([]);
    db.close();
  });
});
