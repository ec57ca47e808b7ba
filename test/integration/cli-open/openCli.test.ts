// `navette open`: prints the patient view of the running service for an INS or a navette:// link,
// and says so when the service is not started.
import { afterAll, describe, expect, it } from 'vitest';
import { INS_OIDS } from '../../../src/domain/ins/insOids.js';
import { isolatedEnv, runCli, spawnCli } from '../../support/cli.js';
import { makeTempDir, removeTempDirs } from '../../support/tempDir.js';

afterAll(() => removeTempDirs());

describe('navette open', () => {
  it('gives the address of the patient view of the running service, logged in', async () => {
    const home = makeTempDir('open-home-');
    const service = spawnCli(['serve', '--port', '0'], isolatedEnv(home));
    try {
      const { port } = await service.ready();
      // No --port: the running service's runtime file says where it is, and its UI token.
      const byIns = await runCli(
        ['open', '--ins', '2 79 03 51 215 189 89', '--ins-type', 'NIR_TEST', '--json'],
        isolatedEnv(home),
      );
      expect(byIns.code, byIns.stderr).toBe(0);
      const opened = JSON.parse(byIns.stdout) as { url: string; link: string };
      expect(opened.link).toBe(`navette://patient/279035121518989?oid=${INS_OIDS.NIR_TEST}`);
      const url = new URL(opened.url);
      expect(url.origin).toBe(`http://127.0.0.1:${port}`);
      const fragment = new URLSearchParams(url.hash.slice(1));
      expect(fragment.get('vue')).toBe(`/patient/279035121518989?oid=${INS_OIDS.NIR_TEST}`);
      const token = fragment.get('jeton') ?? '';
      // The token is this run's UI token: the local API accepts it.
      const status = await fetch(`http://127.0.0.1:${port}/api/status`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(status.status).toBe(200);

      const byLink = await runCli(
        ['open', 'navette://patient/279035121518989', '--port', String(port)],
        isolatedEnv(home),
      );
      expect(byLink.code, byLink.stderr).toBe(0);
      expect(byLink.stdout.trim()).toContain('vue=%2Fpatient%2F279035121518989');
    } finally {
      await service.stop();
    }
    // Stopped: the runtime file (and its token) is gone.
    const after = await runCli(['open', '--ins', '279035121518989'], isolatedEnv(home));
    expect(after.code).toBe(1);
  });

  it('says what to do when Navette is not started or the link is wrong', async () => {
    const home = makeTempDir('open-home-');
    const down = await runCli(
      ['open', '--ins', '279035121518989', '--port', '9'],
      isolatedEnv(home),
    );
    expect(down.code).toBe(1);
    expect(down.stderr).toContain('démarrez-le');
    const bad = await runCli(['open', 'navette://patient/12'], isolatedEnv(home));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/INS|Lien patient/);
  });
});
