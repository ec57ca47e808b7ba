// The pre-flight of one document of a batch: everything that can be known before sending, and
// nothing sent. The document checks (the same checker as the export folders), then the patient's
// DMP through TD0.2 (exists, open, the caller not blocked), and the visibility asked for. A
// refusal here is certain (the send path would refuse the same way); an unanswered TD0.2 is only
// a warning, since the send path asks again.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { DocumentVisibility } from '../../domain/documents/visibility.js';
import { isNavetteError } from '../../domain/errors/NavetteError.js';
import { insFromCx } from '../../domain/ins/insCx.js';
import type { Ins } from '../../domain/ins/ins.js';
import type { CheckedDocument, DocumentChecker } from '../../domain/ports/DocumentChecker.js';
import type { DmpExistence } from '../../dmp/index.js';
import { contentHash } from '../../intake/contentHash.js';
import { cdaToDocumentEntry, readCda } from '../../protocol/cda/index.js';
import type { BatchItemFields, StoredReason } from '../../store/batches/index.js';

export interface PreflightDependencies {
  readonly checker: DocumentChecker;
  /**
   * TD0.2, read for each file (a getter may follow a session that opens later). Undefined without
   * a DMP session: the status is then not checked (a warning says so).
   */
  readonly testExistence?: ((ins: Ins) => Promise<DmpExistence>) | undefined;
}

/** A document that passed: what the outbox needs to send it. */
export interface PreflightDocument {
  readonly checked: CheckedDocument;
  readonly fileName: string;
  readonly bytes: Uint8Array;
  readonly sidecarName?: string;
  readonly contentHash: string;
}

export interface PreflightOutcome {
  readonly fields: BatchItemFields;
  /** Present when `fields.status` is `ready`. */
  readonly document?: PreflightDocument;
}

function blocked(reasons: readonly StoredReason[], more: Partial<BatchItemFields> = {}) {
  return { fields: { ...more, status: 'blocked' as const, reasons } };
}

/** French, for the report: who will not see the document. */
export function visibilityText(visibility: DocumentVisibility | undefined): string {
  if (visibility === undefined) return 'Visible par le patient et les professionnels autorisés';
  const hidden = [
    ...(visibility.hiddenFromPatient ? ['le patient'] : []),
    ...(visibility.hiddenFromProfessionals ? ['les autres professionnels'] : []),
    ...(visibility.hiddenFromLegalRepresentatives ? ['les représentants légaux'] : []),
  ];
  return hidden.length === 0
    ? 'Visible par le patient et les professionnels autorisés'
    : `Masqué pour ${hidden.join(', ')}`;
}

function patientOf(bytes: Uint8Array): Ins | undefined {
  const read = readCda(bytes);
  if (!read.ok) return undefined;
  const entry = cdaToDocumentEntry(read.document, { bytes }).entry;
  if (entry === undefined) return undefined;
  try {
    return insFromCx(entry.patientId);
  } catch {
    return undefined;
  }
}

/** What TD0.2 says about sending to this patient: a refusal, or nothing in the way. */
function dmpRefusal(dmp: DmpExistence): StoredReason | undefined {
  if (dmp.status === 'FERME') {
    return {
      code: 'DMP_CLOSED',
      message: 'Le DMP de ce patient est fermé : il n’accepte plus de document.',
      fix: 'Vérifiez l’identité du patient. Seul le patient peut faire rouvrir son DMP.',
    };
  }
  if (dmp.status === 'INEXISTANT') {
    return {
      code: 'DMP_NOT_FOUND',
      message: 'Ce patient n’a pas de DMP : le document ne peut pas y être déposé.',
      fix: 'Vérifiez l’INS du patient.',
    };
  }
  if (dmp.authorization === 'INTERDIT') {
    return {
      code: 'DMP_ACCESS_BLOCKED',
      message: 'Le patient a bloqué votre accès à son DMP : le document ne peut pas y être déposé.',
      fix: 'Informez le patient : lui seul peut lever ce blocage depuis Mon Espace Santé.',
    };
  }
  return undefined;
}

function read(file: string): Buffer | StoredReason {
  try {
    return readFileSync(file);
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    return {
      code: 'FILE_UNREADABLE',
      message: missing ? 'Fichier introuvable.' : 'Fichier illisible.',
      fix: 'Vérifiez que le fichier existe et que Navette peut le lire.',
    };
  }
}

export async function preflightFile(
  file: string,
  deps: PreflightDependencies,
): Promise<PreflightOutcome> {
  const bytes = read(file);
  if (!Buffer.isBuffer(bytes)) return blocked([bytes as StoredReason]);
  const fileName = path.basename(file);
  const pdf = path.extname(file).toLowerCase() === '.pdf';
  const sidecarFile = path.join(path.dirname(file), `${path.parse(file).name}.json`);
  const sidecar = pdf && existsSync(sidecarFile) ? readFileSync(sidecarFile) : undefined;
  const hash = contentHash(bytes, sidecar);
  const checked = await deps.checker.check({
    fileName,
    bytes,
    ...(sidecar === undefined
      ? {}
      : { sidecar: { fileName: path.basename(sidecarFile), text: sidecar.toString('utf8') } }),
  });
  if (checked.verdict === 'postponed') {
    return blocked([{ code: 'CHECK_POSTPONED', message: checked.reason }], { contentHash: hash });
  }
  if (checked.verdict === 'rejected') {
    return blocked(
      checked.problems.map((p) => ({
        code: p.code,
        message: p.message,
        ...(p.fix === undefined ? {} : { fix: p.fix }),
      })),
      { contentHash: hash },
    );
  }
  const doc = checked.document;
  const known = {
    contentHash: hash,
    uniqueId: doc.uniqueId,
    title: doc.title ?? null,
    visibility: visibilityText(doc.visibility),
  };
  const warnings: StoredReason[] = (doc.warnings ?? []).map((w) => ({
    code: w.code,
    message: w.message,
    ...(w.fix === undefined ? {} : { fix: w.fix }),
  }));
  let dmpStatus: string | null = null;
  const ins = patientOf(doc.payload ?? bytes);
  if (deps.testExistence === undefined || ins === undefined) {
    warnings.push({
      code: 'DMP_STATUS_UNCHECKED',
      message: 'Le DMP du patient n’a pas été interrogé : il le sera au moment de l’envoi.',
    });
  } else {
    try {
      const dmp = await deps.testExistence(ins);
      dmpStatus = dmp.status;
      const refusal = dmpRefusal(dmp);
      if (refusal !== undefined) return blocked([refusal], { ...known, dmpStatus });
    } catch (error) {
      warnings.push({
        code: isNavetteError(error) ? error.code : 'DMP_STATUS_UNKNOWN',
        message:
          'Le DMP du patient n’a pas pu être interrogé' +
          (isNavetteError(error) ? ` (${error.message})` : '') +
          ' : il le sera au moment de l’envoi.',
      });
    }
  }
  return {
    fields: { ...known, status: 'ready', dmpStatus, reasons: warnings },
    document: {
      checked: doc,
      fileName,
      bytes,
      contentHash: hash,
      ...(sidecar === undefined ? {} : { sidecarName: path.basename(sidecarFile) }),
    },
  };
}
