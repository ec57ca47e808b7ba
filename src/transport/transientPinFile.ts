// How the PIN reaches the engine: a file that exists only while the secure context is built.
// libp11 reads `pin-source=file:…` during ENGINE_load_private_key, which tls.createSecureContext
// runs synchronously; the file is removed right after, whatever happened. It is written 0600 in a
// fresh 0700 folder, preferably on a RAM-backed file system ($XDG_RUNTIME_DIR, then /dev/shm), so
// on a usual Linux host the PIN never reaches a disk. libp11 keeps its own copy in memory for
// the engine's lifetime (to log in again if the token session drops).
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

function isWritableDir(dir: string | undefined): dir is string {
  if (dir === undefined || dir === '' || !existsSync(dir)) return false;
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

/** The folder that will hold the PIN folder: RAM-backed when the system offers one. */
export function pinFileBaseDir(env: NodeJS.ProcessEnv = process.env): string {
  const runtime = env['XDG_RUNTIME_DIR'];
  if (isWritableDir(runtime)) return runtime;
  if (isWritableDir('/dev/shm')) return '/dev/shm';
  return os.tmpdir();
}

/** Runs `use(file)` with the PIN in `file`, then removes the file and its folder. */
export function withTransientPinFile<T>(
  pin: string,
  use: (file: string) => T,
  baseDir?: string,
): T {
  const dir = mkdtempSync(path.join(baseDir ?? pinFileBaseDir(), 'navette-pin-'));
  try {
    const file = path.join(dir, 'pin');
    writeFileSync(file, pin, { mode: 0o600, flag: 'wx' });
    return use(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
