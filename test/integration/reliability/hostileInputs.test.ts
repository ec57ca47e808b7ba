// Hostile inputs (issue 5): 525 generated bad files dropped into a watched folder while the real
// send path runs in a child process (support/hostileFiles.ts: malformed XML, entity bombs,
// external entities and XInclude pointing at a local canary server, files over the size limit,
// binary junk, empty files, a wrong INS key, PDFs without sidecar, XML that is not a CDA, text),
// plus files still being written (appended to for 1.5 s) and files held open by their writer (an
// exclusive handle kept 2 s; Linux has no mandatory locks, so this is the closest to a Windows
// lock here — the EBUSY path itself is the intake's, see docs/sending.md). The service must stay
// up, every file must end in error/ with its reason file, none may be lost, and nothing may leave
// the machine: the DMP test server receives no call at all, the canary no request.
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, removeTempDirs } from '../../support/tempDir.js';
import { sleep, waitFor } from '../intake/support/waitFor.js';
import { hostileFiles } from './support/hostileFiles.js';
import { startReliabilitySandbox, type ReliabilitySandbox } from './support/reliabilitySandbox.js';
import { killHard, prepareSendingChild, startSendingChild } from './support/sendingChild.js';

const MAX_SIZE_MB = 1;
const SLOW_WRITERS = 10;
const HELD_OPEN = 10;

let sandbox: ReliabilitySandbox;
let work: string;
let canary: http.Server;
const canaryHits: string[] = [];

beforeAll(async () => {
  sandbox = await startReliabilitySandbox();
  work = makeTempDir('navette-reliability-child-');
  prepareSendingChild(work);
  canary = http.createServer((req, res) => {
    canaryHits.push(req.url ?? '');
    res.end('<!ENTITY y "fetched">');
  });
  await new Promise<void>((resolve) => canary.listen(0, '127.0.0.1', resolve));
});

afterAll(async () => {
  await sandbox?.stop();
  await new Promise((resolve) => canary?.close(resolve));
  removeTempDirs();
});

function list(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

/** error/ without the reason files being written (atomic write: `.name.123.tmp`, then rename). */
function placed(dir: string): string[] {
  return list(dir).filter((n) => !n.startsWith('.'));
}

/** Appends broken XML for `ms`, a chunk every 100 ms, as a slow export would. */
async function writeSlowly(file: string, ms: number): Promise<void> {
  const fd = openSync(file, 'w');
  try {
    for (const end = Date.now() + ms; Date.now() < end;) {
      writeSync(fd, '<ClinicalDocument><section>encore en cours');
      await sleep(100);
    }
  } finally {
    closeSync(fd);
  }
}

/** Writes a bad document through an exclusive handle kept open `ms` after the last byte. */
async function holdOpen(file: string, ms: number): Promise<void> {
  const fd = openSync(file, 'wx');
  try {
    writeSync(fd, '<ClinicalDocument xmlns="urn:hl7-org:v3"><verrouillé/>');
    await sleep(ms);
  } finally {
    closeSync(fd);
  }
}

/** The code at the end of a reason file ("Référence pour le support : n° 42, code X"). */
function codesOf(reason: string): string[] {
  return [...reason.matchAll(/code ([A-Z0-9_]+)/g)].map((m) => m[1] ?? '');
}

describe('hostile files in the export folder', () => {
  it('refuses every one into error/ with a reason, stays up, and sends nothing', async () => {
    const root = makeTempDir('navette-reliability-hostile-');
    const folder = path.join(root, 'export');
    const dataDir = path.join(root, 'data');
    mkdirSync(folder);
    mkdirSync(dataDir);
    const { port } = canary.address() as AddressInfo;
    const files = hostileFiles(
      sandbox.manifest,
      `http://127.0.0.1:${port}`,
      MAX_SIZE_MB * 1024 * 1024,
    );
    const run = startSendingChild({
      work,
      configFile: sandbox.writeConfig(folder, { documents: { maxSizeMb: MAX_SIZE_MB } }),
      dataDir,
      demoCard: sandbox.demoCard,
      concurrency: 4,
    });
    const names = files.map((f) => f.name);
    try {
      await run.started;
      for (const f of files) writeFileSync(path.join(folder, f.name), f.bytes);
      const writers = [
        ...Array.from({ length: SLOW_WRITERS }, (_, i) => {
          names.push(`being-written-${i}.xml`);
          return writeSlowly(path.join(folder, `being-written-${i}.xml`), 1500);
        }),
        ...Array.from({ length: HELD_OPEN }, (_, i) => {
          names.push(`held-open-${i}.xml`);
          return holdOpen(path.join(folder, `held-open-${i}.xml`), 2000);
        }),
      ];
      await Promise.all(writers);
      const expected = names.flatMap((n) => [n, `${n}.erreur.txt`]).sort();
      await waitFor(
        () => placed(path.join(folder, 'error')).length >= expected.length,
        `${names.length} files and their reasons in error/`,
        120_000,
      );
      // Still up: the process did not exit, and took no unexpected error.
      expect(run.child.exitCode).toBeNull();
      expect(run.child.signalCode).toBeNull();
      expect(placed(path.join(folder, 'error'))).toEqual(expected);
    } finally {
      await killHard(run.child);
    }
    expect(run.stderr()).toBe('');
    expect(names.length).toBeGreaterThanOrEqual(500);

    // Nothing lost, nothing left, nothing sent.
    expect(list(path.join(folder, 'sent'))).toEqual([]);
    const leftovers = list(folder).filter(
      (n) => !['error', 'sent', '.navette-en-cours'].includes(n),
    );
    expect(leftovers).toEqual([]);
    expect(list(path.join(folder, '.navette-en-cours', 'poste-a'))).toEqual([]);
    expect(sandbox.provideAndRegisterCalls()).toBe(0);
    expect(Object.fromEntries(sandbox.requests.byOperation)).toEqual({});
    expect(canaryHits).toEqual([]);

    // Every reason is French, names the file, and gives a code; the bytes are kept as dropped.
    const codes = new Map<string, Set<string>>();
    for (const name of names) {
      const reason = readFileSync(path.join(folder, 'error', `${name}.erreur.txt`), 'utf8');
      expect(reason).toContain("Navette n'a pas envoyé ce document au DMP");
      expect(reason).toContain(`Fichier : ${name}`);
      const category = name.replace(/-\d+(\.\w+)?$/, '');
      const set = codes.get(category) ?? new Set<string>();
      for (const code of codesOf(reason)) set.add(code);
      codes.set(category, set);
    }
    for (const f of files) {
      expect(readFileSync(path.join(folder, 'error', f.name)).equals(Buffer.from(f.bytes))).toBe(
        true,
      );
    }
    const summary = Object.fromEntries([...codes].map(([k, v]) => [k, [...v].sort()]));
    console.log(
      `hostile suite: ${names.length} files; codes by category ${JSON.stringify(summary)}`,
    );
    expect(summary['huge']).toEqual(['FILE_TOO_LARGE']);
    expect(summary['pdf-alone']).toEqual(['PDF_SIDECAR_MISSING']);
    expect(summary['wrong-ins-key']).toEqual(['CDA_PATIENT_INS_KEY']);
    expect(summary['entity-bomb']).toEqual(['CDA_DOCTYPE_FORBIDDEN']);
    expect(summary['empty']).toEqual(['CDA_EMPTY']);
    // Every category got a coded reason.
    for (const [category, set] of codes) expect(set.size, category).toBeGreaterThan(0);
  });
});
