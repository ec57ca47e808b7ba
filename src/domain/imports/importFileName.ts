// The name of a document a specialist imports into their own software, from the configured
// pattern (`import.namePattern`): `{ins}`, `{date}`, `{type}`, `{title}`, `{uniqueId}`, and the
// extension from the content, never from the DMP's metadata alone. The result is one safe file
// name on Windows, macOS and Linux: no separators, no reserved characters or device names, no
// trailing dot or space, at most 200 characters (Windows paths stop at 260 with the folder).
import { NavetteError } from '../errors/NavetteError.js';

export const DEFAULT_IMPORT_NAME_PATTERN = '{date}_{type}_{title}_{uniqueId}';

export const IMPORT_NAME_FIELDS = ['ins', 'date', 'type', 'title', 'uniqueId'] as const;
export type ImportNameField = (typeof IMPORT_NAME_FIELDS)[number];

export interface ImportNameValues {
  /** The patient's INS matricule. */
  readonly ins: string;
  /** The document's creation time, HL7 `YYYYMMDD[HHMMSS]` or ISO: written `YYYY-MM-DD`. */
  readonly date: string;
  /** The type's display name, or its code when the DMP gave no name. */
  readonly type: string;
  readonly title: string;
  readonly uniqueId: string;
}

export class ImportNamePatternError extends NavetteError {
  override readonly name = 'ImportNamePatternError';
}

const FIELD_PATTERN = /\{([^{}]*)\}/g;
const MAX_NAME_LENGTH = 200;
const WINDOWS_DEVICES = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;

/** Refuses an unknown field or a pattern without a field that tells documents apart. */
export function checkImportNamePattern(pattern: string): void {
  const fields = [...pattern.matchAll(FIELD_PATTERN)].map((m) => m[1] ?? '');
  const unknown = fields.filter((f) => !(IMPORT_NAME_FIELDS as readonly string[]).includes(f));
  if (unknown.length > 0) {
    throw new ImportNamePatternError(
      'IMPORT_PATTERN_UNKNOWN_FIELD',
      `Modèle de nom d'import : champ inconnu « {${unknown[0] ?? ''}} ». Champs possibles : ${IMPORT_NAME_FIELDS.map((f) => `{${f}}`).join(', ')}.`,
      { field: unknown[0] },
    );
  }
  if (!fields.includes('uniqueId')) {
    throw new ImportNamePatternError(
      'IMPORT_PATTERN_NOT_UNIQUE',
      "Modèle de nom d'import : ajoutez {uniqueId}, sans quoi deux documents différents pourraient recevoir le même nom.",
    );
  }
}

/** `YYYY-MM-DD` of an HL7 or ISO time; the text unchanged when it is neither. */
export function importDate(value: string): string {
  const hl7 = /^(\d{4})(\d{2})(\d{2})/.exec(value);
  if (hl7 !== null) return `${hl7[1]}-${hl7[2]}-${hl7[3]}`;
  const iso = /^(\d{4}-\d{2}-\d{2})/.exec(value);
  return iso?.[1] ?? value;
}

/** One field's text, made safe for a file name (accents kept: every system takes them). */
function safePart(text: string): string {
  return (
    text
      .normalize('NFC')
      // Control characters are exactly what must go: Windows refuses them in names.
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001f\u007f<>:"/\\|?*]+/g, '-')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

/** The extension of the content: `.pdf`, `.xml` (CDA), `.txt`… */
export function extensionOfMimeType(mimeType: string): string {
  switch (mimeType.split(';')[0]?.trim().toLowerCase()) {
    case 'application/pdf':
      return '.pdf';
    case 'text/xml':
    case 'application/xml':
    case 'application/hl7-v3+xml':
      return '.xml';
    case 'text/plain':
      return '.txt';
    case 'text/rtf':
    case 'application/rtf':
      return '.rtf';
    case 'image/jpeg':
      return '.jpg';
    case 'image/tiff':
      return '.tiff';
    default:
      return '.bin';
  }
}

/** The file name for one imported document (without folder). */
export function importFileName(
  pattern: string,
  values: ImportNameValues,
  extension: string,
): string {
  checkImportNamePattern(pattern);
  const filled = pattern.replace(FIELD_PATTERN, (_all, field: string) => {
    const key = field as ImportNameField;
    return safePart(key === 'date' ? importDate(values.date) : values[key]);
  });
  let base = safePart(filled).replace(/[. ]+$/, '');
  if (base === '' || WINDOWS_DEVICES.test(base)) base = `document_${safePart(values.uniqueId)}`;
  const ext = /^\.[a-z0-9]{1,8}$/i.test(extension) ? extension.toLowerCase() : '.bin';
  const room = MAX_NAME_LENGTH - ext.length;
  if (base.length > room) {
    // Keep the end when it holds the uniqueId (the part that tells documents apart).
    const id = safePart(values.uniqueId);
    base =
      base.endsWith(id) && id.length < room - 10
        ? `${base.slice(0, room - id.length - 1).trimEnd()}…${id}`.slice(0, room)
        : base.slice(0, room).trimEnd();
  }
  return `${base}${ext}`;
}
