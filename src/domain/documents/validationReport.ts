// The per-file verdict of `navette validate FILE... --json` (issue 5): one object per file, stable
// field names, `null` for what the document does not say (so the shape never changes).
import type { DocumentKind, DocumentProblem } from './documentProblem.js';

/** A coded value as the report shows it. */
export interface ReportCode {
  readonly code: string;
  readonly codeSystem: string;
  readonly displayName: string | null;
}

/** One problem as the report shows it: `where` is the element path (and line when known). */
export interface ReportProblem {
  readonly code: string;
  readonly message: string;
  readonly where: string;
  readonly fix: string;
  readonly line?: number;
  readonly column?: number;
}

export interface ReportPatient {
  /** The INS matricule (a patient identifier: shown to the user, never logged). */
  readonly ins: string | null;
  readonly insOid: string | null;
  /** Birth family name (qualifier BR), else the first family name. */
  readonly family: string | null;
  /** First birth given name (qualifier BR), else the first given name. */
  readonly given: string | null;
  /** HL7 TS as written in the document (`YYYYMMDD`). */
  readonly birthTime: string | null;
  /** Administrative gender code (F, M, UN). */
  readonly gender: string | null;
}

export interface ReportAuthor {
  readonly id: string | null;
  readonly idRoot: string | null;
  readonly family: string | null;
  readonly given: string | null;
  readonly specialty: ReportCode | null;
}

/** The XDS-relevant header values. Times are HL7 `YYYYMMDDHHMMSS` (or shorter) in UTC. */
export interface ReportMetadata {
  /** `root` or `root^extension`. */
  readonly uniqueId: string | null;
  readonly setId: string | null;
  readonly version: number | null;
  readonly title: string | null;
  readonly typeCode: ReportCode | null;
  readonly classCode: ReportCode | null;
  readonly formatCode: ReportCode | null;
  readonly creationTime: string | null;
  readonly serviceStartTime: string | null;
  readonly serviceStopTime: string | null;
  readonly confidentialityCode: readonly ReportCode[];
  readonly languageCode: string | null;
  readonly practiceSettingCode: ReportCode | null;
  readonly healthcareFacilityTypeCode: ReportCode | null;
  readonly patient: ReportPatient | null;
  readonly author: ReportAuthor | null;
}

export interface DocumentValidationReport {
  readonly file: string;
  /** True when no error was found (warnings allowed). */
  readonly ok: boolean;
  readonly kind: DocumentKind;
  readonly errors: readonly ReportProblem[];
  readonly warnings: readonly ReportProblem[];
  /** Null when the file could not be read as a CDA at all. */
  readonly metadata: ReportMetadata | null;
}

/** The report form of a problem. */
export function toReportProblem(p: DocumentProblem): ReportProblem {
  const where =
    p.line !== undefined
      ? `${p.element === '' ? '' : `${p.element}, `}ligne ${p.line}${p.column !== undefined ? `, colonne ${p.column}` : ''}`
      : p.element;
  return {
    code: p.code,
    message: p.message,
    where,
    fix: p.fix,
    ...(p.line !== undefined ? { line: p.line } : {}),
    ...(p.column !== undefined ? { column: p.column } : {}),
  };
}
