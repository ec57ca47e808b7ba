// Files given to the Envois screen (dropped, or chosen with the file button, which works with the
// keyboard) are sent to the service as base64 JSON, a few at a time within the size limit; a
// sidecar (.json) goes before its PDF so that the PDF finds it.
import type { ApiClient } from '../client/ApiClient.js';

/** Same limit as the service (src/api/outbox.ts DROP_MAX_FILE_BYTES). */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;
const MAX_FILES_PER_CALL = 20;

export function base64Of(bytes: Uint8Array): string {
  let binary = '';
  const step = 0x8000;
  for (let i = 0; i < bytes.length; i += step) {
    binary += String.fromCharCode(...bytes.subarray(i, i + step));
  }
  return btoa(binary);
}

export interface DropOutcome {
  readonly accepted: readonly string[];
  /** French sentences, one per refused file or failed call. */
  readonly problems: readonly string[];
}

/** Sends `files` to the first watched folder; `onProgress(done, total)` after each call. */
export async function sendFiles(
  api: ApiClient,
  files: readonly File[],
  onProgress: (done: number, total: number) => void,
): Promise<DropOutcome> {
  const accepted: string[] = [];
  const problems: string[] = [];
  const ordered = [...files].sort(
    (a, b) =>
      Number(a.name.toLowerCase().endsWith('.pdf')) - Number(b.name.toLowerCase().endsWith('.pdf')),
  );
  const batches: File[][] = [];
  let current: File[] = [];
  let size = 0;
  for (const file of ordered) {
    if (file.size === 0 || file.size > MAX_FILE_BYTES) {
      problems.push(
        `« ${file.name} » est vide ou dépasse 8 Mo : copiez-le directement dans le dossier surveillé.`,
      );
      continue;
    }
    if (
      current.length > 0 &&
      (size + file.size > MAX_FILE_BYTES || current.length >= MAX_FILES_PER_CALL)
    ) {
      batches.push(current);
      current = [];
      size = 0;
    }
    current.push(file);
    size += file.size;
  }
  if (current.length > 0) batches.push(current);
  let done = 0;
  const total = batches.reduce((n, b) => n + b.length, 0);
  for (const group of batches) {
    try {
      const payload = await Promise.all(
        group.map(async (file) => ({
          name: file.name,
          contentBase64: base64Of(new Uint8Array(await file.arrayBuffer())),
        })),
      );
      const result = await api.call('dropOutboxFiles', { body: { files: payload } });
      accepted.push(...result.accepted);
    } catch (error) {
      problems.push(error instanceof Error ? error.message : String(error));
    }
    done += group.length;
    onProgress(done, total);
  }
  return { accepted, problems };
}
