// Where and how imported documents are written (`import.*`, docs/import.md). The folder defaults
// to `import` under the per-user data folder: it always exists for the user running Navette and
// needs no OS-specific lookup of a "Documents" folder (redirected on many practices' Windows
// profiles). Practices point `import.folder` at the folder their software reads.
import path from 'node:path';
import type { NavetteConfig } from '../config/index.js';

export const DEFAULT_IMPORT_FOLDER_NAME = 'import';

export interface ImportSettings {
  /** Absolute. */
  readonly folder: string;
  readonly namePattern: string;
  /** Writes `<name>.json` beside each document. */
  readonly writeMetadata: boolean;
}

export interface AutoImportSettings {
  readonly enabled: boolean;
  readonly intervalMs: number;
}

export function importSettingsOf(config: NavetteConfig, dataDir: string): ImportSettings {
  return {
    folder: path.resolve(config.import.folder ?? path.join(dataDir, DEFAULT_IMPORT_FOLDER_NAME)),
    namePattern: config.import.namePattern,
    writeMetadata: config.import.writeMetadata,
  };
}

export function autoImportSettingsOf(config: NavetteConfig): AutoImportSettings {
  return {
    enabled: config.import.autoImport,
    intervalMs: config.import.autoIntervalMin * 60_000,
  };
}
