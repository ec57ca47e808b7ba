// The desktop transport (`navette:call`): the main process carries the window's calls to the
// service's own local API with this run's UI token. Real service, real HTTP on 127.0.0.1; only
// ipcMain is a stand-in (no Electron binary here).
import { afterAll, describe, expect, it } from 'vitest';
import { startService, type RunningService } from '../../../src/app/index.js';
import { API_DEFINITIONS, targetOfUiUrl } from '../../../src/main/ipc/apiCall.js';
import { registerNavetteHandlers } from '../../../src/main/ipc/navetteHandlers.js';
import { makeTempDir, removeTempDirs } from '../../support/tempDir.js';
import { FakeIpcMain, recordingLog } from '../../unit/main/fixtures.js';

const services: RunningService[] = [];
afterAll(async () => {
  for (const s of services) await s.stop();
  removeTempDirs();
});

const appFrame = { url: 'app://navette/index.html', parent: null };

describe('navette:call', () => {
  it('runs contract operations through the local API and refuses anything else', async () => {
    const service = await startService({
      dataDir: makeTempDir(),
      configFile: `${makeTempDir()}/settings.json`,
      port: 0,
      env: { NAVETTE_HOME: makeTempDir() },
      drainTimeoutMs: 2000,
    });
    services.push(service);
    expect(targetOfUiUrl(service.uiUrl)?.baseUrl).toBe(`http://127.0.0.1:${service.port}/`);

    const ipc = new FakeIpcMain();
    const log = recordingLog();
    registerNavetteHandlers(ipc, () => service, log);

    const status = (await ipc.invoke(appFrame, 'navette:call', {
      operationId: 'getStatus',
    })) as { ok: boolean; value: { health: { name: string } } };
    expect(status, JSON.stringify(status)).toMatchObject({ ok: true });
    expect(status.value.health.name).toBe('navette');

    const journal = (await ipc.invoke(appFrame, 'navette:call', {
      operationId: 'listJournal',
      input: { query: { limit: 5 } },
    })) as { ok: boolean };
    expect(journal.ok).toBe(true);

    // The operation's own schema refuses a bad body, with the French field message.
    const bad = (await ipc.invoke(appFrame, 'navette:call', {
      operationId: 'patientStatus',
      input: { body: { patient: { ins: 'x' } } },
    })) as { ok: boolean; error: { code: string; message: string } };
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });

    // Not an operation of the contract: refused before any request.
    const unknown = (await ipc.invoke(appFrame, 'navette:call', {
      operationId: 'deleteEverything',
    })) as { ok: boolean; error: { code: string } };
    expect(unknown.ok).toBe(false);

    // A foreign page gets nothing.
    const foreign = (await ipc.invoke(
      { url: 'https://exemple.fr/', parent: null },
      'navette:call',
      { operationId: 'getStatus' },
    )) as { ok: boolean };
    expect(foreign.ok).toBe(false);
    expect(Object.keys(API_DEFINITIONS)).toContain('patientDocuments');
  });
});
