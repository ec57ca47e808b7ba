// Builds what the sender receives for one attempt: the bytes to send (the stored payload, or the
// claimed file read again) and the metadata the checks gave. The claimed files are hashed again
// and compared with the hash recorded at intake: a document edited inside the processing folder
// after its checks is refused rather than sent unchecked.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { OutgoingDocument } from '../../domain/ports/DocumentSender.js';
import { contentHash } from '../../intake/contentHash.js';
import type { OutboxItem, OutboxRepository } from '../../store/outbox/index.js';

export type LoadResult =
  | { readonly ok: true; readonly document: OutgoingDocument }
  | { readonly ok: false; readonly code: string; readonly reason: string; readonly fix: string };

async function readIfPresent(file: string): Promise<Buffer | undefined> {
  try {
    return await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

export async function loadOutgoing(
  item: OutboxItem,
  outbox: OutboxRepository,
): Promise<LoadResult> {
  const payload = outbox.payload(item.id);
  let fileBytes: Buffer | undefined;
  let sidecarBytes: Buffer | undefined;
  if (item.claim !== null) {
    fileBytes = await readIfPresent(path.join(item.claim.claimDir, item.fileName));
    if (item.sidecarName !== null) {
      sidecarBytes = await readIfPresent(path.join(item.claim.claimDir, item.sidecarName));
    }
    if (fileBytes !== undefined && contentHash(fileBytes, sidecarBytes) !== item.contentHash) {
      return {
        ok: false,
        code: 'OUTBOX_FILE_CHANGED',
        reason:
          "Le fichier a été modifié après sa vérification, pendant qu'il attendait son envoi.",
        fix: 'Déposez à nouveau la version voulue du document dans le dossier d’export.',
      };
    }
  }
  const bytes = payload ?? fileBytes;
  if (bytes === undefined || item.uniqueId === null) {
    return {
      ok: false,
      code: 'OUTBOX_FILE_MISSING',
      reason: 'Le fichier à envoyer a disparu du dossier de traitement de Navette.',
      fix: 'Déposez à nouveau le document dans le dossier d’export.',
    };
  }
  const document: OutgoingDocument = {
    itemId: item.id,
    uniqueId: item.uniqueId,
    contentHash: item.contentHash,
    kind: item.kind ?? 'unknown',
    fileName: item.fileName,
    bytes,
    attempt: item.attempts,
    ...(sidecarBytes === undefined ? {} : { sidecarText: new TextDecoder().decode(sidecarBytes) }),
    ...(item.visibility === null ? {} : { visibility: item.visibility }),
    ...(item.title === null ? {} : { title: item.title }),
    ...(item.setId === null ? {} : { setId: item.setId }),
    ...(item.batchId === null ? {} : { batchId: item.batchId }),
  };
  return { ok: true, document };
}
