// Small persistent settings and cursors: one JSON value per key, in the `settings` table.
import type { Database } from './Database.js';
import type { JsonValue } from './json.js';
import { canonicalJson } from './json.js';
import { immediate } from './transaction.js';

/** Anything with a zod-like `parse` (a zod schema fits). */
export interface ValueParser<T> {
  parse(value: unknown): T;
}

/**
 * Reads and writes JSON values by key. Writes are immediate transactions, or savepoints when
 * called inside one (so a caller can update a setting atomically with its own rows).
 * Keys are dotted names owned by their module (`audit.journal.head`, `consult.lastVisit`).
 */
export class SettingsRepository {
  private readonly selectOne;
  private readonly upsert;
  private readonly deleteOne;

  constructor(
    private readonly db: Database,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.selectOne = db.prepare<[string], { value: string }>(
      'SELECT value FROM settings WHERE key = ?',
    );
    this.upsert = db.prepare<[string, string, string]>(
      `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    );
    this.deleteOne = db.prepare<[string]>('DELETE FROM settings WHERE key = ?');
  }

  /** The stored value, or undefined when the key is absent. */
  get(key: string): JsonValue | undefined {
    const row = this.selectOne.get(key);
    return row === undefined ? undefined : (JSON.parse(row.value) as JsonValue);
  }

  /** The stored value checked by `parser` (throws what the parser throws), or undefined. */
  getParsed<T>(key: string, parser: ValueParser<T>): T | undefined {
    const value = this.get(key);
    return value === undefined ? undefined : parser.parse(value);
  }

  /** Stores `value` under `key`, replacing any previous value; `at` defaults to the clock. */
  set(key: string, value: JsonValue, at: Date = this.now()): void {
    // canonicalJson refuses NaN/undefined instead of letting JSON.stringify turn them into null.
    const text = canonicalJson(value);
    const updatedAt = at.toISOString();
    immediate(this.db, () => this.upsert.run(key, text, updatedAt));
  }

  /** Removes `key`; true when it existed. */
  delete(key: string): boolean {
    return immediate(this.db, () => this.deleteOne.run(key).changes > 0);
  }
}
