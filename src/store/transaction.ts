// Write transactions. Every write goes through BEGIN IMMEDIATE: the write lock is taken up front, so
// a second connection waits on busy_timeout instead of failing with SQLITE_BUSY when a deferred
// read transaction tries to upgrade to a write (TECH-NOTES §7).
import type { Database } from './Database.js';

/**
 * Runs `fn` inside `BEGIN IMMEDIATE … COMMIT`, rolling back if it throws. Nested calls become
 * savepoints of the outer transaction (better-sqlite3 semantics), so repositories can call each
 * other freely. `fn` must be synchronous: better-sqlite3 refuses a function that returns a promise.
 */
export function immediate<T>(db: Database, fn: () => T): T {
  return db.transaction(fn).immediate();
}
