// The mapping between the « Réglages » form fields (src/api/settings.ts) and the configuration's
// dotted paths. One table, so that reading, saving and per-field errors cannot disagree.
import type { EditableSettings, SettingsField, SettingsSave } from '../../api/settings.js';
import type { NavetteConfig } from '../config/index.js';
import { isPlainObject, type JsonObject } from '../config/objectPaths.js';

/** Form field → configuration path. */
export const SETTINGS_PATHS: Readonly<Record<SettingsField, readonly string[]>> = {
  watchFolders: ['watch', 'folders'],
  sentFolder: ['watch', 'sentFolder'],
  errorFolder: ['watch', 'errorFolder'],
  cardModule: ['card', 'pkcs11Module'],
  structureId: ['structure', 'id'],
  structureName: ['structure', 'name'],
  structureP12: ['structure', 'p12'],
  authMode: ['dmp', 'authMode'],
  defaultVisibility: ['documents', 'defaultVisibility'],
  importFolder: ['import', 'folder'],
  importNamePattern: ['import', 'namePattern'],
  autoImport: ['import', 'autoImport'],
};

/** The form field a dotted configuration path belongs to ('' when none). */
export function fieldOfPath(dotted: string): SettingsField | '' {
  for (const [field, path] of Object.entries(SETTINGS_PATHS) as [SettingsField, string[]][]) {
    const joined = path.join('.');
    if (dotted === joined || dotted.startsWith(`${joined}.`) || dotted.startsWith(`${joined}[`))
      return field;
  }
  return '';
}

export function editableSettingsOf(config: NavetteConfig): EditableSettings {
  return {
    watchFolders: [...config.watch.folders],
    sentFolder: config.watch.sentFolder ?? null,
    errorFolder: config.watch.errorFolder ?? null,
    cardModule: config.card.pkcs11Module ?? null,
    structureId: config.structure.id ?? null,
    structureName: config.structure.name ?? null,
    structureP12: config.structure.p12 ?? null,
    authMode: config.dmp.authMode,
    defaultVisibility: { ...config.documents.defaultVisibility },
    importFolder: config.import.folder ?? null,
    importNamePattern: config.import.namePattern,
    autoImport: config.import.autoImport,
  };
}

/**
 * The user-settings layer for `changes`: '' and null remove the value (back to the policy or the
 * default); folder lists lose their blank lines.
 */
export function layerOfChanges(changes: SettingsSave): JsonObject {
  const layer: JsonObject = {};
  for (const [field, raw] of Object.entries(changes) as [SettingsField, unknown][]) {
    if (raw === undefined) continue;
    const path = SETTINGS_PATHS[field];
    let value: unknown = raw;
    if (typeof raw === 'string') value = raw.trim() === '' ? null : raw.trim();
    if (Array.isArray(raw))
      value = raw.map((s) => String(s).trim()).filter((s: string) => s !== '');
    setAt(layer, path, value);
  }
  return layer;
}

function setAt(target: JsonObject, path: readonly string[], value: unknown): void {
  let node: JsonObject = target;
  path.forEach((key, n) => {
    if (n === path.length - 1) {
      node[key] = value;
      return;
    }
    const next = node[key];
    if (isPlainObject(next)) node = next;
    else {
      const created: JsonObject = {};
      node[key] = created;
      node = created;
    }
  });
}
