// A writer killed with SIGKILL loses no committed entry and leaves a verifiable journal.
// The child runs the real store code: src/ is transpiled (types stripped, nothing else) into a
// temp dir whose node_modules points at the repository's, so the child needs no TS loader.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuditJournal, openDatabase } from '../../../src/store/index.js';
import { transpileSource } from '../../support/transpiledSource.js';
import { tempDir } from './tempDb.js';

const CHILD = `
import { AuditJournal, openDatabase } from './src/store/index.js';
const db = openDatabase(process.argv[2]);
const journal = new AuditJournal(db, () => new Date());
for (let i = 1; ; i += 1) {
  const r = journal.append({ actor: 'system', transaction: 'TD2.1', result: 'success', details: { i } });
  process.stdout.write(r.id + '\\n'); // printed only once the commit returned
}
`;

describe('crash safety', () => {
  it('keeps every entry whose commit returned when the writer is SIGKILLed', async () => {
    const work = tempDir();
    transpileSource(work, ['store', 'domain/errors']);
    writeFileSync(path.join(work, 'package.json'), '{"type":"module"}');
    writeFileSync(path.join(work, 'child.js'), CHILD);
    const file = path.join(work, 'navette.db');

    const child = spawn(process.execPath, ['child.js', file], {
      cwd: work,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const committed: number[] = [];
    let pending = '';
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    );
    child.stdout.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) committed.push(Number(line));
      if (committed.length >= 300 && child.exitCode === null && !child.killed)
        child.kill('SIGKILL');
    });
    const signal = await exited;
    expect(stderr).toBe('');
    expect(signal).toBe('SIGKILL');
    expect(committed.length).toBeGreaterThanOrEqual(300);

    // Reopening runs quick_check (throws if damaged) and finds every acknowledged entry.
    const db = openDatabase(file);
    try {
      const journal = new AuditJournal(db, () => new Date());
      const last = committed.at(-1)!;
      expect(committed).toEqual(Array.from({ length: last }, (_, i) => i + 1));
      const stored = db.prepare('SELECT max(id) AS maxId FROM audit_journal').get() as {
        maxId: number;
      };
      expect(stored.maxId).toBeGreaterThanOrEqual(last);
      expect(journal.verify()).toEqual({ ok: true, checked: stored.maxId });
      expect(journal.head().lastId).toBe(stored.maxId);
    } finally {
      db.close();
    }
  });
});
