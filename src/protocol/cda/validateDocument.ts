// One document, every check (issue 5, `navette validate`): what the file is (CDA level 1 or 3,
// a PDF with its sidecar, or something else), safe reading, CI-SIS header rules, the CDA
// schema, and the XDS metadata the DMP will receive. A PDF is first wrapped in a level-1 CDA
// from its sidecar, then checked like any other document. No I/O: the caller hands in the
// bytes, the sidecar text, the value sets and the compiled schema.
import { Buffer } from 'node:buffer';
import { splitProblems } from '../../domain/documents/documentProblem.js';
import type { DocumentKind } from '../../domain/documents/documentProblem.js';
import {
  toReportProblem,
  type DocumentValidationReport,
  type ReportMetadata,
} from '../../domain/documents/validationReport.js';
import type { DocumentVisibility } from '../../domain/documents/visibility.js';
import type { DocumentEntryInput } from '../xds/index.js';
import type { XsdValidator } from '../xsd/index.js';
import { buildLevel1Cda, type CardHolder, type SendingOrganization } from './buildLevel1Cda.js';
import { replacedUniqueId } from './cdaHeaderValues.js';
import { cdaToDocumentEntry } from './cdaToDocumentEntry.js';
import { largeBase64Runs } from './largeTexts.js';
import { checkCdaHeader } from './checkCdaHeader.js';
import { checkCdaSchema } from './cdaSchema.js';
import { cdaError, type CdaProblem } from './problems.js';
import { DEFAULT_MAX_DOCUMENT_BYTES, readCda, type CdaDocument } from './readCda.js';
import { reportMetadata } from './reportMetadata.js';
import { parseSidecar } from './sidecar.js';
import type { CdaValueSets } from './valueSets.js';

/** What every check needs, built once (value sets parsed, schema compiled). */
export interface DocumentCheckContext {
  readonly valueSets: CdaValueSets;
  /** From createCdaSchemaValidator. */
  readonly schema: XsdValidator;
  /** Largest accepted file, in bytes. Default 100 MB. */
  readonly maxBytes?: number;
  /** Zone of times written without offset. Default Europe/Paris. */
  readonly timeZone?: string;
  /** Needed to wrap a PDF: the card holder and the sending structure. */
  readonly cardHolder?: CardHolder;
  readonly organization?: SendingOrganization;
  /** Clock and UUID source of the PDF wrapping (tests fix them). */
  readonly now?: Date;
  readonly newUuid?: () => string;
}

export interface DocumentInput {
  /** File name as shown in the report. */
  readonly file: string;
  readonly bytes: Uint8Array;
  /** Text of the sidecar `.json` of a PDF; undefined when there is none. */
  readonly sidecar?: string;
  /** Visibility for a CDA (a PDF takes it from its sidecar). Default: normal. */
  readonly visibility?: DocumentVisibility;
}

export interface DocumentCheckResult {
  readonly report: DocumentValidationReport;
  readonly problems: readonly CdaProblem[];
  /** The XDS DocumentEntry, when the document passed every check. */
  readonly entry?: DocumentEntryInput;
  /** The bytes to send: the file itself, or the CDA built around a PDF. */
  readonly cda?: Uint8Array;
  /** The visibility the metadata carries (the sidecar's for a PDF), when one was given. */
  readonly visibility?: DocumentVisibility;
  /** uniqueId of the version the document replaces (relatedDocument RPLC), when it says so. */
  readonly replacedUniqueId?: string;
}

function isPdf(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.subarray(0, 5)).toString('latin1') === '%PDF-';
}

function result(
  file: string,
  kind: DocumentKind,
  problems: readonly CdaProblem[],
  metadata: ReportMetadata | null,
  extra: Pick<DocumentCheckResult, 'entry' | 'cda' | 'visibility' | 'replacedUniqueId'> = {},
): DocumentCheckResult {
  const { errors, warnings } = splitProblems(problems);
  return {
    report: {
      file,
      ok: errors.length === 0,
      kind,
      errors: errors.map(toReportProblem),
      warnings: warnings.map(toReportProblem),
      metadata,
    },
    problems,
    ...(errors.length === 0 ? extra : {}),
  };
}

function kindOf(document: CdaDocument): DocumentKind {
  return document.level === 1 ? 'cda-n1' : document.level === 3 ? 'cda-n3' : 'unknown';
}

function checkCda(
  file: string,
  bytes: Uint8Array,
  kind: DocumentKind | undefined,
  visibility: DocumentVisibility | undefined,
  ctx: DocumentCheckContext,
  before: readonly CdaProblem[] = [],
): DocumentCheckResult {
  // One scan for the long base64 texts, shared by the reader and the schema view.
  const tooLarge = bytes.byteLength > (ctx.maxBytes ?? DEFAULT_MAX_DOCUMENT_BYTES);
  const largeRuns = tooLarge ? [] : largeBase64Runs(bytes);
  const read = readCda(bytes, {
    largeRuns,
    ...(ctx.maxBytes !== undefined ? { maxBytes: ctx.maxBytes } : {}),
  });
  if (!read.ok) return result(file, kind ?? 'unknown', [...before, read.problem], null);
  const document = read.document;
  const zone = ctx.timeZone;
  const problems: CdaProblem[] = [
    ...before,
    ...checkCdaSchema(ctx.schema, bytes, largeRuns),
    ...checkCdaHeader(document, ctx.valueSets),
  ];
  const mapped = cdaToDocumentEntry(document, {
    bytes,
    ...(visibility ? { visibility } : {}),
    ...(zone ? { timeZone: zone } : {}),
  });
  problems.push(...mapped.problems);
  if (!mapped.entry && problems.every((p) => p.severity !== 'error')) {
    problems.push(
      cdaError(
        'CDA_METADATA_INCOMPLETE',
        document.root.path,
        `Les métadonnées DMP ne peuvent pas être établies : ${mapped.missing.join(', ')} manquant(s).`,
        'Complétez l’en-tête du document (identifiants des auteurs, codes) puis réexportez-le.',
      ),
    );
  }
  const metadata = reportMetadata(document, {
    ...(mapped.classCode ? { classCode: mapped.classCode } : {}),
    ...(mapped.formatCode ? { formatCode: mapped.formatCode } : {}),
    ...(visibility ? { visibility } : {}),
    ...(zone ? { timeZone: zone } : {}),
  });
  const replaced = replacedUniqueId(document.root);
  return result(file, kind ?? kindOf(document), problems, metadata, {
    ...(mapped.entry ? { entry: mapped.entry } : {}),
    cda: bytes,
    ...(visibility ? { visibility } : {}),
    ...(replaced === undefined ? {} : { replacedUniqueId: replaced }),
  });
}

function checkPdf(input: DocumentInput, ctx: DocumentCheckContext): DocumentCheckResult {
  if (input.sidecar === undefined) {
    return result(
      input.file,
      'pdf',
      [
        cdaError(
          'PDF_SIDECAR_MISSING',
          '/',
          'Le PDF n’est accompagné d’aucun fichier de métadonnées (.json du même nom).',
          'Déposez à côté du PDF un fichier .json de même nom décrivant le patient et le document (voir docs/documents.md).',
        ),
      ],
      null,
    );
  }
  const parsed = parseSidecar(input.sidecar);
  if (!parsed.ok) return result(input.file, 'pdf', parsed.problems, null);
  if (!ctx.cardHolder || !ctx.organization) {
    return result(
      input.file,
      'pdf',
      [
        cdaError(
          'PDF_CONTEXT_MISSING',
          '/',
          'La structure ou le professionnel émetteur ne sont pas configurés : impossible de constituer le document CDA.',
          'Renseignez la structure (identifiant, cadre d’exercice, secteur d’activité) et insérez la carte CPS.',
        ),
      ],
      null,
    );
  }
  const built = buildLevel1Cda({
    pdf: input.bytes,
    sidecar: parsed.sidecar,
    cardHolder: ctx.cardHolder,
    organization: ctx.organization,
    valueSets: ctx.valueSets,
    ...(ctx.now ? { now: ctx.now } : {}),
    ...(ctx.newUuid ? { newUuid: ctx.newUuid } : {}),
    ...(ctx.timeZone ? { timeZone: ctx.timeZone } : {}),
  });
  if (!built.ok) return result(input.file, 'pdf', built.problems, null);
  const visibility = parsed.sidecar.visibility;
  return checkCda(input.file, built.bytes, 'pdf', visibility, ctx);
}

/** Every check on one file, with the DocumentEntry and the bytes to send when it passes. */
export function checkDocument(
  input: DocumentInput,
  ctx: DocumentCheckContext,
): DocumentCheckResult {
  const pdf = isPdf(input.bytes);
  // Too large: readCda reports it before reading anything, whatever the file is.
  if (input.bytes.byteLength > (ctx.maxBytes ?? DEFAULT_MAX_DOCUMENT_BYTES)) {
    return checkCda(input.file, input.bytes, pdf ? 'pdf' : 'unknown', input.visibility, ctx);
  }
  if (pdf) return checkPdf(input, ctx);
  return checkCda(input.file, input.bytes, undefined, input.visibility, ctx);
}

/** The `navette validate --json` object of one file. */
export function validateDocument(
  input: DocumentInput,
  ctx: DocumentCheckContext,
): DocumentValidationReport {
  return checkDocument(input, ctx).report;
}
