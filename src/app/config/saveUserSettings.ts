// Saves settings into the user settings file, and only there: the policy and Navette's defaults
// are never written. `partial` is merged into what the file holds (objects key by key, lists
// replaced, `null` removes a value so it falls back to the policy or the default), the result is
// written in the current version (an older file is upgraded on this occasion), atomically.
//
// Nothing is written when `partial` is invalid or touches a locked field. A file that is not valid
// JSON is copied aside (`settings.json.invalide-<date>`) before being replaced, so a hand edit
// that went wrong is not lost.
import { copyFileSync } from 'node:fs';
import { writeFileAtomic } from './atomicWrite.js';
import { cleanLayer } from './cleanLayer.js';
import { DEFAULT_CONFIG } from './defaults.js';
import { ConfigSaveError } from './errors.js';
import { getAt, hasAt, isPlainObject, mergeLayer, type JsonObject } from './objectPaths.js';
import { readLayerFile } from './readLayerFile.js';
import { CURRENT_CONFIG_VERSION } from './schema.js';
import { layerVersion, upgradeLayer } from './upgrade.js';

export interface SaveUserSettingsOptions {
  /** Field paths locked by the policy: setting any of them (or a section holding one) fails. */
  readonly locked?: readonly string[];
  /** For the name of the backup of an invalid file. */
  readonly now?: () => Date;
}

export interface SaveUserSettingsResult {
  readonly file: string;
  /** Where the previous, invalid file was copied, if it was. */
  readonly backupFile?: string;
  /** The content now in the file. */
  readonly saved: JsonObject;
}

export function saveUserSettings(
  file: string,
  partial: Readonly<Record<string, unknown>>,
  options: SaveUserSettingsOptions = {},
): SaveUserSettingsResult {
  const { configVersion: _ignored, ...changes } = structuredClone(partial) as JsonObject;
  checkLocks(file, changes, options.locked ?? []);
  const problems = cleanLayer(DEFAULT_CONFIG, withoutNulls(changes), file).problems;
  if (problems.length > 0) {
    const first = problems[0];
    throw new ConfigSaveError(
      'CONFIG_SAVE_INVALID',
      `Les réglages n'ont pas été enregistrés : le paramètre « ${first?.field} » attend ` +
        `${first?.expected}.`,
      { file, problems },
    );
  }

  const { existing, backupFile } = readExisting(file, options.now ?? (() => new Date()));
  const merged = pruneEmpty(mergeLayer(existing, changes));
  const saved: JsonObject = { configVersion: CURRENT_CONFIG_VERSION, ...merged };
  try {
    writeFileAtomic(file, `${JSON.stringify(saved, null, 2)}\n`);
  } catch (error) {
    throw new ConfigSaveError(
      'CONFIG_SAVE_FAILED',
      `Les réglages n'ont pas pu être enregistrés dans « ${file} ». Vérifiez que ce dossier existe ` +
        `et que vous avez le droit d'y écrire.`,
      { file },
      { cause: error },
    );
  }
  return backupFile === undefined ? { file, saved } : { file, backupFile, saved };
}

function checkLocks(file: string, changes: JsonObject, locked: readonly string[]): void {
  for (const dotted of locked) {
    const path = dotted.split('.');
    // The field itself, or a parent section replaced by something that is not an object.
    const touched = path.some((_, n) => {
      const prefix = path.slice(0, n + 1);
      return (
        hasAt(changes, prefix) && (n === path.length - 1 || !isPlainObject(getAt(changes, prefix)))
      );
    });
    if (touched) {
      throw new ConfigSaveError(
        'CONFIG_SAVE_LOCKED',
        `Les réglages n'ont pas été enregistrés : le paramètre « ${dotted} » est fixé par ` +
          `l'administrateur et ne peut pas être modifié.`,
        { file },
      );
    }
  }
}

function readExisting(
  file: string,
  now: () => Date,
): { existing: JsonObject; backupFile?: string } {
  const read = readLayerFile(file);
  if (read.kind === 'absent') return { existing: {} };
  if (read.kind === 'problem') {
    if (read.problem.code === 'CONFIG_FILE_UNREADABLE') {
      throw new ConfigSaveError(
        'CONFIG_SAVE_FAILED',
        `Les réglages n'ont pas été enregistrés : ${read.problem.message}`,
        { file, problems: [read.problem] },
      );
    }
    return { existing: {}, backupFile: backUp(file, now) };
  }
  const version = layerVersion(read.raw);
  if (version.kind === 'newer') {
    throw new ConfigSaveError(
      'CONFIG_SAVE_NEWER_VERSION',
      `Les réglages n'ont pas été enregistrés : le fichier « ${file} » a été écrit par une version ` +
        `plus récente de Navette (version de configuration ${version.version}), dont les réglages ` +
        `seraient perdus. Mettez Navette à jour.`,
      { file },
    );
  }
  if (version.kind === 'invalid') {
    // Keep the user's fields, but keep a copy of the file as it was too.
    return {
      existing: upgradeLayer(read.raw, CURRENT_CONFIG_VERSION),
      backupFile: backUp(file, now),
    };
  }
  return { existing: upgradeLayer(read.raw, version.version) };
}

function backUp(file: string, now: () => Date): string {
  const stamp = now()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  const backup = `${file}.invalide-${stamp}`;
  try {
    copyFileSync(file, backup);
  } catch (error) {
    throw new ConfigSaveError(
      'CONFIG_SAVE_FAILED',
      `Les réglages n'ont pas été enregistrés : la copie de sauvegarde « ${backup} » de l'ancien ` +
        `fichier n'a pas pu être écrite.`,
      { file },
      { cause: error },
    );
  }
  return backup;
}

/** `partial` without its `null`s (they remove values: nothing to validate). */
function withoutNulls(value: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [key, v] of Object.entries(value)) {
    if (v === null) continue;
    out[key] = isPlainObject(v) ? withoutNulls(v) : v;
  }
  return out;
}

/** Removes sections left empty by removals, so the file stays readable. */
function pruneEmpty(value: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [key, v] of Object.entries(value)) {
    if (isPlainObject(v)) {
      const inner = pruneEmpty(v);
      if (Object.keys(inner).length > 0) out[key] = inner;
    } else {
      out[key] = v;
    }
  }
  return out;
}
