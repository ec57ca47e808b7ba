// `npm run package:check`: packages the desktop app with electron-builder (`--linux dir`) against a
// STUB Electron distribution and checks the packaged file set. Build machines cannot download
// Electron (TECH-NOTES §6), but electron-builder only copies the distribution folder, so a folder
// with a dummy executable, a `version` file and the licence files is enough to exercise the whole
// configuration: `files`, `asarUnpack`, `extraResources`, the updater's app-update.yml, and the
// fuses (the stub executable carries a fuse wire, which electron-builder flips like a real one).
//
// Usage: node scripts/package-check.mjs [--keep] [--out DIR] [--inspect DIR]
//   --keep         keep the output folder (its path is printed)
//   --out DIR      work in DIR (an empty folder, kept) instead of a new temporary folder
//   --inspect DIR  check an already packaged `linux-unpacked` folder instead of packaging
// Needs `npm run build` first (dist/). Exit status 0 when every check passes, 1 otherwise.
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const ELECTRON_VERSION = JSON.parse(
  readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8'),
).version;

/** @electron/fuses' sentinel and wire format: version 1, one byte per fuse ('0' off, '1' on). */
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Fuse order of wire version 1 (FuseV1Options), with Electron's own defaults. */
const FUSES = [
  ['runAsNode', '1'],
  ['enableCookieEncryption', '0'],
  ['enableNodeOptionsEnvironmentVariable', '1'],
  ['enableNodeCliInspectArguments', '1'],
  ['enableEmbeddedAsarIntegrityValidation', '0'],
  ['onlyLoadAppFromAsar', '0'],
  ['loadBrowserProcessSpecificV8Snapshot', '0'],
  ['grantFileProtocolExtraPrivileges', '1'],
];
/** What the packaged binary must say (electron-builder.yml `electronFuses`). */
const EXPECTED_FUSES = {
  runAsNode: '0',
  enableCookieEncryption: '1',
  enableNodeOptionsEnvironmentVariable: '0',
  enableNodeCliInspectArguments: '0',
  enableEmbeddedAsarIntegrityValidation: '1',
  onlyLoadAppFromAsar: '1',
  grantFileProtocolExtraPrivileges: '0',
};
const EXECUTABLE = 'navette';

/** A stand-in for Electron's linux-x64 zip content. */
function makeStubElectron(dir) {
  const wire = FUSES.map(([, value]) => value).join('');
  const script =
    '#!/bin/sh\n# Stub Electron for `npm run package:check`: not a runtime.\nexit 0\n' +
    `# ${FUSE_SENTINEL}\u0001${String.fromCharCode(FUSES.length)}${wire}\n`;
  writeFileSync(path.join(dir, 'electron'), script, 'latin1');
  chmodSync(path.join(dir, 'electron'), 0o755);
  writeFileSync(path.join(dir, 'version'), ELECTRON_VERSION);
  writeFileSync(path.join(dir, 'LICENSE'), 'Stub licence (package check only).\n');
  writeFileSync(path.join(dir, 'LICENSES.chromium.html'), '<p>Stub (package check only).</p>\n');
}

function runElectronBuilder(stubDir, outDir) {
  const cli = path.join(root, 'node_modules', 'electron-builder', 'cli.js');
  const args = [
    cli,
    '--linux',
    'dir',
    '--projectDir',
    root,
    `-c.electronDist=${stubDir}`,
    '-c.npmRebuild=false',
    `-c.directories.output=${outDir}`,
  ];
  const started = Date.now();
  const result = spawnSync(process.execPath, args, {
    cwd: root,
    encoding: 'utf8',
    // No download, no publishing, no code signing lookups on a build server.
    env: { ...process.env, CSC_IDENTITY_AUTO_DISCOVERY: 'false', ELECTRON_BUILDER_OFFLINE: '1' },
  });
  return { ...result, ms: Date.now() - started };
}

/** The fuse wire of the packaged executable, by fuse name. */
function readFuses(executable) {
  const bytes = readFileSync(executable);
  const at = bytes.indexOf(FUSE_SENTINEL);
  if (at < 0) return undefined;
  const wire = at + FUSE_SENTINEL.length;
  const length = bytes[wire + 1] ?? 0;
  const fuses = {};
  for (let i = 0; i < Math.min(length, FUSES.length); i++) {
    fuses[FUSES[i][0]] = String.fromCharCode(bytes[wire + 2 + i] ?? 0);
  }
  return fuses;
}

/**
 * Every problem of the packaged folder `appOutDir` (linux-unpacked), as French sentences; an
 * empty list means the package is as intended.
 */
export function inspectPackage(appOutDir) {
  const problems = [];
  const resources = path.join(appOutDir, 'resources');
  const archive = path.join(resources, 'app.asar');
  if (!existsSync(archive)) return [`archive absente : ${archive}`];
  const asar = require('@electron/asar');
  const entries = asar.listPackage(archive, { isPack: false }).map((p) => p.replaceAll('\\', '/'));
  const has = (p) => entries.includes(p);
  const under = (dir) => entries.some((p) => p.startsWith(`${dir}/`));

  for (const required of [
    '/dist/main/main.js',
    '/package.json',
    '/dist/preload/index.js',
    '/dist/preload/pin.js',
    '/dist/renderer/pin/index.html',
  ]) {
    if (!has(required)) problems.push(`app.asar ne contient pas ${required}`);
  }
  for (const dir of ['/dist/preload', '/dist/renderer']) {
    if (!under(dir)) problems.push(`app.asar ne contient pas le dossier ${dir}`);
  }
  if (!has('/dist/renderer/index.html'))
    problems.push('app.asar : /dist/renderer/index.html absent');
  const forbidden = entries.filter(
    (p) =>
      p.startsWith('/src/') ||
      p.startsWith('/test/') ||
      p.startsWith('/scripts/') ||
      p.startsWith('/tools/') ||
      p.endsWith('.map') ||
      (p.endsWith('.ts') && !p.endsWith('.d.ts') && !p.includes('/node_modules/')),
  );
  if (forbidden.length > 0) {
    problems.push(
      `app.asar contient ${forbidden.length} fichier(s) interdit(s) (sources, tests, .map), ex. ${forbidden.slice(0, 3).join(', ')}`,
    );
  }
  const packagedManifest = JSON.parse(
    asar.extractFile(archive, 'package.json', { isPack: false }).toString('utf8'),
  );
  if (packagedManifest.main !== 'dist/main/main.js') {
    problems.push(`package.json empaqueté : main vaut ${packagedManifest.main}`);
  }
  if ('devDependencies' in packagedManifest && under('/node_modules/vitest')) {
    problems.push('app.asar contient des dépendances de développement (vitest)');
  }

  // Beside the archive: real files for the OS and the XSLT/XSD engines.
  const extra = path.join(resources, 'resources');
  for (const file of [
    'icons/icon.png',
    'icons/tray/ready.png',
    'icons/tray/ready@2x.png',
    'icons/tray/card-absent.png',
    'icons/tray/attention.png',
    'icons/tray/busy.png',
    'cda/stylesheet',
    'cda/xsd',
  ]) {
    if (!existsSync(path.join(extra, file)))
      problems.push(`resources/${file} absent à côté de app.asar`);
  }

  // Native modules: unpacked, loadable from disk, and not only inside the archive.
  const unpacked = path.join(resources, 'app.asar.unpacked');
  for (const file of [
    'node_modules/better-sqlite3/build/Release/better_sqlite3.node',
    'node_modules/pkcs11js/build/Release/pkcs11.node',
  ]) {
    if (!existsSync(path.join(unpacked, file))) problems.push(`app.asar.unpacked/${file} absent`);
  }

  if (!existsSync(path.join(resources, 'app-update.yml'))) {
    problems.push('app-update.yml absent (configuration de mise à jour)');
  }

  const fuses = readFuses(path.join(appOutDir, EXECUTABLE));
  if (fuses === undefined) problems.push(`exécutable ${EXECUTABLE} absent ou sans fusibles`);
  else {
    for (const [name, expected] of Object.entries(EXPECTED_FUSES)) {
      if (fuses[name] !== expected) {
        problems.push(`fusible ${name} : ${fuses[name]} au lieu de ${expected}`);
      }
    }
  }
  return problems;
}

function main(argv) {
  let keep = argv.includes('--keep');
  const inspectAt = argv.indexOf('--inspect');
  let appOutDir;
  let work;
  if (inspectAt >= 0) {
    appOutDir = path.resolve(argv[inspectAt + 1] ?? '');
  } else {
    if (!existsSync(path.join(root, 'dist', 'main', 'main.js'))) {
      console.error("Navette n'est pas construit : lancez « npm run build », puis recommencez.");
      return 1;
    }
    const outAt = argv.indexOf('--out');
    const given = outAt >= 0 ? argv[outAt + 1] : undefined;
    work =
      given === undefined
        ? mkdtempSync(path.join(os.tmpdir(), 'navette-package-check-'))
        : path.resolve(given);
    keep ||= given !== undefined;
    const stub = path.join(work, 'electron-stub');
    const out = path.join(work, 'release');
    mkdirSync(stub);
    makeStubElectron(stub);
    const built = runElectronBuilder(stub, out);
    if (built.status !== 0) {
      console.error(built.stdout, built.stderr);
      console.error(`electron-builder a échoué (statut ${built.status}).`);
      if (!keep) rmSync(work, { recursive: true, force: true });
      return 1;
    }
    console.log(`electron-builder --linux dir : ${built.ms} ms`);
    appOutDir = path.join(out, 'linux-unpacked');
  }
  const problems = inspectPackage(appOutDir);
  for (const problem of problems) console.error(`✗ ${problem}`);
  if (problems.length === 0) {
    console.log(
      work === undefined || keep ? `✓ paquet conforme : ${appOutDir}` : '✓ paquet conforme',
    );
  }
  if (work !== undefined) {
    if (keep) console.log(`dossier conservé : ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
  return problems.length === 0 ? 0 : 1;
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === import.meta.filename) {
  process.exitCode = main(process.argv.slice(2));
}
