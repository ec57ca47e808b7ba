// Configuration problems: what the user reads (in French) when a configuration file cannot be
// used as written. Each names the file, the field (dotted path) and the expected value; the
// service shows them in /health, on the terminal and in the log, and keeps running.
import { expectedAt, sectionFields } from './schemaFields.js';
import { formatPath, type FieldPath } from './objectPaths.js';

export type ConfigProblemCode =
  /** The file exists but cannot be read (permissions, a folder…). */
  | 'CONFIG_FILE_UNREADABLE'
  | 'CONFIG_FILE_NOT_JSON'
  | 'CONFIG_FILE_NOT_OBJECT'
  /** Written by a newer Navette: this version cannot know what its fields mean. */
  | 'CONFIG_VERSION_NEWER'
  | 'CONFIG_VERSION_INVALID'
  | 'CONFIG_FIELD_INVALID'
  | 'CONFIG_FIELD_UNKNOWN'
  /** The user set a field that the administrator policy locks. */
  | 'CONFIG_FIELD_LOCKED'
  /** The policy locks a field that does not exist. */
  | 'CONFIG_LOCK_INVALID';

export interface ConfigProblem {
  readonly code: ConfigProblemCode;
  /** The file (or « ligne de commande » for command-line options). */
  readonly file: string;
  /** Dotted path of the field (`server.port`), or « (fichier entier) ». */
  readonly field: string;
  /** The expected value, in French. */
  readonly expected: string;
  /** One French sentence naming the field and the expected value, and what Navette does. */
  readonly message: string;
}

/** The `file` of problems in command-line options. */
export const COMMAND_LINE_SOURCE = 'ligne de commande';
/** The `field` of problems about a whole file. */
export const WHOLE_FILE = '(fichier entier)';

const KEEPS_RUNNING = 'Navette continue avec la dernière configuration valide.';
const IGNORED_VALUE = 'Cette valeur est ignorée : Navette garde la dernière valeur valide.';

/** A short French rendering of a found value (config files hold no secrets; still bounded). */
export function describeFound(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'une liste';
  if (typeof value === 'object') return 'un objet';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

export function fileUnreadable(file: string, reason: string): ConfigProblem {
  return {
    code: 'CONFIG_FILE_UNREADABLE',
    file,
    field: WHOLE_FILE,
    expected: 'un fichier lisible par Navette',
    message: `Le fichier de configuration ne peut pas être lu (${reason}). ${KEEPS_RUNNING}`,
  };
}

export function fileNotJson(file: string, where: string | undefined): ConfigProblem {
  const at = where === undefined ? '' : ` (erreur ${where})`;
  return {
    code: 'CONFIG_FILE_NOT_JSON',
    file,
    field: WHOLE_FILE,
    expected: 'un document JSON valide, par exemple { "server": { "port": 7411 } }',
    message: `Le fichier de configuration n'est pas un document JSON valide${at}. ${KEEPS_RUNNING}`,
  };
}

export function fileNotObject(file: string, found: unknown): ConfigProblem {
  return {
    code: 'CONFIG_FILE_NOT_OBJECT',
    file,
    field: WHOLE_FILE,
    expected: 'un objet JSON { … }',
    message:
      `Le fichier de configuration doit contenir un objet JSON { … } ; il contient ` +
      `${describeFound(found)}. ${KEEPS_RUNNING}`,
  };
}

export function versionNewer(file: string, version: number, current: number): ConfigProblem {
  return {
    code: 'CONFIG_VERSION_NEWER',
    file,
    field: 'configVersion',
    expected: `une version de configuration inférieure ou égale à ${current}`,
    message:
      `Le paramètre « configVersion » vaut ${version} : ce fichier a été écrit par une version plus ` +
      `récente de Navette, qui attend une version inférieure ou égale à ${current}. Mettez Navette ` +
      `à jour. ${KEEPS_RUNNING}`,
  };
}

export function versionInvalid(file: string, found: unknown, current: number): ConfigProblem {
  const expected = `un nombre entier entre 1 et ${current}`;
  return {
    code: 'CONFIG_VERSION_INVALID',
    file,
    field: 'configVersion',
    expected,
    message:
      `Le paramètre « configVersion » vaut ${describeFound(found)} ; attendu : ${expected}. ` +
      KEEPS_RUNNING,
  };
}

/** A field whose value does not match the schema (`path` as reported; lists are named whole). */
export function fieldInvalid(file: string, path: FieldPath, found: unknown): ConfigProblem {
  const field = formatPath(path);
  const expected = expectedAt(path);
  return {
    code: 'CONFIG_FIELD_INVALID',
    file,
    field,
    expected,
    message:
      `Le paramètre « ${field} » a une valeur incorrecte (${describeFound(found)}) ; attendu : ` +
      `${expected}. ${IGNORED_VALUE}`,
  };
}

export function fieldUnknown(file: string, section: FieldPath, key: string): ConfigProblem {
  const field = formatPath([...section, key]);
  const known = sectionFields(section) ?? [];
  const where = section.length === 0 ? 'au premier niveau' : `dans « ${formatPath(section)} »`;
  const expected = `un des paramètres connus ${where} : ${known.join(', ')}`;
  return {
    code: 'CONFIG_FIELD_UNKNOWN',
    file,
    field,
    expected,
    message:
      `Le paramètre « ${field} » n'existe pas (faute de frappe ?) ; paramètres possibles ${where} : ` +
      `${known.join(', ')}. Il est ignoré.`,
  };
}

export function fieldLocked(file: string, field: string, policyFile: string): ConfigProblem {
  return {
    code: 'CONFIG_FIELD_LOCKED',
    file,
    field,
    expected: `aucune valeur : ce paramètre est fixé par l'administrateur (${policyFile})`,
    message:
      `Le paramètre « ${field} » est fixé par la politique de l'administrateur (« ${policyFile} ») ` +
      `et ne peut pas être modifié ici. Cette valeur est ignorée : la valeur de l'administrateur s'applique.`,
  };
}

export function lockInvalid(file: string, found: unknown): ConfigProblem {
  const expected = 'une liste de chemins de paramètres existants, par exemple ["dmp.endpoint"]';
  return {
    code: 'CONFIG_LOCK_INVALID',
    file,
    field: 'locked',
    expected,
    message:
      `Le paramètre « locked » contient une entrée incorrecte (${describeFound(found)}) ; attendu : ` +
      `${expected}. Cette entrée est ignorée.`,
  };
}
