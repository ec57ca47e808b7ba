// What a document check reports, in the words the user sees. Shared by every layer that shows a
// verdict on a document (CLI `navette validate`, the intake's error/ reason files, the batch
// pre-flight): the checks themselves live in protocol/cda, the shapes live here so api and cli
// can carry them without depending on protocol.

export type ProblemSeverity = 'error' | 'warning';

/** One thing wrong (or doubtful) with a document. */
export interface DocumentProblem {
  /** Stable code (tests, logs, the API and documentation key on it; never reword one). */
  readonly code: string;
  readonly severity: ProblemSeverity;
  /** XPath-like location of the element (`/ClinicalDocument/recordTarget/patientRole/id[2]`). */
  readonly element: string;
  /** French: what is wrong. */
  readonly message: string;
  /** French: what to do about it. */
  readonly fix: string;
  /** 1-based line and column in the file, when known (XML syntax and schema errors). */
  readonly line?: number;
  readonly column?: number;
}

/** What a file turned out to be. */
export type DocumentKind = 'cda-n1' | 'cda-n3' | 'pdf' | 'unknown';

/** Errors first, then warnings; the order of discovery is kept inside each group. */
export function splitProblems(problems: readonly DocumentProblem[]): {
  errors: DocumentProblem[];
  warnings: DocumentProblem[];
} {
  return {
    errors: problems.filter((p) => p.severity === 'error'),
    warnings: problems.filter((p) => p.severity === 'warning'),
  };
}
