// Moving a finished document out of its claim folder into sent/ or error/ (with its reason file).
// The outbox row is the truth and the moves follow it, so every step can be resumed after a crash:
//   1. choose a free name in the destination and RECORD it (a resumed move reuses it);
//   2. move the sidecar, then the document (each skipped when already moved): whoever watches sent/
//      or error/ sees the document arrive last, with its sidecar already beside it;
//   3. in error/, write the reason file (rewritten when resumed);
//   4. remove the empty claim folder, then record the placement.
// Nothing is ever deleted: a name taken meanwhile by another file makes us choose another name.
import { mkdir, rmdir } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../domain/ports/Logger.js';
import { REASON_FILE_SUFFIX, companionName, withCollisionSuffix } from './fileNames.js';
import type { IntakeOutbox, PlacementTask } from './IntakeOutbox.js';
import { TargetExistsError, exists, moveFile, writeFileAtomic } from './moveFile.js';
import { reasonFileText } from './reasonFile.js';

export interface Placed {
  readonly itemId: number;
  readonly destination: 'sent' | 'error';
  /** Where the document is now (absolute path). */
  readonly path: string;
}

/** The watched folder a claim folder belongs to (`<folder>/.navette-en-cours/<id>/<claim>`). */
export function watchedFolderOf(claimDir: string): string {
  return path.dirname(path.dirname(path.dirname(claimDir)));
}

async function isFree(dir: string, names: readonly string[]): Promise<boolean> {
  for (const name of names) {
    if (await exists(path.join(dir, name))) return false;
  }
  return true;
}

/** `name`, or `name (2)`, `name (3)`… so that the document, its sidecar and reason file are new. */
export async function chooseFreeName(
  dir: string,
  fileName: string,
  sidecarName: string | undefined,
  withReason: boolean,
): Promise<string> {
  for (let n = 1; ; n += 1) {
    const candidate = withCollisionSuffix(fileName, n);
    const names = [candidate];
    if (sidecarName !== undefined) names.push(companionName(candidate, sidecarName));
    if (withReason) names.push(`${candidate}${REASON_FILE_SUFFIX}`);
    if (await isFree(dir, names)) return candidate;
  }
}

/**
 * Places one finished document. Returns undefined when it must be tried again later (a name was
 * taken between the choice and the move).
 */
export async function placeOne(
  outbox: IntakeOutbox,
  task: PlacementTask,
): Promise<Placed | undefined> {
  const { claim } = task;
  const dir = task.destination === 'sent' ? claim.sentDir : claim.errorDir;
  await mkdir(dir, { recursive: true });
  const documentSource = path.join(claim.claimDir, task.fileName);
  const sidecarSource =
    task.sidecarName === undefined ? undefined : path.join(claim.claimDir, task.sidecarName);

  let name = task.placedName;
  if (name === undefined) {
    name = await chooseFreeName(dir, task.fileName, task.sidecarName, task.destination === 'error');
    outbox.choosePlacement(task.itemId, name);
  }
  const target = path.join(dir, name);
  const sidecarTarget =
    task.sidecarName === undefined
      ? undefined
      : path.join(dir, companionName(name, task.sidecarName));
  try {
    if (
      sidecarSource !== undefined &&
      sidecarTarget !== undefined &&
      (await exists(sidecarSource))
    ) {
      await moveFile(sidecarSource, sidecarTarget);
    }
    if (await exists(documentSource)) await moveFile(documentSource, target);
  } catch (error) {
    if (!(error instanceof TargetExistsError)) throw error;
    // The document's name was taken meanwhile (now, or before a resumed run): its sidecar, moved
    // under that name already, goes back to the claim folder, so that both move together under
    // the next name instead of ending apart.
    if (
      error.target === target &&
      sidecarSource !== undefined &&
      sidecarTarget !== undefined &&
      !(await exists(sidecarSource)) &&
      (await exists(sidecarTarget))
    ) {
      await moveFile(sidecarTarget, sidecarSource);
    }
    outbox.resetPlacement(task.itemId);
    return undefined;
  }
  if (task.destination === 'error' && task.reason !== undefined) {
    const text = reasonFileText({ ...task.reason, folder: watchedFolderOf(claim.claimDir) });
    await writeFileAtomic(`${target}${REASON_FILE_SUFFIX}`, text);
  }
  await rmdir(claim.claimDir).catch((error: unknown) => {
    // ENOENT: removed by an earlier, interrupted run. ENOTEMPTY: someone put another file there;
    // it stays for a human to see (never deleted), and the document itself is placed.
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error;
  });
  outbox.markPlaced(task.itemId);
  return { itemId: task.itemId, destination: task.destination, path: target };
}

/** Places every finished document; one failure does not stop the others. */
export async function placeFinished(
  outbox: IntakeOutbox,
  log?: Logger,
  onPlaced?: (placed: Placed) => void,
): Promise<Placed[]> {
  const done: Placed[] = [];
  for (const task of outbox.pendingPlacements()) {
    try {
      const placed = await placeOne(outbox, task);
      if (placed !== undefined) {
        done.push(placed);
        onPlaced?.(placed);
      }
    } catch (error) {
      log?.warn('document placement failed, will retry', { itemId: task.itemId, error });
    }
  }
  return done;
}
