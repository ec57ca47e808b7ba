// kill -9 at random moments while documents are claimed, checked and sent; restart; repeat. Every
// document must end in the "DMP" exactly once and in sent/, none lost, none left in processing.
// The child runs the real intake, outbox and worker (src/ transpiled, types stripped) with a
// file-backed fake DMP, so that what "reached the DMP" survives the kills.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, removeTempDirs } from '../../support/tempDir.js';
import { transpileSource } from '../../support/transpiledSource.js';
import { fakeCda } from './support/FakeDocumentChecker.js';
import { sleep, waitFor } from './support/waitFor.js';

// The child: real send path; fake checker and a fake DMP whose registry is an fsync'ed file.
const CHILD = `
import { appendFileSync, closeSync, fsyncSync, openSync, readFileSync } from 'node:fs';
import { createSendingService } from './src/app/sending/index.js';
import { openDatabase } from './src/store/index.js';
const [folder, dbFile, dmpFile] = process.argv.slice(2);
const pause = () => new Promise((r) => setTimeout(r, Math.random() * 25));
const registered = () => { try { return readFileSync(dmpFile, 'utf8').split('\\n'); } catch { return []; } };
const checker = {
  async check(input) {
    await pause();
    const uniqueId = /uniqueId="([^"]+)"/.exec(new TextDecoder().decode(input.bytes))?.[1];
    return { verdict: 'accepted', document: { uniqueId, kind: 'cda-n3' } };
  },
};
const sender = {
  async send(doc) {
    await pause();
    const fd = openSync(dmpFile, 'a');
    appendFileSync(fd, doc.uniqueId + '\\n');
    fsyncSync(fd);
    closeSync(fd);
    await pause();
    return { kind: 'accepted' };
  },
  async findByUniqueId(uniqueId) {
    await pause();
    return registered().includes(uniqueId) ? { kind: 'found' } : { kind: 'absent' };
  },
};
const db = openDatabase(dbFile);
const service = createSendingService({
  db, checker, sender, instanceId: 'poste-a',
  watch: { folders: [folder], rescanIntervalSec: 1, stableDelayMs: 200, polling: 'never' },
  worker: { backoff: { initialMs: 20, maxMs: 100 } },
});
await service.start();
process.stdout.write('started\\n');
`;

let work: string;
beforeAll(() => {
  work = makeTempDir('navette-kill-');
  transpileSource(work, ['domain', 'intake', 'store', 'app/sending']);
  writeFileSync(path.join(work, 'package.json'), '{"type":"module"}');
  writeFileSync(path.join(work, 'child.js'), CHILD);
});
afterAll(() => removeTempDirs());

function startChild(
  folder: string,
  dbFile: string,
  dmpFile: string,
): {
  child: ChildProcess;
  started: Promise<void>;
  stderr: () => string;
} {
  const child = spawn(process.execPath, ['child.js', folder, dbFile, dmpFile], {
    cwd: work,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr?.on('data', (c: Buffer) => (err += c.toString()));
  const started = new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (c: Buffer) => {
      if (c.toString().includes('started')) resolve();
    });
    child.on('exit', (code, signal) => {
      if (signal === null) reject(new Error(`child exited ${code}: ${err}`));
    });
  });
  started.catch(() => undefined);
  return { child, started, stderr: () => err };
}

async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
}

describe('kill -9 and restart', () => {
  it('sends every document exactly once through 15 random kills', async () => {
    const root = makeTempDir('navette-kill-run-');
    const folder = path.join(root, 'export');
    mkdirSync(folder);
    const dbFile = path.join(root, 'navette.db');
    const dmpFile = path.join(root, 'dmp-registry.txt');
    const total = 60;
    let dropped = 0;
    const drop = (n: number): void => {
      for (const end = Math.min(total, dropped + n); dropped < end; dropped++) {
        writeFileSync(path.join(folder, `cr-${dropped}.xml`), fakeCda(`1.2.250.7^${dropped}`));
      }
    };
    const sentCount = (): number => {
      try {
        return readdirSync(path.join(folder, 'sent')).length;
      } catch {
        return 0;
      }
    };

    for (let trial = 0; trial < 15; trial++) {
      drop(4); // documents keep arriving between the kills
      const { child, started, stderr } = startChild(folder, dbFile, dmpFile);
      await started;
      await sleep(150 + Math.random() * 450);
      await kill(child);
      expect(stderr()).toBe('');
    }
    drop(total);
    const last = startChild(folder, dbFile, dmpFile);
    await last.started;
    try {
      await waitFor(() => sentCount() === total, 'every document in sent/', 60_000);
    } finally {
      await kill(last.child);
    }

    const lines = readFileSync(dmpFile, 'utf8')
      .split('\n')
      .filter((l) => l !== '');
    const counts = new Map<string, number>();
    for (const id of lines) counts.set(id, (counts.get(id) ?? 0) + 1);
    expect(counts.size).toBe(total);
    expect([...counts.entries()].filter(([, n]) => n !== 1)).toEqual([]);
    expect(readdirSync(path.join(folder, 'sent')).sort()).toEqual(
      Array.from({ length: total }, (_, i) => `cr-${i}.xml`).sort(),
    );
    expect(readdirSync(path.join(folder, 'error'))).toEqual([]);
    expect(readdirSync(path.join(folder, '.navette-en-cours', 'poste-a'))).toEqual([]);
    expect(readdirSync(folder).filter((n) => n.endsWith('.xml'))).toEqual([]);
  });
});
