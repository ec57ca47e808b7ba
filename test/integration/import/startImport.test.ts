// The import as the service starts it (startImport): with `import.autoImport` on, the automatic
// import opens its own DMP session on first need (no sending path here) and imports a followed
// patient's documents; the session is opened once, and never again after the card refused the PIN.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DmpSession, DmpSessionOptions } from '../../../src/app/dmp/index.js';
import { serviceConsultSession } from '../../../src/app/consult/index.js';
import { ImportSessionSource, startImport } from '../../../src/app/import/index.js';
import { NavetteError } from '../../../src/domain/errors/NavetteError.js';
import { openDatabase, type Database } from '../../../src/store/index.js';
import { makeTempDir, removeTempDirs } from '../../support/tempDir.js';
import { Professionals } from '../dmp/consultationSupport.js';
import { PATIENT_GP_IS_MT, startTestSandbox, type TestSandbox } from '../dmp/sandboxFixture.js';

let sandbox: TestSandbox;
let pros: Professionals;
let gp: DmpSession;
let db: Database | undefined;
const silent = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silent,
};

beforeAll(async () => {
  sandbox = await startTestSandbox();
  pros = new Professionals(sandbox);
  gp = await pros.open('gp');
  await pros.feed({ key: 'gp', session: gp }, { ins: PATIENT_GP_IS_MT, title: 'Suivi auto' });
}, 120_000);

afterAll(async () => {
  db?.close();
  await pros?.close();
  await sandbox?.stop();
  removeTempDirs();
});

describe('startImport', () => {
  it('automatic import with its own session, opened once on first need', async () => {
    const dir = makeTempDir('navette-start-import-');
    db = openDatabase(path.join(dir, 'navette.db'));
    const folder = path.join(dir, 'Import');
    const config = sandbox.configOf(
      sandbox.writeConfig('indirect', {
        import: { folder, autoImport: true, autoIntervalMin: 60 },
      }),
    );
    let opened = 0;
    const running = startImport({
      config,
      db,
      dataDir: dir,
      env: { NAVETTE_STRUCTURE_P12_PASSWORD: 'given' },
      log: silent,
      openSession: () => {
        opened += 1;
        // The test's GP session stands in; the import must not close it.
        return Promise.resolve({ ...gp, close: () => Promise.resolve() });
      },
    });
    try {
      expect(running.auto).toBeDefined();
      running.api.follow({ patient: { ins: PATIENT_GP_IS_MT }, follow: true });
      // Followed just now: the document, sent before, is found by the look back (clock skew margin).
      const tick = await running.auto?.tick();
      expect(tick).toMatchObject({ ran: true, patients: 1, failed: 0 });
      expect(tick?.imported).toBeGreaterThan(0);
      expect(opened).toBe(1);
      const result = await running.api.importDocuments({
        patient: { ins: PATIENT_GP_IS_MT },
        access: { mode: 'normal' },
      });
      expect(result.imported).toEqual([]);
      expect(opened).toBe(1);
      expect(running.service.listFollowed()[0]?.lastChecked).not.toBeNull();
    } finally {
      await running.stop();
    }
  });

  it('a refused PIN is never tried again by the background import', async () => {
    const sandboxConfig = sandbox.configOf(sandbox.writeConfig('direct'));
    let attempts = 0;
    const sessions = new ImportSessionSource({
      config: sandboxConfig,
      env: { NAVETTE_PIN: '0000' },
      now: () => Date.now() + attempts * 3_600_000,
      openSession: (_options: DmpSessionOptions) => {
        attempts += 1;
        return Promise.reject(new NavetteError('CARD_PIN_INCORRECT', 'Code PIN incorrect.'));
      },
    });
    await sessions.ensure();
    await sessions.ensure();
    expect(attempts).toBe(1);
    expect(sessions.current()).toBeUndefined();
  });

  it('without a PIN or a password, no session is even tried', async () => {
    let attempts = 0;
    const sessions = new ImportSessionSource({
      config: sandbox.configOf(sandbox.writeConfig('direct')),
      env: {},
      openSession: () => {
        attempts += 1;
        return Promise.reject(new Error('not called'));
      },
    });
    await sessions.ensure();
    expect(attempts).toBe(0);
    expect(sessions.current()).toBeUndefined();
  });

  it('shares the consultation’s session: the card is logged in once for both', async () => {
    const config = sandbox.configOf(sandbox.writeConfig('direct'));
    let opened = 0;
    const consult = serviceConsultSession({
      config,
      env: { NAVETTE_PIN: sandbox.gp.pin },
      openSession: () => {
        opened += 1;
        return Promise.resolve(gp);
      },
    });
    const sessions = new ImportSessionSource({
      config,
      env: { NAVETTE_PIN: sandbox.gp.pin },
      shared: () => consult.current(),
      openShared: () => consult.source(),
      openSession: () => Promise.reject(new Error('the import must not open its own session')),
    });
    expect(sessions.current()).toBeUndefined();
    await sessions.ensure();
    expect(sessions.current()?.actor).toBe(gp.identity.context.subjectId);
    expect(await consult.source()).toBe(gp);
    await sessions.ensure();
    expect(opened).toBe(1);
    // Handed over to a sending path that opens late: forgotten here, not closed.
    expect(consult.release()).toBe(gp);
    expect(consult.current()).toBeUndefined();
    expect(consult.release()).toBeUndefined();
  });

  it('through the consultation, a refused PIN costs one try, not one per module', async () => {
    const config = sandbox.configOf(sandbox.writeConfig('direct'));
    const env = { NAVETTE_PIN: '0000' };
    let attempts = 0;
    const consult = serviceConsultSession({
      config,
      env,
      openSession: () => {
        attempts += 1;
        return Promise.reject(new NavetteError('CARD_PIN_INCORRECT', 'Code PIN incorrect.'));
      },
    });
    const sessions = new ImportSessionSource({
      config,
      env,
      now: () => Date.now() + attempts * 3_600_000,
      shared: () => consult.current(),
      openShared: () => consult.source(),
    });
    await sessions.ensure();
    await expect(consult.source()).rejects.toMatchObject({ code: 'PIN_REQUIRED' });
    await sessions.ensure();
    expect(attempts).toBe(1);
    expect(sessions.current()).toBeUndefined();
  });
});
