// `npm run package:check`: electron-builder packages the built app (`--linux dir`) with a stub
// Electron distribution, and the packaged file set is checked (TECH-NOTES §6). Needs
// `npm run build` (npm test runs it). Then the checker is shown to catch a broken package.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIST_DIR, REPO_ROOT } from '../../support/paths.js';
import { makeTempDir, removeTempDirs } from '../../support/tempDir.js';

const SCRIPT = path.join(REPO_ROOT, 'scripts', 'package-check.mjs');
/** @electron/fuses' marker: the fuse wire follows it (version, length, one byte per fuse). */
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

function run(args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [SCRIPT, ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    timeout: 90_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('package:check', () => {
  let work: string;
  let packaged: ReturnType<typeof run>;
  let appOutDir: string;

  beforeAll(() => {
    expect(existsSync(path.join(DIST_DIR, 'main', 'main.js')), 'run npm run build first').toBe(
      true,
    );
    work = makeTempDir('navette-package-');
    packaged = run(['--out', work]);
    appOutDir = path.join(work, 'release', 'linux-unpacked');
  }, 120_000);
  afterAll(removeTempDirs);

  it('packages the app and finds it as intended', () => {
    expect(packaged.stderr).not.toContain('✗');
    expect(packaged.status).toBe(0);
    expect(packaged.stdout).toContain('✓ paquet conforme');
  });

  it('writes the updater configuration from the publish settings', () => {
    const updateYml = readFileSync(path.join(appOutDir, 'resources', 'app-update.yml'), 'utf8');
    expect(updateYml).toContain('provider: generic');
    expect(updateYml).toContain('channel: latest');
  });

  it('refuses a package whose native module is not unpacked', () => {
    rmSync(path.join(appOutDir, 'resources', 'app.asar.unpacked', 'node_modules', 'pkcs11js'), {
      recursive: true,
      force: true,
    });
    const inspected = run(['--inspect', appOutDir]);
    expect(inspected.status).toBe(1);
    expect(inspected.stderr).toContain('pkcs11.node absent');
  });

  it('refuses a package whose fuses were not flipped', () => {
    // Put back the wire as Electron ships it (its defaults: RunAsNode on, NODE_OPTIONS on…).
    const executable = path.join(appOutDir, 'navette');
    const bytes = readFileSync(executable);
    const wire = bytes.indexOf(FUSE_SENTINEL) + FUSE_SENTINEL.length;
    expect(wire).toBeGreaterThan(FUSE_SENTINEL.length);
    expect(bytes.subarray(wire + 2, wire + 10).toString('latin1')).toBe('01001100');
    bytes.write('10110001', wire + 2, 'latin1');
    writeFileSync(executable, bytes);
    const inspected = run(['--inspect', appOutDir]);
    expect(inspected.status).toBe(1);
    expect(inspected.stderr).toContain('fusible runAsNode : 1 au lieu de 0');
  });
});
