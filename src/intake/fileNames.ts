// Which names in an export folder the intake looks at, and how a PDF finds its sidecar. Pure
// functions of names: the folder's content decides nothing here but pairing.

/** The folder, inside each watched folder, where claimed files wait (one subfolder per instance). */
export const PROCESSING_DIR_NAME = '.navette-en-cours';
/** Suffix of the French reason file written beside a document in error/. */
export const REASON_FILE_SUFFIX = '.erreur.txt';

// Names a writer uses while a file is incomplete (Office owner files `~$x.docx`, browser and copy
// tools' partial files), and files the operating system drops into any folder.
const TEMPORARY_EXTENSIONS = ['.tmp', '.temp', '.part', '.partial', '.crdownload', '.download'];
const SYSTEM_FILES = new Set(['thumbs.db', 'desktop.ini', 'ehthumbs.db']);

/**
 * True for names the intake never takes: dot files (hidden files, macOS `._x`, our own processing
 * folder), `~$…` owner files and `…~` backups, temporary extensions, Windows system files.
 */
export function isIgnoredName(name: string): boolean {
  if (name === '' || name.startsWith('.') || name.startsWith('~$') || name.endsWith('~')) {
    return true;
  }
  const lower = name.toLowerCase();
  if (SYSTEM_FILES.has(lower)) return true;
  return TEMPORARY_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

/** Lower-case extension with its dot ('.pdf'), or '' when the name has none. */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot).toLowerCase();
}

/** The name without its extension ('cr.final.pdf' → 'cr.final'). */
export function baseNameOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? name : name.slice(0, dot);
}

export function isPdfName(name: string): boolean {
  return extensionOf(name) === '.pdf';
}

export function isSidecarName(name: string): boolean {
  return extensionOf(name) === '.json';
}

/** What the intake claims together: a document, and the sidecar of a PDF when there is one. */
export interface ClaimUnit {
  readonly document: string;
  readonly sidecar?: string;
}

/**
 * Groups the names of one folder listing into claim units:
 * - a PDF travels with the `.json` of the same base name (extension case ignored; base name
 *   compared exactly first, then ignoring case, as Windows does);
 * - a `.json` whose PDF is not there is not a unit (it waits for its PDF);
 * - every other non-ignored name is a unit of its own (anything the checks do not accept goes to
 *   error/ with a reason: the intake does not judge content by name).
 */
export function planUnits(names: readonly string[]): ClaimUnit[] {
  const visible = names.filter((n) => !isIgnoredName(n));
  const sidecars = visible.filter(isSidecarName);
  const pdfs = visible.filter(isPdfName);
  // Exact base names first, so that a case-insensitive match never steals another PDF's sidecar.
  const pairs = new Map<string, string>();
  const used = new Set<string>();
  for (const pdf of pdfs) {
    const exact = sidecars.find((s) => baseNameOf(s) === baseNameOf(pdf));
    if (exact !== undefined) {
      pairs.set(pdf, exact);
      used.add(exact);
    }
  }
  for (const pdf of pdfs) {
    if (pairs.has(pdf)) continue;
    const base = baseNameOf(pdf).toLowerCase();
    const loose = sidecars.find((s) => !used.has(s) && baseNameOf(s).toLowerCase() === base);
    if (loose !== undefined) {
      pairs.set(pdf, loose);
      used.add(loose);
    }
  }
  const units: ClaimUnit[] = [];
  for (const name of visible) {
    if (isSidecarName(name)) continue;
    const sidecar = pairs.get(name);
    units.push(sidecar === undefined ? { document: name } : { document: name, sidecar });
  }
  return units;
}

/** `name` with ` (n)` before its extension: 'cr.pdf', 2 → 'cr (2).pdf'. */
export function withCollisionSuffix(name: string, n: number): string {
  if (n <= 1) return name;
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? `${name} (${n})` : `${name.slice(0, dot)} (${n})${name.slice(dot)}`;
}

/** The sidecar's name beside a document placed as `placedDocument` (keeps the sidecar's extension). */
export function companionName(placedDocument: string, sidecar: string): string {
  const dot = sidecar.lastIndexOf('.');
  return `${baseNameOf(placedDocument)}${dot <= 0 ? '.json' : sidecar.slice(dot)}`;
}
