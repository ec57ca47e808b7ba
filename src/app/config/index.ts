// Navette's configuration: one strict, versioned schema; layers (defaults ← administrator policy ←
// user settings ← command line); per-OS paths; problems in French; a store that reloads and keeps
// the last good configuration. docs/configuration.md is the user-facing description.
export {
  CURRENT_CONFIG_VERSION,
  DMP_AUTH_MODES,
  IMPORT_NAME_PLACEHOLDERS,
  NavetteConfigSchema,
  POLLING_MODES,
  SIGNATURE_ALGORITHMS,
  type ConfigLogLevel,
  type NavetteConfig,
} from './schema.js';
export {
  DEFAULT_CONFIG,
  DEFAULT_DMP_ENDPOINT,
  DEFAULT_IMPORT_NAME_PATTERN,
  DEFAULT_PORT,
  defaultConfig,
} from './defaults.js';
export {
  defaultAppPaths,
  LOG_DIR_NAME,
  POLICY_FILE_NAME,
  SETTINGS_FILE_NAME,
  type AppPaths,
  type Environment,
} from './paths.js';
export {
  COMMAND_LINE_SOURCE,
  WHOLE_FILE,
  type ConfigProblem,
  type ConfigProblemCode,
} from './problems.js';
export {
  loadConfig,
  type ConfigLayerName,
  type ConfigSource,
  type ConfigSourceState,
  type LastGoodLayers,
  type LoadConfigOptions,
  type LoadedConfig,
} from './loadConfig.js';
export {
  layerVersion,
  upgradeLayer,
  upgradeV1toV2,
  UPGRADES,
  type UpgradeStep,
} from './upgrade.js';
export {
  ConfigStore,
  type ConfigChange,
  type ConfigListener,
  type ConfigReload,
} from './ConfigStore.js';
export {
  saveUserSettings,
  type SaveUserSettingsOptions,
  type SaveUserSettingsResult,
} from './saveUserSettings.js';
export { ConfigSaveError, type ConfigSaveErrorCode } from './errors.js';
export { expectedAt, isKnownFieldPath, knownFieldPaths } from './schemaFields.js';
export { writeFileAtomic } from './atomicWrite.js';
