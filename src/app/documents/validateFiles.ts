// `navette validate FILE...`: the document checks of the sending path, on files, without sending
// anything. A PDF takes its sidecar `<name>.json` from beside it, as in an export folder.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { DocumentValidationReport } from '../../domain/documents/validationReport.js';
import { validateDocument } from '../../protocol/cda/index.js';
import { documentCheckContext, loadCdaResources } from './cdaResources.js';

export interface ValidateFilesOptions {
  /** documents.maxSizeMb of the configuration. */
  readonly maxSizeMb?: number;
}

function unreadable(file: string, error: unknown): DocumentValidationReport {
  const reason =
    (error as NodeJS.ErrnoException).code === 'ENOENT'
      ? 'Fichier introuvable.'
      : 'Fichier illisible.';
  return {
    file,
    ok: false,
    kind: 'unknown',
    errors: [
      {
        code: 'FILE_UNREADABLE',
        message: reason,
        where: file,
        fix: 'Vérifiez le chemin du fichier et les droits de lecture.',
      },
    ],
    warnings: [],
    metadata: null,
  };
}

export function validateFiles(
  files: readonly string[],
  options: ValidateFilesOptions = {},
): DocumentValidationReport[] {
  const resources = loadCdaResources();
  try {
    const ctx = documentCheckContext(resources, options);
    return files.map((file) => {
      let bytes: Buffer;
      try {
        bytes = readFileSync(file);
      } catch (error) {
        return unreadable(file, error);
      }
      const sidecarFile = path.join(path.dirname(file), `${path.parse(file).name}.json`);
      const sidecar =
        path.extname(file).toLowerCase() === '.pdf' && existsSync(sidecarFile)
          ? readFileSync(sidecarFile, 'utf8')
          : undefined;
      return validateDocument({ file, bytes, ...(sidecar === undefined ? {} : { sidecar }) }, ctx);
    });
  } finally {
    resources.dispose();
  }
}
