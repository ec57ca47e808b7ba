// The claim protocol. A file is ours once WE renamed it out of the watched folder into a claim
// folder of our own, on the same volume:
//   1. mkdir <folder>/.navette-en-cours/<instance>/<claimId>/  (fails if the id exists: new id)
//   2. rename <folder>/<document> → <claim folder>/<document>
//      ENOENT: another instance (or the user) took it first: we lost, nothing to undo but 1.
//      EBUSY/EPERM/EACCES: Windows refuses to rename a file its writer still holds open (or an
//      antivirus is scanning it): not complete yet, try again later.
//   3. for a PDF, the same for its sidecar; if that fails, the PDF is put back.
// Only one rename of a given file can succeed, whichever machine asks: that is the lock between
// two Navette instances watching one shared folder. The claim folder name carries no meaning for
// another instance: each instance only ever looks inside its own <instance>/ folder.
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rmdir } from 'node:fs/promises';
import path from 'node:path';
import type { ClaimUnit } from './fileNames.js';
import type { FolderLayout } from './folderLayout.js';
import { exists } from './moveFile.js';

export interface Claim {
  readonly claimId: string;
  readonly claimDir: string;
  readonly document: string;
  readonly sidecar?: string;
}

export type ClaimAttempt =
  | { readonly kind: 'claimed'; readonly claim: Claim }
  /** Someone else took the document first (or it was removed). */
  | { readonly kind: 'gone' }
  /** The system refused the rename: the file is still in use. */
  | { readonly kind: 'busy'; readonly code: string };

const BUSY_CODES = new Set(['EBUSY', 'EPERM', 'EACCES']);

/** `20250512T101500123Z-1a2b3c4d`: sortable by time, unique with its random part. */
export function newClaimId(now: Date = new Date()): string {
  const stamp = now.toISOString().replace(/[-:.]/g, '');
  return `${stamp}-${randomBytes(4).toString('hex')}`;
}

async function makeClaimDir(layout: FolderLayout, now: Date): Promise<Claim['claimId']> {
  for (let i = 0; ; i += 1) {
    const claimId = newClaimId(now);
    try {
      await mkdir(path.join(layout.processingDir, claimId));
      return claimId;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || i >= 5) throw error;
    }
  }
}

async function removeEmptyDir(dir: string): Promise<void> {
  await rmdir(dir).catch(() => undefined);
}

function errnoOf(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? 'UNKNOWN';
}

/** Claims `unit` out of `layout.folder` (see the protocol above). */
export async function claimUnit(
  layout: FolderLayout,
  unit: ClaimUnit,
  now: Date = new Date(),
): Promise<ClaimAttempt> {
  const claimId = await makeClaimDir(layout, now);
  const claimDir = path.join(layout.processingDir, claimId);
  try {
    await rename(path.join(layout.folder, unit.document), path.join(claimDir, unit.document));
  } catch (error) {
    await removeEmptyDir(claimDir);
    const code = errnoOf(error);
    if (code === 'ENOENT') return { kind: 'gone' };
    if (BUSY_CODES.has(code)) return { kind: 'busy', code };
    throw error;
  }
  if (unit.sidecar === undefined)
    return { kind: 'claimed', claim: { claimId, claimDir, document: unit.document } };
  const sidecar = await claimSidecar(layout.folder, claimDir, unit.sidecar);
  if (sidecar === 'claimed') {
    return {
      kind: 'claimed',
      claim: { claimId, claimDir, document: unit.document, sidecar: unit.sidecar },
    };
  }
  if (sidecar === 'gone') {
    // Removed between the listing and now: the PDF goes on alone (the checks will say what is
    // missing) rather than being put back and possibly taken by another instance without it.
    return { kind: 'claimed', claim: { claimId, claimDir, document: unit.document } };
  }
  // The sidecar is still being written: give the PDF back and wait for both.
  await rename(path.join(claimDir, unit.document), path.join(layout.folder, unit.document));
  await removeEmptyDir(claimDir);
  return { kind: 'busy', code: sidecar.busy };
}

/** Moves a sidecar into an existing claim folder. */
export async function claimSidecar(
  folder: string,
  claimDir: string,
  sidecar: string,
): Promise<'claimed' | 'gone' | { busy: string }> {
  try {
    await rename(path.join(folder, sidecar), path.join(claimDir, sidecar));
    return 'claimed';
  } catch (error) {
    const code = errnoOf(error);
    if (code === 'ENOENT') return 'gone';
    if (BUSY_CODES.has(code)) return { busy: code };
    throw error;
  }
}

/**
 * Gives a claim back: its files return to the watched folder (under their names, unless a new
 * file took a name meanwhile: then the claim stays and `false` is returned, nothing is lost).
 */
export async function releaseClaim(layout: FolderLayout, claim: Claim): Promise<boolean> {
  const names = [claim.document, ...(claim.sidecar === undefined ? [] : [claim.sidecar])];
  for (const name of names) {
    if (await exists(path.join(layout.folder, name))) return false;
  }
  // The sidecar first: a PDF back in the folder without its sidecar could be taken alone.
  for (const name of names.reverse()) {
    await rename(path.join(claim.claimDir, name), path.join(layout.folder, name));
  }
  await removeEmptyDir(claim.claimDir);
  return true;
}

/** The claim folders this instance left behind (restart after a stop or a crash). */
export async function listClaimDirs(layout: FolderLayout): Promise<string[]> {
  const entries = await readdir(layout.processingDir, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

/** The files inside a claim folder, as a claim (undefined when it is empty: removed). */
export async function readClaimDir(
  layout: FolderLayout,
  claimId: string,
): Promise<Claim | undefined> {
  const claimDir = path.join(layout.processingDir, claimId);
  const names = (await readdir(claimDir, { withFileTypes: true }))
    .filter((e) => e.isFile())
    .map((e) => e.name);
  if (names.length === 0) {
    await removeEmptyDir(claimDir);
    return undefined;
  }
  const document = names.find((n) => !n.toLowerCase().endsWith('.json')) ?? names[0]!;
  const sidecar = names.find((n) => n !== document && n.toLowerCase().endsWith('.json'));
  return sidecar === undefined
    ? { claimId, claimDir, document }
    : { claimId, claimDir, document, sidecar };
}
