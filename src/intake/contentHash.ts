// The content hash of a dropped document: the outbox's dedup key (with the uniqueId). For a PDF
// travelling with its sidecar both count, because the same PDF with other metadata (another
// patient, another visibility) is another submission:
//   alone:          hex(SHA-256(document))
//   with a sidecar: hex(SHA-256("navette-pair-v1\n" + hex(SHA-256(document)) + "\n" +
//                               hex(SHA-256(sidecar))))
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

export function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

export function combineHashes(documentHash: string, sidecarHash: string | undefined): string {
  if (sidecarHash === undefined) return documentHash;
  return sha256Hex(`navette-pair-v1\n${documentHash}\n${sidecarHash}`);
}

export function contentHash(document: Uint8Array, sidecar?: Uint8Array): string {
  return combineHashes(sha256Hex(document), sidecar === undefined ? undefined : sha256Hex(sidecar));
}

/** SHA-256 of a file read as a stream (for files too large to hold in memory). */
export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
