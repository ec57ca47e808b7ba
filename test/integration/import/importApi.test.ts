// The import operations of the local API through `navette serve --demo` (in process, the embedded
// DMP test server and its virtual GP card, whose session the sending path opened and the import
// shares), with a token from `navette api token create`: import, import again (nothing new), an
// unreadable INS (400, French), follow and unfollow; the documents land in `import.folder`.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportResultSchema } from '../../../src/api/consult.js';
import type { DmpSession } from '../../../src/app/dmp/index.js';
import { startService, type RunningService } from '../../../src/app/index.js';
import type { SandboxManifest } from '../../../src/app/sandbox.js';
import { run } from '../../../src/cli/main.js';
import { FollowedPatients, openDatabase } from '../../../src/store/index.js';
import { makeTempDir, removeTempDirs } from '../../support/tempDir.js';
import { PATIENT_GP_IS_MT } from '../dmp/sandboxFixture.js';
import { cliIo, openDemoSession, postJson } from '../consult/demoServiceSupport.js';
import { feedDocument } from '../consult/consultFixture.js';

let service: RunningService;
let data: string;
let folder: string;
let token: string;
let gp: DmpSession;
const patient = { ins: PATIENT_GP_IS_MT };

async function post(
  apiPath: string,
  body: unknown,
): Promise<{ status: number; json: Record<string, unknown> }> {
  return postJson(service.port, token, apiPath, body);
}

beforeAll(async () => {
  const home = makeTempDir('navette-import-home-');
  data = makeTempDir('navette-import-data-');
  folder = path.join(makeTempDir('navette-import-folder-'), 'Import');
  const config = path.join(makeTempDir(), 'settings.json');
  writeFileSync(config, JSON.stringify({ configVersion: 2, import: { folder } }));
  service = await startService({
    dataDir: data,
    configFile: config,
    port: 0,
    demo: true,
    env: { NAVETTE_HOME: home },
    drainTimeoutMs: 2000,
    api: { validateResponses: true },
  });
  const io = cliIo(home);
  expect(
    await run(
      ['api', 'token', 'create', '--name', 'logiciel-cabinet', '--data', data, '--json'],
      io,
    ),
  ).toBe(0);
  token = (JSON.parse(io.stdout.join('')) as { token: string }).token;
  const manifest = JSON.parse(
    readFileSync(path.join(data, 'demo', 'dmp', 'sandbox.json'), 'utf8'),
  ) as SandboxManifest;
  gp = await openDemoSession(service, manifest, 'gp');
  await feedDocument(
    manifest,
    { key: 'gp', session: gp },
    { ins: PATIENT_GP_IS_MT, title: 'Lettre API' },
  );
}, 120_000);

afterAll(async () => {
  await gp?.close();
  await service?.stop('test');
  removeTempDirs();
});

describe('local API: import (navette serve --demo)', () => {
  it('POST /api/patient/import writes the documents once', async () => {
    const first = await post('/api/patient/import', { patient });
    expect(first.status, JSON.stringify(first.json)).toBe(200);
    const result = ImportResultSchema.parse(first.json);
    expect(result.failed).toEqual([]);
    expect(result.imported.length).toBeGreaterThan(0);
    expect(
      readdirSync(folder)
        .filter((f) => !f.endsWith('.json'))
        .sort(),
    ).toEqual(result.imported.map((d) => d.fileName).sort());
    const second = ImportResultSchema.parse((await post('/api/patient/import', { patient })).json);
    expect(second.imported).toEqual([]);
    expect(second.skipped.length).toBe(result.imported.length);
  });

  it('an unreadable INS: 400 with a French message', async () => {
    const answer = await post('/api/patient/import', { patient: { ins: '1234567890123' } });
    expect(answer.status).toBe(400);
    expect(answer.json).toMatchObject({
      error: { code: 'IMPORT_INS_INVALID', message: expect.stringContaining('INS du patient') },
    });
  });

  it('POST /api/patient/follow follows and unfollows', async () => {
    expect((await post('/api/patient/follow', { patient, follow: true })).json).toEqual({
      followed: true,
    });
    const db = openDatabase(path.join(data, 'navette.db'));
    try {
      expect(new FollowedPatients(db).list()).toMatchObject([{ matricule: PATIENT_GP_IS_MT }]);
      expect((await post('/api/patient/follow', { patient, follow: false })).json).toEqual({
        followed: false,
      });
      expect(new FollowedPatients(db).list()).toEqual([]);
    } finally {
      db.close();
    }
  });
});
