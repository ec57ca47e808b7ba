// Moving files without ever overwriting or losing one. A rename inside one volume is atomic; to
// another volume (a configured sent/ or error/ elsewhere) rename fails with EXDEV and we copy
// (refusing to overwrite), flush, then remove the source. A crash between the copy and the removal
// leaves the document in both places, never in neither.
import { constants } from 'node:fs';
import { copyFile, lstat, open, rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** True when `file` exists (as anything). */
export async function exists(file: string): Promise<boolean> {
  try {
    await lstat(file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

export class TargetExistsError extends Error {
  override readonly name = 'TargetExistsError';
  readonly code = 'EEXIST';

  constructor(readonly target: string) {
    super(target);
  }
}

/**
 * Moves `from` to `to`. Throws TargetExistsError when `to` exists (rename would silently replace
 * it on POSIX), and the system error when `from` cannot be moved.
 */
export async function moveFile(from: string, to: string): Promise<void> {
  if (await exists(to)) throw new TargetExistsError(to);
  try {
    await rename(from, to);
    return;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
  }
  await copyFile(from, to, constants.COPYFILE_EXCL);
  await flush(to);
  await unlink(from);
}

/** Writes `data` to `file` through a temporary name, flushed, so a reader never sees half of it. */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  // A hidden temporary name: whoever looks at the folder meanwhile sees nothing half-written.
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  await writeFile(temp, data);
  await flush(temp);
  await rename(temp, file);
}

async function flush(file: string): Promise<void> {
  const handle = await open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
