// The connection type every store module and its callers share. One alias, so that a later move
// (node:sqlite, a worker-thread proxy) changes one line.
import type BetterSqlite3 from 'better-sqlite3';

/** An open better-sqlite3 connection, as returned by `openDatabase`. */
export type Database = BetterSqlite3.Database;
