// The sandbox repository keeps document bytes in files next to its SQLite file (real file, real
// folder): byte-identical across a restart, old BLOB rows still served, file names confined.
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DocumentEntry, SubmissionSet } from '../../../src/protocol/xds/index.js';
import { SEED_PATIENTS } from '../../../src/sandbox/seed/patients.js';
import { SandboxContentError } from '../../../src/sandbox/state/DocumentFolder.js';
import { RegistryStore, type NewSubmission } from '../../../src/sandbox/state/RegistryStore.js';
import { SANDBOX_MIGRATIONS } from '../../../src/sandbox/state/migrations.js';
import { SandboxStore } from '../../../src/sandbox/state/SandboxStore.js';
import { openDatabase } from '../../../src/store/index.js';
import { makeTempDir, removeTempDirs } from '../../support/tempDir.js';

const INS = '207058575627097';
const PATIENT_ID = `${INS}^^^&1.2.250.1.213.1.4.10&ISO^NH`;
const CODE = { code: '10', codingScheme: '1.2.250.1.213.1.1.4.1', displayName: 'Compte rendu' };

const open: SandboxStore[] = [];
function openStore(file: string): SandboxStore {
  const s = SandboxStore.open(file);
  open.push(s);
  s.seed(SEED_PATIENTS, {});
  return s;
}
function closeStore(s: SandboxStore): void {
  s.close();
  open.splice(open.indexOf(s), 1);
}
afterEach(() => {
  for (const s of open.splice(0)) s.close();
  removeTempDirs();
});

function entry(uniqueId: string, entryUuid = `urn:uuid:${randomUUID()}`): DocumentEntry {
  return {
    entryUuid,
    mimeType: 'text/xml',
    uniqueId,
    patientId: PATIENT_ID,
    classCode: CODE,
    typeCode: CODE,
    formatCode: CODE,
    practiceSettingCode: CODE,
    healthcareFacilityTypeCode: CODE,
    confidentialityCodes: [{ code: 'N', codingScheme: '2.16.840.1.113883.5.25' }],
    authors: [],
  };
}

function submission(
  documents: readonly { entry: DocumentEntry; bytes: Uint8Array }[],
  setUniqueId = `1.2.250.1.999.1.${Date.now()}.${Math.floor(Math.random() * 1e6)}`,
): NewSubmission {
  const set: SubmissionSet = {
    entryUuid: `urn:uuid:${randomUUID()}`,
    uniqueId: setUniqueId,
    sourceId: '1.2.250.1.999',
    patientId: PATIENT_ID,
    submissionTime: '20250101120000',
    contentTypeCode: CODE,
    authors: [],
  };
  return {
    ins: INS,
    set,
    entries: documents.map((d) => ({
      entry: d.entry,
      authorIds: ['810100000001'],
      authorStructure: undefined,
      content: { mimeType: d.entry.mimeType, bytes: d.bytes },
    })),
    associations: [],
  };
}

describe('sandbox repository files', () => {
  it('serves a stored document byte-identical after the store is closed and reopened', () => {
    const dir = makeTempDir('sandbox-repo');
    const file = path.join(dir, 'sandbox.db');
    const bytes = randomBytes(3 * 1024 * 1024 + 7);
    const a = openStore(file);
    new RegistryStore(a).addSubmission(submission([{ entry: entry('1.2.3.1'), bytes }]));
    closeStore(a);

    // The bytes are a file of DIR/repository, not a BLOB of the database.
    const files = readdirSync(path.join(dir, 'repository'));
    expect(files).toHaveLength(1);
    expect(readFileSync(path.join(dir, 'repository', files[0] ?? '')).equals(bytes)).toBe(true);

    const b = openStore(file);
    const content = new RegistryStore(b).content('1.2.3.1');
    expect(content?.mimeType).toBe('text/xml');
    expect(content?.bytes.equals(bytes)).toBe(true);
    expect(new RegistryStore(b).content('1.2.3.404')).toBeUndefined();
    expect(b.db.prepare('SELECT count(*) AS n FROM contents').get()).toEqual({ n: 0 });
  });

  it('stores inside an enclosing transaction, as the TD2.1 handler calls it', () => {
    const dir = makeTempDir('sandbox-repo');
    const s = openStore(path.join(dir, 'sandbox.db'));
    const registry = new RegistryStore(s);
    s.write(() => {
      registry.addSubmission(
        submission([
          { entry: entry('1.2.3.1'), bytes: Buffer.from('<a/>') },
          { entry: entry('1.2.3.2'), bytes: Buffer.from('<b/>') },
        ]),
      );
    });
    expect(registry.content('1.2.3.1')?.bytes.toString()).toBe('<a/>');
    expect(registry.content('1.2.3.2')?.bytes.toString()).toBe('<b/>');
  });

  it('still serves documents of a sandbox created with the old layout (BLOB rows)', () => {
    const dir = makeTempDir('sandbox-repo');
    const file = path.join(dir, 'sandbox.db');
    // A sandbox database as an older Navette left it: the schema before content_files, a BLOB.
    const old = openDatabase(file, {
      migrations: SANDBOX_MIGRATIONS.filter((m) => m.version < 40),
    });
    const blob = randomBytes(64 * 1024);
    old
      .prepare('INSERT INTO contents (unique_id, mime_type, bytes) VALUES (?, ?, ?)')
      .run('1.2.3.9', 'application/pdf', blob);
    old.close();

    const s = openStore(file);
    const registry = new RegistryStore(s);
    const content = registry.content('1.2.3.9');
    expect(content?.mimeType).toBe('application/pdf');
    expect(content?.bytes.equals(blob)).toBe(true);
    // New documents of the same sandbox go to files.
    registry.addSubmission(submission([{ entry: entry('1.2.3.10'), bytes: Buffer.from('<n/>') }]));
    expect(registry.content('1.2.3.10')?.bytes.toString()).toBe('<n/>');
    expect(readdirSync(path.join(dir, 'repository'))).toHaveLength(1);
  });

  it('names files itself: an entryUUID or uniqueId cannot make a path', () => {
    const dir = makeTempDir('sandbox-repo');
    const s = openStore(path.join(dir, 'sandbox.db'));
    const registry = new RegistryStore(s);
    registry.addSubmission(
      submission([
        { entry: entry('../../escape', 'urn:uuid:../../escape'), bytes: Buffer.from('x') },
      ]),
    );
    const elsewhere = readdirSync(dir).filter(
      (f) => f !== 'repository' && !f.startsWith('sandbox.db'),
    );
    expect(elsewhere).toEqual([]);
    expect(existsSync(path.join(dir, '..', 'escape'))).toBe(false);
    expect(existsSync(path.join(dir, 'repository', '..', '..', 'escape'))).toBe(false);
    const files = readdirSync(path.join(dir, 'repository'));
    expect(files).toEqual([expect.stringMatching(/^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/)]);
    expect(registry.content('../../escape')?.bytes.toString()).toBe('x');
  });

  it('refuses a file name that would leave the repository folder', () => {
    const dir = makeTempDir('sandbox-repo');
    const s = openStore(path.join(dir, 'sandbox.db'));
    // The database refuses it (CHECK) …
    expect(() =>
      s.db
        .prepare('INSERT INTO content_files (unique_id, mime_type, file_name) VALUES (?, ?, ?)')
        .run('1.2.3.5', 'text/xml', '../sandbox.db'),
    ).toThrow(/CHECK constraint failed/);
    // … and so does the folder, should a row get past it (a database edited by hand).
    for (const name of ['../sandbox.db', '/etc/passwd', `${randomUUID()}/..`, '']) {
      expect(() => s.documents.read(name)).toThrow(SandboxContentError);
      expect(() => s.documents.pathOf(name)).toThrow(
        expect.objectContaining({ code: 'SANDBOX_CONTENT_NAME_INVALID' }),
      );
    }
  });

  it('removes the files of a submission whose transaction fails', () => {
    const dir = makeTempDir('sandbox-repo');
    const s = openStore(path.join(dir, 'sandbox.db'));
    const registry = new RegistryStore(s);
    registry.addSubmission(
      submission([{ entry: entry('1.2.3.1'), bytes: Buffer.from('<1/>') }], '1.2.9.1'),
    );
    // Same submission set uniqueId: the UNIQUE constraint fails after the files are written.
    expect(() =>
      registry.addSubmission(
        submission(
          [
            { entry: entry('1.2.3.2'), bytes: Buffer.from('<2/>') },
            { entry: entry('1.2.3.3'), bytes: Buffer.from('<3/>') },
          ],
          '1.2.9.1',
        ),
      ),
    ).toThrow(/UNIQUE constraint failed/);
    expect(readdirSync(path.join(dir, 'repository'))).toHaveLength(1);
    expect(registry.content('1.2.3.1')?.bytes.toString()).toBe('<1/>');
    expect(registry.content('1.2.3.2')).toBeUndefined();
  });

  it('reports a missing file as a typed error, not as an absent document', () => {
    const dir = makeTempDir('sandbox-repo');
    const s = openStore(path.join(dir, 'sandbox.db'));
    const registry = new RegistryStore(s);
    registry.addSubmission(submission([{ entry: entry('1.2.3.1'), bytes: Buffer.from('<1/>') }]));
    const [name] = readdirSync(path.join(dir, 'repository'));
    s.documents.remove(name ?? '');
    expect(() => registry.content('1.2.3.1')).toThrow(
      expect.objectContaining({ code: 'SANDBOX_CONTENT_UNREADABLE' }),
    );
  });
});
