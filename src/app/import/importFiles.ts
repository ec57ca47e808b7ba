// Writing one imported file so that the practice's software never sees half a document and no
// other file is ever replaced: the bytes go to a temporary `<name>.<random>.tmp` beside the target
// (same volume), are flushed to disk, then take their final name with a hard link, which fails
// instead of overwriting (a rename would silently replace a file created meanwhile). Where the
// file system has no hard links (FAT, some network shares), an existence check and a rename
// stand in. The same bytes already under the name count as written: that is a rerun after a crash
// between the write and the registry's `complete`. Different bytes give `name (2).ext`, `(3)`…
import { createHash, randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { link, mkdir, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { extensionOfMimeType } from '../../domain/imports/importFileName.js';

export interface WrittenFile {
  /** The name the file has in the folder (the asked one, or a numbered one). */
  readonly fileName: string;
  readonly sha256: string;
  /** The same bytes were already there under this name (nothing new was written). */
  readonly alreadyThere: boolean;
}

/** More numbered names than this means something is wrong with the folder. */
const MAX_NUMBERED_NAMES = 999;

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** `name (n).ext` (n ≥ 2); the extension is kept so the file still opens with the right program. */
export function numberedName(fileName: string, n: number): string {
  if (n < 2) return fileName;
  const ext = path.extname(fileName);
  const base = fileName.slice(0, fileName.length - ext.length);
  return `${base} (${n})${ext}`;
}

/** The file name with another extension (`.xml` → `.pdf`). */
export function withExtension(fileName: string, extension: string): string {
  const ext = path.extname(fileName);
  return `${fileName.slice(0, fileName.length - ext.length)}${extension}`;
}

function errnoOf(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

/** Hard links unsupported here: use the existence check and rename instead. */
function noHardLinks(error: unknown): boolean {
  const code = errnoOf(error);
  return code === 'EPERM' || code === 'ENOTSUP' || code === 'EXDEV' || code === 'ENOSYS';
}

async function sameContent(file: string, sha256: string): Promise<boolean> {
  try {
    return sha256Hex(await readFile(file)) === sha256;
  } catch {
    return false;
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch (error) {
    if (errnoOf(error) === 'ENOENT') return false;
    throw error;
  }
}

/** Makes the new directory entry durable (POSIX; Windows cannot open a folder, and needs not). */
async function syncFolder(folder: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(folder, constants.O_RDONLY);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function writeTemporary(file: string, bytes: Uint8Array): Promise<void> {
  const handle = await open(file, 'wx', 0o600);
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Gives `tmp` the name `target` unless it is taken: true when it took it. */
async function claimName(
  tmp: string,
  target: string,
  hardLinks: { ok: boolean },
): Promise<boolean> {
  if (hardLinks.ok) {
    try {
      await link(tmp, target);
      await unlink(tmp);
      return true;
    } catch (error) {
      if (errnoOf(error) === 'EEXIST') return false;
      if (!noHardLinks(error)) throw error;
      hardLinks.ok = false;
    }
  }
  if (await exists(target)) return false;
  await rename(tmp, target);
  return true;
}

/**
 * Writes `bytes` into `folder` as `fileName`, never replacing another file (see the header).
 * Creates the folder when missing.
 */
export async function writeImportFile(
  folder: string,
  fileName: string,
  bytes: Uint8Array,
): Promise<WrittenFile> {
  await mkdir(folder, { recursive: true });
  const sha256 = sha256Hex(bytes);
  const tmp = path.join(folder, `${fileName}.${randomBytes(4).toString('hex')}.tmp`);
  await writeTemporary(tmp, bytes);
  const hardLinks = { ok: true };
  try {
    for (let n = 1; n <= MAX_NUMBERED_NAMES; n++) {
      const candidate = numberedName(fileName, n);
      const target = path.join(folder, candidate);
      if (await claimName(tmp, target, hardLinks)) {
        await syncFolder(folder);
        return { fileName: candidate, sha256, alreadyThere: false };
      }
      if (await sameContent(target, sha256))
        return { fileName: candidate, sha256, alreadyThere: true };
    }
    throw Object.assign(new Error('too many files with this name'), { code: 'EEXIST' });
  } finally {
    await unlink(tmp).catch(() => undefined);
  }
}

/**
 * The extension of the content itself: a PDF or an XML document by its first bytes (the DMP's
 * mimeType is what the sender declared), otherwise by the mimeType the repository returned.
 */
export function contentExtension(bytes: Uint8Array, mimeType: string): string {
  const head = Buffer.from(bytes.subarray(0, 64))
    .toString('latin1')
    .replace(/^\xef\xbb\xbf/, '');
  if (head.startsWith('%PDF-')) return '.pdf';
  if (/^\s*<(\?xml|[A-Za-z])/.test(head)) return '.xml';
  return extensionOfMimeType(mimeType);
}
