// Importing DMP documents for specialists (issue 6, docs/import.md).
export {
  AutoImport,
  AUTO_IMPORT_OVERLAP_MS,
  type AutoImportOptions,
  type AutoImportTick,
} from './AutoImport.js';
export { ImportError, failureOf, importUnavailable } from './ImportError.js';
export {
  ImportService,
  type ImportConnection,
  type ImportDmpClient,
  type ImportSelection,
  type ImportServiceOptions,
} from './ImportService.js';
export {
  contentExtension,
  numberedName,
  sha256Hex,
  withExtension,
  writeImportFile,
  type WrittenFile,
} from './importFiles.js';
export {
  IMPORT_METADATA_VERSION,
  importMetadataBytes,
  importMetadataOf,
  traitsOf,
  type ImportMetadata,
  type PatientTraits,
} from './importMetadata.js';
export { importHttpStatusOf, importOperations, type ImportApiSource } from './importOperations.js';
export { dmpAccessOf, insOfPatientRef, selectionOf } from './importRequests.js';
export { ImportSessionSource, connectionOf, type ImportSessionOptions } from './importSession.js';
export {
  DEFAULT_IMPORT_FOLDER_NAME,
  autoImportSettingsOf,
  importSettingsOf,
  type AutoImportSettings,
  type ImportSettings,
} from './importSettings.js';
export {
  startImport,
  type ImportApi,
  type RunningImport,
  type StartImportOptions,
} from './startImport.js';
export {
  importNow,
  listFollowed,
  setFollowed,
  type ImportNowOptions,
  type ImportNowReport,
} from './importNow.js';
