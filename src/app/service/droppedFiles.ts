// Files dropped on the Envois screen: written into the first watched folder, so that they follow
// exactly the path of an export (sidecar grace, checks, deduplication, sent/ and error/). Each
// file is written under a dot name the intake ignores, then renamed: the watcher never sees half
// a file. A name already taken gets a « (2) » suffix rather than replacing a waiting document.
import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { OutboxDropRequest } from '../../api/outbox.js';
import { DROP_MAX_FILE_BYTES } from '../../api/outbox.js';
import { NavetteError } from '../../domain/errors/NavetteError.js';

export class DropRefusedError extends NavetteError {
  override readonly name = 'DropRefusedError';
}

/**
 * Puts `temporary` in place under `name`, or `name (2)`, `(3)`… — never over a file: a hard link
 * fails on an existing name, so a document the clinical software writes meanwhile under the same
 * name is never replaced (an existence check then a rename would race it).
 */
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV']);

function placeUnderFreeName(folder: string, temporary: string, name: string): string {
  const ext = path.extname(name);
  const base = name.slice(0, name.length - ext.length);
  for (let i = 1; i < 1000; i++) {
    const candidate = i === 1 ? name : `${base} (${i})${ext}`;
    const target = path.join(folder, candidate);
    try {
      linkSync(temporary, target);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      if (code === 'EEXIST') continue;
      // A share without hard links: check then rename (the best such a folder allows).
      if (!NO_HARD_LINKS.has(code)) throw error;
      if (existsSync(target)) continue;
      renameSync(temporary, target);
      return candidate;
    }
    rmSync(temporary, { force: true });
    return candidate;
  }
  throw new DropRefusedError(
    'DROP_NAME_TAKEN',
    `Trop de fichiers portent déjà le nom « ${name} » : renommez le fichier puis déposez-le à nouveau.`,
  );
}

/** Writes the dropped files into `folder`; returns the names they got. */
export function dropFiles(folder: string | undefined, request: OutboxDropRequest): string[] {
  if (folder === undefined) {
    throw new DropRefusedError(
      'NO_WATCHED_FOLDER',
      "Aucun dossier d'export n'est surveillé : ajoutez-en un dans les Réglages, puis déposez à nouveau vos fichiers.",
    );
  }
  const decoded = request.files.map((file) => {
    const bytes = Buffer.from(file.contentBase64, 'base64');
    if (bytes.byteLength === 0 || bytes.byteLength > DROP_MAX_FILE_BYTES) {
      throw new DropRefusedError(
        'DROP_FILE_SIZE',
        `Le fichier « ${file.name} » est vide ou dépasse ${DROP_MAX_FILE_BYTES / 1024 / 1024} Mo : copiez-le directement dans le dossier surveillé.`,
      );
    }
    return { name: path.basename(file.name), bytes };
  });
  // PDFs last: a sidecar (.json) dropped with its PDF must be in place when the PDF is seen.
  decoded.sort((a, b) => Number(a.name.endsWith('.pdf')) - Number(b.name.endsWith('.pdf')));
  const accepted: string[] = [];
  for (const file of decoded) {
    const temporary = path.join(folder, `.navette-depot-${randomBytes(6).toString('hex')}`);
    writeFileSync(temporary, file.bytes, { flag: 'wx', mode: 0o600 });
    try {
      accepted.push(placeUnderFreeName(folder, temporary, file.name));
    } catch (error) {
      rmSync(temporary, { force: true });
      throw error;
    }
  }
  return accepted;
}
