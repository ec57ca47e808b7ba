// Importing for specialists against the DMP test server (real mutual TLS with the GP's virtual
// card, a real SQLite file, real folders): each document once, whatever happens — a second import,
// a crash between the claim and its completion, two imports at once — a file of someone else's
// never replaced, the name pattern, the metadata JSON, a write failure reported and retried, and
// the automatic import of a followed patient picking up a document sent after following.
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DmpSession } from '../../../src/app/dmp/index.js';
import {
  AutoImport,
  ImportService,
  connectionOf,
  sha256Hex,
  type ImportSettings,
} from '../../../src/app/import/index.js';
import { DEFAULT_IMPORT_NAME_PATTERN } from '../../../src/domain/imports/importFileName.js';
import {
  AuditJournal,
  openDatabase,
  patientReference,
  type Database,
} from '../../../src/store/index.js';
import { makeTempDir, removeTempDirs } from '../../support/tempDir.js';
import { Professionals, testIns } from '../dmp/consultationSupport.js';
import {
  PATIENT_GP_IS_MT,
  PATIENT_NOBODY_AUTHORISED,
  startTestSandbox,
  type TestSandbox,
} from '../dmp/sandboxFixture.js';

let sandbox: TestSandbox;
let pros: Professionals;
let gp: DmpSession;
const PATIENT = testIns(PATIENT_GP_IS_MT);
const KEY = Buffer.alloc(32, 7);
const dbs: Database[] = [];

beforeAll(async () => {
  sandbox = await startTestSandbox();
  pros = new Professionals(sandbox);
  gp = await pros.open('gp');
  await pros.feed({ key: 'gp', session: gp }, { ins: PATIENT_GP_IS_MT, title: 'Compte rendu A' });
  await pros.feed({ key: 'gp', session: gp }, { ins: PATIENT_GP_IS_MT, title: 'Compte rendu B' });
}, 120_000);

afterAll(async () => {
  for (const db of dbs) db.close();
  await pros?.close();
  await sandbox?.stop();
  removeTempDirs();
});

interface Setup {
  readonly dir: string;
  readonly folder: string;
  readonly db: Database;
  service(settings?: Partial<ImportSettings>, db?: Database): ImportService;
}

function setup(): Setup {
  const dir = makeTempDir('navette-import-');
  const folder = path.join(dir, 'Import');
  const file = path.join(dir, 'navette.db');
  const db = openDatabase(file);
  dbs.push(db);
  return {
    dir,
    folder,
    db,
    service(settings = {}, other = db) {
      return new ImportService({
        db: other,
        settings: {
          folder,
          namePattern: DEFAULT_IMPORT_NAME_PATTERN,
          writeMetadata: true,
          ...settings,
        },
        connection: () => connectionOf(gp),
        patientKey: KEY,
      });
    },
  };
}

function secondConnection(s: Setup): Database {
  const db = openDatabase(path.join(s.dir, 'navette.db'));
  dbs.push(db);
  return db;
}

const documentsIn = (folder: string) =>
  readdirSync(folder)
    .filter((f) => !f.endsWith('.json'))
    .sort();

describe('import of a patient’s DMP documents', () => {
  it('imports every approved document once; a second import imports nothing', async () => {
    const s = setup();
    const first = await s.service().importDocuments(PATIENT, {});
    expect(first.failed).toEqual([]);
    expect(first.imported.length).toBeGreaterThanOrEqual(2);
    const files = documentsIn(s.folder);
    expect(files).toEqual(first.imported.map((d) => d.fileName).sort());
    // The level-1 CDA is XML content: the extension comes from the bytes.
    for (const f of files) expect(f).toMatch(/\.xml$/);
    expect(readdirSync(s.folder).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    const second = await s.service().importDocuments(PATIENT, {});
    expect(second.imported).toEqual([]);
    expect(second.failed).toEqual([]);
    expect(second.skipped.map((d) => d.uniqueId).sort()).toEqual(
      first.imported.map((d) => d.uniqueId).sort(),
    );
    expect(second.skipped[0]?.reason).toContain('Déjà importé');
    expect(documentsIn(s.folder)).toEqual(files);

    // Each import is journaled with the keyed patient reference and the uniqueId.
    const entries = new AuditJournal(s.db, () => new Date())
      .list()
      .filter((e) => e.transaction === 'import');
    expect(entries).toHaveLength(first.imported.length);
    expect(entries[0]).toMatchObject({
      patientRef: patientReference(KEY, PATIENT_GP_IS_MT),
      result: 'success',
      accessMode: 'NORMAL',
    });
    expect(entries.map((e) => e.details['uniqueId']).sort()).toEqual(
      first.imported.map((d) => d.uniqueId).sort(),
    );
  });

  it('a crash between the claim and its completion: the rerun imports the document once', async () => {
    const s = setup();
    const [doc] = await gp.client.findDocuments(PATIENT, 'normal', { statuses: ['approved'] });
    if (doc === undefined) throw new Error('no document');
    const service = s.service();
    // The crashed run claimed the document and even wrote its file, but never completed.
    const claim = service.registry.claim(
      doc.uniqueId,
      patientReference(KEY, PATIENT_GP_IS_MT),
      'crashed.xml',
    );
    expect(claim.status).toBe('claimed');
    const content = await gp.client.retrieveDocument(PATIENT, doc, 'normal');
    mkdirSync(s.folder, { recursive: true });
    writeFileSync(path.join(s.folder, 'crashed.xml'), content.bytes);

    const result = await service.importDocuments(PATIENT, { uniqueIds: [doc.uniqueId] });
    expect(result.imported).toEqual([{ uniqueId: doc.uniqueId, fileName: 'crashed.xml' }]);
    expect(documentsIn(s.folder)).toEqual(['crashed.xml']);
    expect(service.registry.get(doc.uniqueId)).toMatchObject({
      state: 'done',
      fileName: 'crashed.xml',
      sha256: sha256Hex(content.bytes),
    });
    const again = await service.importDocuments(PATIENT, { uniqueIds: [doc.uniqueId] });
    expect(again.imported).toEqual([]);
    expect(documentsIn(s.folder)).toEqual(['crashed.xml']);
  });

  it('never replaces another file with the same name: the document gets “ (2)”', async () => {
    const s = setup();
    const service = s.service({ namePattern: 'courrier {uniqueId}' });
    const [doc] = await gp.client.findDocuments(PATIENT, 'normal', { statuses: ['approved'] });
    if (doc === undefined) throw new Error('no document');
    mkdirSync(s.folder, { recursive: true });
    const theirs = path.join(s.folder, `courrier ${doc.uniqueId}.xml`);
    writeFileSync(theirs, 'a file of the practice software');

    const result = await service.importDocuments(PATIENT, { uniqueIds: [doc.uniqueId] });
    expect(result.imported).toEqual([
      { uniqueId: doc.uniqueId, fileName: `courrier ${doc.uniqueId} (2).xml` },
    ]);
    expect(readFileSync(theirs, 'utf8')).toBe('a file of the practice software');
    expect(existsSync(path.join(s.folder, `courrier ${doc.uniqueId} (2).json`))).toBe(true);
    expect(service.registry.get(doc.uniqueId)?.fileName).toBe(`courrier ${doc.uniqueId} (2).xml`);
  });

  it('a pattern with {ins}, and the metadata JSON beside the document', async () => {
    const s = setup();
    const service = s.service({ namePattern: '{ins}_{date}_{title}_{uniqueId}' });
    const docs = await gp.client.findDocuments(PATIENT, 'normal', { statuses: ['approved'] });
    const doc = docs.find((d) => d.title === 'Compte rendu A');
    if (doc === undefined) throw new Error('no document');
    const result = await service.importDocuments(PATIENT, { uniqueIds: [doc.uniqueId] });
    const fileName = result.imported[0]?.fileName ?? '';
    expect(fileName).toMatch(
      new RegExp(
        `^${PATIENT_GP_IS_MT}_\\d{4}-\\d{2}-\\d{2}_Compte rendu A_${doc.uniqueId.replace(/\./g, '\\.')}\\.xml$`,
      ),
    );
    const bytes = readFileSync(path.join(s.folder, fileName));
    const metadata = JSON.parse(
      readFileSync(path.join(s.folder, fileName.replace(/\.xml$/, '.json')), 'utf8'),
    ) as Record<string, unknown>;
    expect(metadata).toMatchObject({
      navetteImport: 1,
      fileName,
      uniqueId: doc.uniqueId,
      entryUUID: doc.entryUuid,
      title: 'Compte rendu A',
      type: { code: doc.typeCode.code, codeSystem: doc.typeCode.codingScheme },
      class: { code: doc.classCode.code },
      creationTime: doc.creationTime,
      mimeType: 'text/xml',
      size: bytes.byteLength,
      sha256: sha256Hex(bytes),
      patient: {
        ins: PATIENT_GP_IS_MT,
        insOid: PATIENT.oid,
        traits: { family: 'PATB-QUATRE', given: 'LAURENCE', birthDate: '2007-05-14', sex: 'F' },
      },
    });
    expect(metadata['author']).toMatchObject({ id: expect.any(String) });
  });

  it('without metadata, only the document is written', async () => {
    const s = setup();
    const result = await s.service({ writeMetadata: false }).importDocuments(PATIENT, {});
    expect(result.imported.length).toBeGreaterThan(0);
    expect(readdirSync(s.folder).filter((f) => f.endsWith('.json'))).toEqual([]);
  });

  it('two imports at once (two connections to one database) write each document once', async () => {
    const s = setup();
    const [a, b] = await Promise.all([
      s.service().importDocuments(PATIENT, {}),
      s.service({}, secondConnection(s)).importDocuments(PATIENT, {}),
    ]);
    const imported = [...a.imported, ...b.imported].map((d) => d.uniqueId);
    expect(new Set(imported).size).toBe(imported.length);
    expect(a.failed).toEqual([]);
    expect(b.failed).toEqual([]);
    expect(documentsIn(s.folder)).toHaveLength(imported.length);
  });

  it('a write failure is reported in French, releases the claim, and the next import succeeds', async () => {
    const s = setup();
    // The import folder's path is taken by a file: nothing can be written under it.
    writeFileSync(s.folder, 'not a folder');
    const failed = await s.service().importDocuments(PATIENT, {});
    expect(failed.imported).toEqual([]);
    expect(failed.failed.length).toBeGreaterThan(0);
    expect(failed.failed[0]).toMatchObject({
      code: 'IMPORT_WRITE_FAILED',
      message: expect.stringContaining("Écriture impossible dans le dossier d'import"),
    });
    const service = s.service();
    expect(service.registry.get(failed.failed[0]?.uniqueId ?? '')).toBeUndefined();
    rmSync(s.folder);
    const retried = await service.importDocuments(PATIENT, {});
    expect(retried.failed).toEqual([]);
    expect(retried.imported.length).toBe(failed.failed.length);
  });

  it('documents asked by uniqueId: an unknown one is reported, the others imported', async () => {
    const s = setup();
    const [doc] = await gp.client.findDocuments(PATIENT, 'normal', { statuses: ['approved'] });
    if (doc === undefined) throw new Error('no document');
    const result = await s
      .service()
      .importDocuments(PATIENT, { uniqueIds: [doc.uniqueId, '1.2.250.1.999.404'] });
    expect(result.imported.map((d) => d.uniqueId)).toEqual([doc.uniqueId]);
    expect(result.failed).toEqual([
      expect.objectContaining({ uniqueId: '1.2.250.1.999.404', code: 'IMPORT_DOCUMENT_NOT_FOUND' }),
    ]);
  });

  it('--since: only documents created since that day', async () => {
    const s = setup();
    const result = await s.service().importDocuments(PATIENT, { since: '2099-01-01' });
    expect(result).toEqual({ imported: [], skipped: [], failed: [] });
  });

  it('without a DMP session the import says so in French', async () => {
    const s = setup();
    const service = new ImportService({
      db: s.db,
      settings: { folder: s.folder, namePattern: DEFAULT_IMPORT_NAME_PATTERN, writeMetadata: true },
      connection: () => undefined,
      patientKey: KEY,
    });
    await expect(service.importDocuments(PATIENT, {})).rejects.toMatchObject({
      code: 'IMPORT_DMP_UNAVAILABLE',
    });
  });
});

describe('automatic import of followed patients', () => {
  it('picks up a document sent after following, and skips quietly without a session', async () => {
    const s = setup();
    const patient = testIns(PATIENT_NOBODY_AUTHORISED);
    // The GP needs the patient's authorisation to read their DMP.
    await gp.client.setAuthorization(patient, 'add', 'normal', true);
    const service = s.service();
    service.follow(patient, true);
    let available = false;
    const auto = new AutoImport({ service, intervalMs: 60_000, ready: () => available });
    expect(await auto.tick()).toMatchObject({ ran: false, imported: 0 });

    available = true;
    const before = await auto.tick();
    expect(before).toMatchObject({ ran: true, patients: 1, imported: 0, failed: 0 });
    const checked = service.listFollowed()[0]?.lastChecked;
    expect(checked).not.toBeNull();

    const sent = await pros.feed(
      { key: 'gp', session: gp },
      { ins: PATIENT_NOBODY_AUTHORISED, title: 'Courrier après suivi' },
    );
    const after = await auto.tick();
    expect(after).toMatchObject({ ran: true, patients: 1, imported: 1, failed: 0 });
    expect(service.registry.get(sent.uniqueId)?.state).toBe('done');
    expect(service.listFollowed()[0]?.lastChecked).not.toBe(checked);
    // The next look finds nothing new.
    expect(await auto.tick()).toMatchObject({ imported: 0, failed: 0 });

    expect(service.follow(patient, false)).toEqual({ followed: false });
    expect(await auto.tick()).toMatchObject({ ran: true, patients: 0 });
    await auto.stop();
  });
});
