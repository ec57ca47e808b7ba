// The intake layer: export folders → claimed, checked documents recorded in the outbox, and
// finished documents moved to sent/ or error/. See docs/sending.md.
export { FolderIntake, type FolderIntakeOptions, type WatchedFolder } from './FolderIntake.js';
export { IntakeError, type IntakeErrorCode } from './IntakeError.js';
export type {
  IntakeClaimRef,
  IntakeOutbox,
  IntakeRecord,
  IntakeRecordResult,
  IntakeRecordStatus,
  PlacementTask,
} from './IntakeOutbox.js';
export type { IntakeEvent, IntakeListener } from './intakeEvents.js';
export {
  DEFAULT_ERROR_DIR,
  DEFAULT_SENT_DIR,
  folderLayout,
  type FolderLayout,
  type LayoutOptions,
} from './folderLayout.js';
export {
  PROCESSING_DIR_NAME,
  REASON_FILE_SUFFIX,
  isIgnoredName,
  planUnits,
  type ClaimUnit,
} from './fileNames.js';
export { contentHash, sha256Hex } from './contentHash.js';
export {
  detectNetworkFolder,
  isNetworkFolder,
  shouldPoll,
  type PollingMode,
} from './networkFolder.js';
export { reasonFileText, reasonLines, type Reason, type ReasonCause } from './reasonFile.js';
