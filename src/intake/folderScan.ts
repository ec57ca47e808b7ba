// One look at a watched folder: the regular files directly inside it, with size and mtime.
// Subfolders (sent/, error/, .navette-en-cours/) and symbolic links are never candidates: a link
// could point anywhere, and moving it would move the link, not the document.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { FileObservation } from './StabilityTracker.js';

export async function listFolder(folder: string): Promise<FileObservation[]> {
  const entries = await readdir(folder, { withFileTypes: true });
  const out: FileObservation[] = [];
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    try {
      const info = await stat(path.join(folder, entry.name));
      out.push({ name: entry.name, size: info.size, mtimeMs: info.mtimeMs });
    } catch (error) {
      // Gone between readdir and stat (taken by another instance, or removed): not a candidate.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return out;
}
