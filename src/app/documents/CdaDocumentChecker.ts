// The DocumentChecker port (src/domain/ports/DocumentChecker.ts) over the real document checks
// (protocol/cda `checkDocument`): CI-SIS header rules, CDA schema, and the level-1 CDA built
// around a PDF from its sidecar. The intake and `navette send` ask it about each file.
//
// A PDF can only be wrapped when the card holder (author, legal authenticator) and the sending
// structure are known. Without them the verdict is `postponed`, not `rejected`: the document is
// fine, Navette is not ready (no card yet), and the intake tries again later.
import type { HolderIdentity } from '../../card/index.js';
import type {
  CheckProblem,
  DocumentCheckOutcome,
  DocumentChecker,
  DocumentToCheck,
} from '../../domain/ports/DocumentChecker.js';
import type { ReportProblem } from '../../domain/documents/validationReport.js';
import type { DocumentVisibility } from '../../domain/documents/visibility.js';
import type { CheckedDocuments } from './CheckedDocuments.js';
import {
  checkDocument,
  type CardHolder,
  type DocumentCheckContext,
  type SendingOrganization,
} from '../../protocol/cda/index.js';

/** The code checkDocument gives a PDF that cannot be wrapped for want of a card holder/structure. */
export const PDF_CONTEXT_MISSING = 'PDF_CONTEXT_MISSING';

export const PDF_CONTEXT_POSTPONED_REASON =
  'Le PDF ne peut pas encore être mis en forme : la carte CPS du professionnel ou la structure ne sont pas disponibles. Il sera repris automatiquement.';

/** Practice setting (JDV_J04) and facility type (JDV_J02) of a practice, used when none is set. */
export const DEFAULT_PRACTICE_SETTING = 'AMBULATOIRE';
export const DEFAULT_FACILITY_TYPE = 'SA07';

export interface CdaDocumentCheckerOptions {
  /** Value sets, schema and size limit (documentCheckContext). Its `now` is ignored: see below. */
  readonly context: DocumentCheckContext;
  /** Visibility of a CDA dropped without any (config documents.defaultVisibility). */
  readonly defaultVisibility?: DocumentVisibility;
  /** Clock of the PDF wrapping, read at each check (a long-running service). */
  readonly now?: () => Date;
  /** Where accepted documents' metadata is left for the sender of the same process. */
  readonly checked?: CheckedDocuments;
}

function problemOf(p: ReportProblem): CheckProblem {
  return { code: p.code, message: p.message, fix: p.fix, where: p.where };
}

export class CdaDocumentChecker implements DocumentChecker {
  private readonly now: () => Date;
  private context: DocumentCheckContext;

  constructor(private readonly options: CdaDocumentCheckerOptions) {
    this.now = options.now ?? (() => new Date());
    this.context = options.context;
  }

  /**
   * The card holder becomes known (a card inserted after the service started): PDFs postponed
   * for want of an author can now be wrapped, on their next check.
   */
  useCardHolder(holder: DocumentCheckContext['cardHolder']): void {
    const { cardHolder: _previous, ...rest } = this.context;
    this.context = holder === undefined ? rest : { ...rest, cardHolder: holder };
  }

  check(input: DocumentToCheck): DocumentCheckOutcome {
    const { defaultVisibility } = this.options;
    const result = checkDocument(
      {
        file: input.fileName,
        bytes: input.bytes,
        ...(input.sidecar === undefined ? {} : { sidecar: input.sidecar.text }),
        ...(defaultVisibility === undefined ? {} : { visibility: defaultVisibility }),
      },
      { ...this.context, now: this.now() },
    );
    const { report } = result;
    const metadata = report.metadata;
    const uniqueId = metadata?.uniqueId ?? null;
    if (!report.ok || result.cda === undefined || metadata === null || uniqueId === null) {
      if (report.errors.some((p) => p.code === PDF_CONTEXT_MISSING)) {
        return { verdict: 'postponed', reason: PDF_CONTEXT_POSTPONED_REASON };
      }
      const problems = report.errors.map(problemOf);
      return {
        verdict: 'rejected',
        problems:
          problems.length > 0
            ? problems
            : [
                {
                  code: 'CHECK_NO_IDENTIFIER',
                  message: 'Le document n’a pas pu être identifié (identifiant unique absent).',
                  fix: 'Vérifiez l’élément ClinicalDocument/id du document puis réexportez-le.',
                },
              ],
        kind: report.kind,
      };
    }
    // Not for a PDF: its CDA is built anew at each check (CheckedDocuments.ts).
    if (
      this.options.checked !== undefined &&
      input.contentHash !== undefined &&
      result.entry !== undefined &&
      report.kind !== 'pdf'
    ) {
      this.options.checked.remember(input.contentHash, {
        uniqueId,
        entry: result.entry,
        visibility: result.visibility,
        replacedUniqueId: result.replacedUniqueId,
      });
    }
    return {
      verdict: 'accepted',
      document: {
        uniqueId,
        kind: report.kind,
        ...(metadata.title === null ? {} : { title: metadata.title }),
        ...(metadata.setId === null ? {} : { setId: metadata.setId }),
        // A PDF's CDA is built with a fresh uniqueId: the outbox must keep these exact bytes.
        ...(report.kind === 'pdf' ? { payload: result.cda } : {}),
        ...(result.visibility === undefined ? {} : { visibility: result.visibility }),
        ...(report.warnings.length === 0 ? {} : { warnings: report.warnings.map(problemOf) }),
      },
    };
  }
}

/** The CDA author of a PDF's level-1 CDA, from the card's certificate (null when unknown). */
export function cardHolderOf(holder: HolderIdentity | null): CardHolder | undefined {
  if (holder === null || holder.family === null || holder.given === null) return undefined;
  const specialty = holder.specialties[0];
  return {
    idNatPs: holder.nationalId,
    family: holder.family,
    given: holder.given,
    // JDV_J01 spells a speciality `G15_<profession>/<TRE_R01 code>` (G15_10/SM54).
    ...(holder.professionCode === null || specialty === undefined
      ? {}
      : { specialty: { code: `G15_${holder.professionCode}/${specialty}` } }),
  };
}

/** The sending structure of a PDF's level-1 CDA, from the configuration (undefined when unset). */
export function sendingOrganizationOf(structure: {
  readonly id?: string | undefined;
  readonly name?: string | undefined;
}): SendingOrganization | undefined {
  if (structure.id === undefined || structure.name === undefined) return undefined;
  return {
    idNatStruct: structure.id,
    name: structure.name,
    practiceSetting: DEFAULT_PRACTICE_SETTING,
    facilityType: DEFAULT_FACILITY_TYPE,
  };
}
