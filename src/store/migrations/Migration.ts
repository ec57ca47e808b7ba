import type { Database } from '../Database.js';

/**
 * One step of the schema. Rules (CONVENTIONS §8 item 7):
 * - one file per step, `NNNN-kebab-description.ts`, `version` = NNNN, in steps of 10;
 * - a shipped step never changes: fix mistakes with a new step;
 * - `up` is synchronous and runs inside the single transaction that applies every pending step,
 *   with `foreign_keys=ON` (a table rebuild must keep references valid by the end of the
 *   transaction: `PRAGMA foreign_key_check` runs before the commit);
 * - `up` must not BEGIN/COMMIT, VACUUM or change `user_version`: the runner does that.
 */
export interface Migration {
  readonly version: number;
  /** Kebab-case description, the part of the file name after the number. */
  readonly name: string;
  up(db: Database): void;
}
