// Temp-dir SQLite files for the store tests, removed after each test file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

/** A fresh temp directory per call; all of them are removed when the test file ends. */
export function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'navette-store-'));
  created.push(dir);
  return dir;
}

/** A path for a database file that does not exist yet. */
export function tempDbFile(): string {
  return path.join(tempDir(), 'navette.db');
}

const created: string[] = [];
afterAll(() => {
  for (const dir of created) rmSync(dir, { recursive: true, force: true });
});

/** The `detail` column of EXPLAIN QUERY PLAN, one string per step. */
export function queryPlan(
  db: { prepare(sql: string): { all(...params: unknown[]): unknown[] } },
  sql: string,
  ...params: unknown[]
): string[] {
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map(
    (r) => r.detail,
  );
}
