// A checker at the DocumentChecker port for intake tests. Test documents are tiny text files:
//   <doc uniqueId="1.2.3^42" title="Compte rendu"/>   accepted with that uniqueId
//   anything containing INVALIDE                       rejected (one French problem)
//   anything, while `postponeAll` is set                postponed
//   %PDF-…                                             needs a sidecar {"title": …}; accepted with
//                                                      a payload and a fresh uniqueId per check,
//                                                      as the real level-1 wrapping does
import type {
  DocumentCheckOutcome,
  DocumentChecker,
  DocumentToCheck,
} from '../../../../src/domain/ports/DocumentChecker.js';

export class FakeDocumentChecker implements DocumentChecker {
  readonly checked: DocumentToCheck[] = [];
  private wraps = 0;
  /** When set, check() waits for this promise first (to stop "mid-check" in crash tests). */
  gate: Promise<void> | undefined;
  /** When set, every document is postponed with this reason. */
  postponeAll: string | undefined;

  async check(input: DocumentToCheck): Promise<DocumentCheckOutcome> {
    this.checked.push(input);
    if (this.gate !== undefined) await this.gate;
    const text = new TextDecoder().decode(input.bytes);
    if (this.postponeAll !== undefined) return { verdict: 'postponed', reason: this.postponeAll };
    if (text.startsWith('%PDF-')) return this.checkPdf(input);
    if (text.includes('INVALIDE')) {
      return {
        verdict: 'rejected',
        kind: 'cda-n3',
        problems: [
          {
            code: 'CDA_INS_KEY',
            message: "La clé de l'INS du patient est fausse.",
            fix: "Vérifiez l'INS dans le dossier du patient puis réexportez le document.",
            where: '/ClinicalDocument/recordTarget/patientRole/id[2]',
          },
        ],
      };
    }
    const uniqueId = /uniqueId="([^"]+)"/.exec(text)?.[1];
    if (uniqueId === undefined) {
      return {
        verdict: 'rejected',
        kind: 'unknown',
        problems: [{ code: 'NOT_A_CDA', message: "Ce fichier n'est pas un document CDA." }],
      };
    }
    const title = /title="([^"]+)"/.exec(text)?.[1];
    return {
      verdict: 'accepted',
      document: { uniqueId, kind: 'cda-n3', ...(title === undefined ? {} : { title }) },
    };
  }

  private checkPdf(input: DocumentToCheck): DocumentCheckOutcome {
    if (input.sidecar === undefined) {
      return {
        verdict: 'rejected',
        kind: 'pdf',
        problems: [
          {
            code: 'PDF_SIDECAR_MISSING',
            message: 'Le PDF n’est accompagné d’aucun fichier de métadonnées (.json du même nom).',
            fix: 'Déposez à côté du PDF un fichier .json de même nom.',
          },
        ],
      };
    }
    const meta = JSON.parse(input.sidecar.text) as { title?: string };
    this.wraps += 1;
    const uniqueId = `2.25.${Date.now()}${this.wraps}`;
    const payload = new TextEncoder().encode(
      `<doc uniqueId="${uniqueId}" wraps="${input.fileName}"/>`,
    );
    return {
      verdict: 'accepted',
      document: {
        uniqueId,
        kind: 'pdf',
        payload,
        ...(meta.title === undefined ? {} : { title: meta.title }),
      },
    };
  }
}

/** A test CDA with this uniqueId. */
export function fakeCda(uniqueId: string, extra = ''): string {
  return `<doc uniqueId="${uniqueId}" title="Compte rendu ${uniqueId}"/>${extra}\n`;
}
