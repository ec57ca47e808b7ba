// Writes a file so that a crash or a power cut leaves either the old content or the new one, never
// a mix: the text goes to a temporary file in the same folder, is flushed to the disk (fsync),
// then renamed over the target (atomic on one volume), and the folder entry is flushed too.
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';

/** Windows refuses a rename while another program (an antivirus, an indexer) holds the file. */
const RENAME_ATTEMPTS = 5;
const RETRYABLE = new Set(['EPERM', 'EACCES', 'EBUSY']);

export function writeFileAtomic(file: string, text: string, mode = 0o600): void {
  const dir = path.dirname(file);
  mkdirSync(dir, { recursive: true });
  const keepMode = existingMode(file) ?? mode;
  const tmp = path.join(dir, `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  const fd = openSync(tmp, 'wx', keepMode);
  try {
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameWithRetry(tmp, file);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
  syncFolder(dir);
}

function renameWithRetry(from: string, to: string): void {
  for (let attempt = 1; ; attempt++) {
    try {
      renameSync(from, to);
      return;
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      const retry = process.platform === 'win32' && typeof code === 'string' && RETRYABLE.has(code);
      if (!retry || attempt >= RENAME_ATTEMPTS) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20 * attempt);
    }
  }
}

function existingMode(file: string): number | undefined {
  try {
    return statSync(file).mode & 0o777;
  } catch {
    return undefined;
  }
}

/** Makes the rename itself durable. Windows cannot open a folder: NTFS journals the rename. */
function syncFolder(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Not possible on this platform or file system; the data itself is already on disk.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
