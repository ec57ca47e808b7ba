// Reads one configuration file as a JSON object. An absent file is normal (most computers have
// no policy, a fresh installation has no settings); anything else that stops us from getting an
// object is a problem for that file.
import { readFileSync } from 'node:fs';
import { isPlainObject, type JsonObject } from './objectPaths.js';
import { fileNotJson, fileNotObject, fileUnreadable, type ConfigProblem } from './problems.js';

export type LayerFile =
  | { readonly kind: 'absent' }
  | { readonly kind: 'problem'; readonly problem: ConfigProblem }
  | { readonly kind: 'object'; readonly raw: JsonObject };

/** Configuration files are small; anything bigger is not one. */
export const MAX_CONFIG_FILE_BYTES = 1024 * 1024;

export function readLayerFile(file: string): LayerFile {
  let text: string;
  try {
    const bytes = readFileSync(file);
    if (bytes.length > MAX_CONFIG_FILE_BYTES) {
      return { kind: 'problem', problem: fileUnreadable(file, 'fichier de plus de 1 Mio') };
    }
    text = bytes.toString('utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ENOENT') return { kind: 'absent' };
    return { kind: 'problem', problem: fileUnreadable(file, readReason(code)) };
  }
  // Windows Notepad may start UTF-8 files with a byte-order mark, which JSON.parse refuses.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { kind: 'problem', problem: fileNotJson(file, jsonErrorLocation(text, error)) };
  }
  if (!isPlainObject(value)) return { kind: 'problem', problem: fileNotObject(file, value) };
  return { kind: 'object', raw: value };
}

function readReason(code: unknown): string {
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'accès refusé';
    case 'EISDIR':
      return "c'est un dossier";
    default:
      return typeof code === 'string' ? `erreur ${code}` : 'erreur de lecture';
  }
}

/** « ligne L, colonne C » from V8's "… at position N" (the English text itself is not shown). */
export function jsonErrorLocation(text: string, error: unknown): string | undefined {
  const message = error instanceof Error ? error.message : '';
  if (/Unexpected end of JSON input/.test(message)) return 'à la fin du fichier (texte incomplet)';
  const match = /at position (\d+)/.exec(message);
  if (match === null) return undefined;
  const position = Number(match[1]);
  if (position >= text.trimEnd().length) return 'à la fin du fichier (texte incomplet)';
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  const column = position - before.lastIndexOf('\n');
  return `ligne ${line}, colonne ${column}`;
}
