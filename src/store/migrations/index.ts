// The one ordered list of schema steps. Append new steps at the end, numbered +10.
import { auditJournalMigration } from './0020-audit-journal.js';
import { settingsMigration } from './0010-settings.js';
import { outboxMigration } from './0030-outbox.js';
import { apiTokensMigration } from './0040-api-tokens.js';
import { batchesMigration } from './0050-batches.js';
import { importsMigration } from './0060-imports.js';
import type { Migration } from './Migration.js';

export type { Migration } from './Migration.js';

export const MIGRATIONS: readonly Migration[] = Object.freeze([
  settingsMigration,
  auditJournalMigration,
  outboxMigration,
  apiTokensMigration,
  batchesMigration,
  importsMigration,
]);
