// The store layer: SQLite through better-sqlite3. Other layers import from here only.
export type { Database } from './Database.js';
export {
  AuditEntryInvalidError,
  DbCorruptError,
  DbMigrationError,
  DbOpenError,
  DbVersionFromFutureError,
  type DbOpenErrorCode,
} from './errors.js';
export { MIGRATIONS, type Migration } from './migrations/index.js';
export {
  latestVersion,
  runMigrations,
  schemaVersion,
  validateMigrations,
} from './migrationRunner.js';
export {
  BUSY_TIMEOUT_MS,
  backupPathFor,
  openDatabase,
  type OpenDatabaseOptions,
} from './openDatabase.js';
export { immediate } from './transaction.js';
export { SettingsRepository, type ValueParser } from './SettingsRepository.js';
export {
  AUDIT_HEAD_KEY,
  AuditJournal,
  GENESIS_HASH,
  auditHash,
  type AuditContent,
  type AuditEntry,
  type AuditHead,
  type AuditListQuery,
  type AuditProblem,
  type AuditRecord,
  type AuditVerification,
} from './AuditJournal.js';
export { PATIENT_REF_PATTERN, patientReference } from './patientReference.js';
export { canonicalJson, type JsonObject, type JsonValue } from './json.js';
export * from './outbox/index.js';
export * from './apiTokens/index.js';
export * from './imports/index.js';
