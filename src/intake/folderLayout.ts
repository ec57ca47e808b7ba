// Where the intake's folders are for one watched export folder. By default everything lives
// inside the watched folder, so that a claim (a rename) never crosses volumes:
//   <watched>/                          the clinical software drops files here
//   <watched>/.navette-en-cours/<id>/   claimed files, one subfolder per claim, per instance
//   <watched>/sent/                     sent documents (configurable)
//   <watched>/error/                    refused documents and their reason files (configurable)
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { PROCESSING_DIR_NAME } from './fileNames.js';
import { IntakeError } from './IntakeError.js';

export const DEFAULT_SENT_DIR = 'sent';
export const DEFAULT_ERROR_DIR = 'error';

export interface FolderLayout {
  /** The watched folder (absolute). */
  readonly folder: string;
  /** `<folder>/.navette-en-cours`, shared by every instance watching the folder. */
  readonly processingRoot: string;
  /** This instance's claims: `<processingRoot>/<instanceId>`. */
  readonly processingDir: string;
  readonly sentDir: string;
  readonly errorDir: string;
}

export interface LayoutOptions {
  /** Absolute, or relative to the watched folder. Default `sent`. */
  readonly sentFolder?: string;
  /** Absolute, or relative to the watched folder. Default `error`. */
  readonly errorFolder?: string;
}

/** Instance ids become folder names: letters, digits, `-` and `_` only. */
const INSTANCE_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The layout of `folder` for instance `instanceId`. Throws INTAKE_FOLDER_INVALID when sent/ or
 * error/ would be the watched folder itself (every sent file would be taken again).
 */
export function folderLayout(
  folder: string,
  instanceId: string,
  opts: LayoutOptions = {},
): FolderLayout {
  if (!INSTANCE_ID.test(instanceId)) throw new RangeError('invalid intake instance id');
  const root = path.resolve(folder);
  const sentDir = path.resolve(root, opts.sentFolder ?? DEFAULT_SENT_DIR);
  const errorDir = path.resolve(root, opts.errorFolder ?? DEFAULT_ERROR_DIR);
  for (const target of [sentDir, errorDir]) {
    if (samePath(target, root)) {
      throw new IntakeError(
        'INTAKE_FOLDER_INVALID',
        `Le dossier des documents envoyés ou refusés ne peut pas être le dossier d'export ` +
          `lui-même (« ${root} ») : choisissez un sous-dossier ou un autre dossier.`,
        { folder: root },
      );
    }
  }
  const processingRoot = path.join(root, PROCESSING_DIR_NAME);
  return {
    folder: root,
    processingRoot,
    processingDir: path.join(processingRoot, instanceId),
    sentDir,
    errorDir,
  };
}

/** Creates the folders the intake writes to; the watched folder must already exist. */
export async function prepareLayout(layout: FolderLayout): Promise<void> {
  try {
    // Never create the watched folder itself: on an unmounted share that would quietly watch an
    // empty local folder instead of the clinical software's.
    const info = await stat(layout.folder);
    if (!info.isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
    await mkdir(layout.processingDir, { recursive: true });
    await mkdir(layout.sentDir, { recursive: true });
    await mkdir(layout.errorDir, { recursive: true });
  } catch (cause) {
    throw new IntakeError(
      'INTAKE_FOLDER_UNAVAILABLE',
      `Navette ne peut pas utiliser le dossier d'export « ${layout.folder} » : vérifiez qu'il ` +
        `existe, qu'il est accessible (partage réseau connecté) et que Navette a le droit d'y ` +
        `écrire.`,
      { folder: layout.folder, errno: (cause as NodeJS.ErrnoException).code ?? null },
      { cause },
    );
  }
}

function samePath(a: string, b: string): boolean {
  // Windows paths are case-insensitive; elsewhere an exact comparison is the safe one.
  return process.platform === 'win32' ? a.toLowerCase() === b.toLowerCase() : a === b;
}
