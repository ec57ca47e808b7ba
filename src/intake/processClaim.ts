// What happens to a claimed document: read it, hash it, check it, record the verdict in the
// outbox. Recording is the commit point: before it, a crash leaves the files in the claim folder
// and the restart processes them again (the outbox ignores a claim it already holds); after it,
// the outbox row decides where the files go.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type {
  CheckProblem,
  DocumentCheckOutcome,
  DocumentChecker,
  DocumentToCheck,
} from '../domain/ports/DocumentChecker.js';
import type { Logger } from '../domain/ports/Logger.js';
import { releaseClaim, type Claim } from './claim.js';
import { contentHash, sha256File, sha256Hex, combineHashes } from './contentHash.js';
import type { FolderLayout } from './folderLayout.js';
import type { IntakeOutbox, IntakeRecord, IntakeRecordStatus } from './IntakeOutbox.js';
import type { FileObservation } from './StabilityTracker.js';

export interface ProcessDeps {
  readonly layout: FolderLayout;
  readonly checker: DocumentChecker;
  readonly outbox: IntakeOutbox;
  readonly maxBytes: number;
  readonly log?: Logger;
}

export type ProcessOutcome =
  | { readonly kind: 'recorded'; readonly status: IntakeRecordStatus; readonly itemId: number }
  /** The checker could not decide now: the files went back to the watched folder. */
  | { readonly kind: 'postponed'; readonly reason: string; readonly released: boolean }
  /** The document changed after we claimed it (its writer was still at work): given back. */
  | { readonly kind: 'changed'; readonly released: boolean };

/** What the scan saw just before the claim, to notice a writer still at work after it. */
export interface ExpectedFiles {
  readonly document: FileObservation;
  readonly sidecar?: FileObservation;
}

const MB = 1024 * 1024;

/** '12,5 Mo', '3 Ko': sizes as French readers write them. */
export function formatSize(bytes: number): string {
  const number = (n: number): string => n.toLocaleString('fr-FR', { maximumFractionDigits: 1 });
  return bytes >= MB ? `${number(bytes / MB)} Mo` : `${number(Math.ceil(bytes / 1024))} Ko`;
}

export async function processClaim(
  claim: Claim,
  deps: ProcessDeps,
  expected?: ExpectedFiles,
): Promise<ProcessOutcome> {
  const { layout, outbox } = deps;
  const documentPath = path.join(claim.claimDir, claim.document);
  const sidecarPath =
    claim.sidecar === undefined ? undefined : path.join(claim.claimDir, claim.sidecar);
  const base = {
    claim: {
      claimId: claim.claimId,
      claimDir: claim.claimDir,
      sentDir: layout.sentDir,
      errorDir: layout.errorDir,
    },
    fileName: claim.document,
    ...(claim.sidecar === undefined ? {} : { sidecarName: claim.sidecar }),
  };

  const size = (await stat(documentPath)).size;
  const sidecarBytes = sidecarPath === undefined ? undefined : await readFile(sidecarPath);
  if (size > deps.maxBytes) {
    // Never read a too-large file into memory: hash it as a stream, refuse it.
    const hash = combineHashes(
      await sha256File(documentPath),
      sidecarBytes === undefined ? undefined : sha256Hex(sidecarBytes),
    );
    const problem: CheckProblem = {
      code: 'FILE_TOO_LARGE',
      message:
        `Le fichier pèse ${formatSize(size)}, plus que la taille maximale acceptée ` +
        `(${formatSize(deps.maxBytes)}).`,
      fix: 'Réduisez la taille du document (PDF compressé, images moins lourdes) puis déposez-le à nouveau.',
    };
    const r = outbox.recordRejected({ ...base, contentHash: hash }, [problem]);
    return { kind: 'recorded', ...r };
  }

  const bytes = await readFile(documentPath);
  if (expected !== undefined && (await changedSince(claim, expected))) {
    return { kind: 'changed', released: await releaseClaim(layout, claim) };
  }
  const record: IntakeRecord = { ...base, contentHash: contentHash(bytes, sidecarBytes) };
  const input: DocumentToCheck = {
    fileName: claim.document,
    bytes,
    contentHash: record.contentHash,
    ...(claim.sidecar === undefined || sidecarBytes === undefined
      ? {}
      : { sidecar: { fileName: claim.sidecar, text: new TextDecoder().decode(sidecarBytes) } }),
  };
  const outcome = await runChecker(deps, input);
  switch (outcome.verdict) {
    case 'accepted':
      return { kind: 'recorded', ...outbox.enqueue(record, outcome.document) };
    case 'rejected':
      return { kind: 'recorded', ...outbox.recordRejected(record, outcome.problems, outcome.kind) };
    case 'postponed':
      return {
        kind: 'postponed',
        reason: outcome.reason,
        released: await releaseClaim(layout, claim),
      };
  }
}

async function runChecker(
  deps: ProcessDeps,
  input: DocumentToCheck,
): Promise<DocumentCheckOutcome> {
  try {
    return await deps.checker.check(input);
  } catch (error) {
    deps.log?.error('document check threw', { file: input.fileName, error });
    return {
      verdict: 'rejected',
      problems: [
        {
          code: 'CHECK_INTERNAL_ERROR',
          message: "Une erreur inattendue s'est produite pendant la vérification du document.",
          fix:
            'Déposez le document à nouveau ; si le problème persiste, transmettez ce fichier ' +
            "d'explication et le journal de Navette au support.",
        },
      ],
    };
  }
}

async function changedSince(claim: Claim, expected: ExpectedFiles): Promise<boolean> {
  const differs = async (file: string, seen: FileObservation): Promise<boolean> => {
    const now = await stat(file);
    return now.size !== seen.size || now.mtimeMs !== seen.mtimeMs;
  };
  if (await differs(path.join(claim.claimDir, claim.document), expected.document)) return true;
  return (
    claim.sidecar !== undefined &&
    expected.sidecar !== undefined &&
    (await differs(path.join(claim.claimDir, claim.sidecar), expected.sidecar))
  );
}
