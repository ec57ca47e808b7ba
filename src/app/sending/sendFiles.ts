// `navette send FILE...`: the send path of the export folders (checks → DMP document sender →
// audit journal), on files given now, without the outbox: one attempt per file, and after an
// ambiguous failure one TD3.1b lookup, so a document that did reach the DMP is reported sent
// (and a second run finds it registered rather than registering it twice).
import { Buffer } from 'node:buffer';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { DocumentSender, OutgoingDocument } from '../../domain/ports/DocumentSender.js';
import { openDatabase } from '../../store/index.js';
import type { Environment } from '../card/cardEnvironment.js';
import type { PinSource } from '../card/cardLogin.js';
import { defaultAppPaths, type NavetteConfig } from '../config/index.js';
import { openDmpSession, type DmpSession, type DmpSessionOptions } from '../dmp/index.js';
import { contentHash } from '../../intake/contentHash.js';
import type { CdaDocumentChecker } from '../documents/CdaDocumentChecker.js';
import { createSendingPath } from './sendingPath.js';

/** One line of `navette send --json` (issue 5). */
export interface SentFileReport {
  readonly file: string;
  readonly status: 'sent' | 'refused' | 'failed';
  readonly uniqueId: string | null;
  readonly entryUUID: string | null;
  /** The patient's DMP status (TD0.2) when the DMP said it. */
  readonly dmpStatus: string | null;
  /** French: why it was not sent. */
  readonly error: { readonly code: string; readonly message: string; readonly fix?: string } | null;
}

export interface SendFilesOptions {
  readonly config: NavetteConfig;
  readonly env: Environment;
  readonly pin: PinSource;
  readonly cardLabel?: string;
  /** Data folder (audit journal). Default: NAVETTE_HOME or the per-user folder. */
  readonly dataDir?: string;
  readonly openSession?: (options: DmpSessionOptions) => Promise<DmpSession>;
}

// The service's database file (src/app/index.ts DATABASE_FILE_NAME; not imported: index.ts
// imports this folder).
const DATABASE_FILE = 'navette.db';

function report(file: string, fields: Partial<Omit<SentFileReport, 'file'>>): SentFileReport {
  return {
    file,
    status: fields.status ?? 'failed',
    uniqueId: fields.uniqueId ?? null,
    entryUUID: fields.entryUUID ?? null,
    dmpStatus: fields.dmpStatus ?? null,
    error: fields.error ?? null,
  };
}

async function sendOne(
  file: string,
  index: number,
  checker: CdaDocumentChecker,
  sender: DocumentSender,
): Promise<SentFileReport> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    return report(file, {
      error: {
        code: 'FILE_UNREADABLE',
        message: missing ? 'Fichier introuvable.' : 'Fichier illisible.',
      },
    });
  }
  const sidecarFile = path.join(path.dirname(file), `${path.parse(file).name}.json`);
  const pdf = path.extname(file).toLowerCase() === '.pdf';
  const sidecarText =
    pdf && existsSync(sidecarFile) ? readFileSync(sidecarFile, 'utf8') : undefined;
  // The outbox's content hash (the PDF and its sidecar together), as the intake computes it.
  const hash = contentHash(
    bytes,
    sidecarText === undefined ? undefined : Buffer.from(sidecarText, 'utf8'),
  );
  const checked = await checker.check({
    fileName: path.basename(file),
    bytes,
    contentHash: hash,
    ...(sidecarText === undefined
      ? {}
      : { sidecar: { fileName: path.basename(sidecarFile), text: sidecarText } }),
  });
  if (checked.verdict === 'postponed') {
    return report(file, { error: { code: 'CHECK_POSTPONED', message: checked.reason } });
  }
  if (checked.verdict === 'rejected') {
    const first = checked.problems[0];
    return report(file, {
      status: 'refused',
      error: {
        code: first?.code ?? 'CHECK_REJECTED',
        message: checked.problems.map((p) => p.message).join(' '),
        ...(first?.fix === undefined ? {} : { fix: first.fix }),
      },
    });
  }
  const doc = checked.document;
  const outgoing: OutgoingDocument = {
    itemId: index + 1,
    uniqueId: doc.uniqueId,
    contentHash: hash,
    kind: doc.kind,
    fileName: path.basename(file),
    bytes: doc.payload ?? bytes,
    attempt: 1,
    ...(sidecarText === undefined ? {} : { sidecarText }),
    ...(doc.visibility === undefined ? {} : { visibility: doc.visibility }),
    ...(doc.title === undefined ? {} : { title: doc.title }),
    ...(doc.setId === undefined ? {} : { setId: doc.setId }),
  };
  const base = { uniqueId: doc.uniqueId };
  let outcome = await sender.send(outgoing);
  if (outcome.kind === 'failed' && outcome.mayHaveReachedServer) {
    // Ambiguous: ask the DMP before saying "failed" (a rerun would then reconcile anyway).
    const lookup = await sender.findByUniqueId(doc.uniqueId, { ...outgoing, attempt: 2 });
    if (lookup.kind === 'found') {
      outcome = {
        kind: 'accepted',
        ...(lookup.receipt === undefined ? {} : { receipt: lookup.receipt }),
      };
    }
  }
  if (outcome.kind === 'accepted') {
    return report(file, {
      ...base,
      status: 'sent',
      entryUUID: outcome.receipt?.entryUuid ?? null,
      dmpStatus: outcome.receipt?.dmpStatus ?? null,
    });
  }
  return report(file, {
    ...base,
    status: outcome.kind === 'refused' ? 'refused' : 'failed',
    error: {
      code: outcome.code ?? (outcome.kind === 'refused' ? 'DMP_REFUSED' : 'SEND_FAILED'),
      message: outcome.reason,
      ...(outcome.kind === 'refused' && outcome.fix !== undefined ? { fix: outcome.fix } : {}),
    },
  });
}

/** Opens the session (asks the PIN in direct mode), sends each file in turn, closes everything. */
export async function sendFiles(
  files: readonly string[],
  opts: SendFilesOptions,
): Promise<SentFileReport[]> {
  const dataDir = path.resolve(opts.dataDir ?? defaultAppPaths(opts.env).dataDir);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 }); // health data: owner only
  const session = await (opts.openSession ?? openDmpSession)({
    config: opts.config,
    env: opts.env,
    pin: opts.pin,
    ...(opts.cardLabel === undefined ? {} : { cardLabel: opts.cardLabel }),
  });
  try {
    const db = openDatabase(path.join(dataDir, DATABASE_FILE));
    try {
      const sendingPath = await createSendingPath({ config: opts.config, db, dataDir, session });
      try {
        const sender = sendingPath.sender;
        if (sender === undefined) throw new TypeError('a session always gives a sender');
        const reports: SentFileReport[] = [];
        for (const [index, file] of files.entries()) {
          reports.push(await sendOne(file, index, sendingPath.checker, sender));
        }
        return reports;
      } finally {
        sendingPath.dispose();
      }
    } finally {
      db.close();
    }
  } finally {
    await session.close();
  }
}
