// The reason file written beside a document in error/: `<document name>.erreur.txt`, in French,
// for the secretary or the doctor who opens the folder: what is wrong, what to do. UTF-8 with a
// byte-order mark and CRLF line ends, so that every Windows editor shows the accents right.
import type { CheckProblem } from '../domain/ports/DocumentChecker.js';

/** Why a document ended in error/ (decides the summary line and the advice). */
export type ReasonCause =
  /** The checks refused it before anything was sent. */
  | 'checks'
  /** The DMP refused it. */
  | 'dmp'
  /** The DMP could not be reached within the retry budget. */
  | 'failed'
  /** Another document with the same uniqueId and other content went before it. */
  | 'conflict'
  /** It is identical to a document dropped earlier, which was refused or failed. */
  | 'duplicate';

export interface Reason {
  readonly cause: ReasonCause;
  /** French, one sentence: the main reason (first problem, DMP answer, last failure). */
  readonly summary: string;
  readonly problems: readonly CheckProblem[];
  /** The file as dropped. */
  readonly fileName: string;
  /** The watched folder to drop the fixed document into. */
  readonly folder: string;
  readonly at: Date;
  /** Outbox row id and uniqueId, for support. */
  readonly itemId?: number;
  readonly uniqueId?: string;
  readonly attempts?: number;
  /** For a duplicate: the file name of the earlier document. */
  readonly originalFileName?: string;
}

const HEADLINES: Record<ReasonCause, string> = {
  checks: "Navette n'a pas envoyé ce document au DMP : il ne passe pas les vérifications.",
  dmp: 'Le DMP a refusé ce document.',
  failed: "Navette n'a pas réussi à joindre le DMP pour envoyer ce document.",
  conflict: "Navette n'a pas envoyé ce document au DMP : son identifiant est déjà utilisé.",
  duplicate:
    "Navette n'a pas envoyé ce document au DMP : il est identique à un document déposé " +
    'auparavant, qui a été refusé.',
};

function advice(reason: Reason): string[] {
  const dropAgain =
    `déposez-le à nouveau dans le dossier « ${reason.folder} ». Navette le reprendra ` +
    'automatiquement (le même nom de fichier est accepté).';
  switch (reason.cause) {
    case 'failed':
      return [
        'Vérifiez la connexion à Internet, la carte CPS (insérée, code porteur saisi) et, si le ' +
          "problème persiste, l'état du service DMP.",
        `Ensuite, ${dropAgain}`,
      ];
    case 'conflict':
      return [
        'Pour remplacer un document déjà envoyé, exportez-en une nouvelle version depuis votre ' +
          'logiciel (nouvel identifiant, même setId), puis ' +
          dropAgain.replace(/^déposez-le/, 'déposez-la'),
      ];
    default:
      return [
        'Corrigez le document (ou faites-le corriger dans votre logiciel métier), puis ' +
          dropAgain,
      ];
  }
}

const DATE_FORMAT = new Intl.DateTimeFormat('fr-FR', {
  dateStyle: 'long',
  timeStyle: 'short',
  timeZone: 'Europe/Paris',
});

/** The text of the reason file (lines without their end; see `reasonFileBytes`). */
export function reasonLines(reason: Reason): string[] {
  const lines = [HEADLINES[reason.cause], ''];
  lines.push(`Fichier : ${reason.fileName}`);
  lines.push(`Date : ${DATE_FORMAT.format(reason.at)}`);
  if (reason.originalFileName !== undefined) {
    lines.push(`Document identique déposé auparavant : ${reason.originalFileName}`);
  }
  if (reason.attempts !== undefined && reason.cause === 'failed') {
    lines.push(`Tentatives d'envoi : ${reason.attempts}`);
  }
  lines.push(`Motif : ${reason.summary}`);
  const [only] = reason.problems;
  if (reason.problems.length === 1 && only !== undefined && only.message === reason.summary) {
    // One problem, already stated as the reason: only where it is and what to do remain.
    if (only.where !== undefined && only.where !== '') lines.push(`Où : ${only.where}`);
    if (only.fix !== undefined && only.fix !== '') lines.push(`Que faire : ${only.fix}`);
    lines.push('');
  } else if (reason.problems.length > 0) {
    const n = reason.problems.length;
    lines.push('', n === 1 ? 'Ce qui ne va pas :' : `Ce qui ne va pas (${n}) :`);
    reason.problems.forEach((p, i) => {
      lines.push(`  ${i + 1}. ${p.message}`);
      if (p.where !== undefined && p.where !== '') lines.push(`     Où : ${p.where}`);
      if (p.fix !== undefined && p.fix !== '') lines.push(`     Que faire : ${p.fix}`);
    });
    lines.push('');
  } else {
    lines.push('');
  }
  lines.push('Que faire ensuite :');
  for (const line of advice(reason)) lines.push(`  ${line}`);
  lines.push("  Ce fichier d'explication peut ensuite être supprimé.", '');
  const ref = [
    reason.itemId !== undefined ? `n° ${reason.itemId}` : undefined,
    reason.uniqueId !== undefined ? `identifiant ${reason.uniqueId}` : undefined,
    `code ${reason.problems[0]?.code ?? reason.cause}`,
  ].filter((x) => x !== undefined);
  lines.push(`Référence pour le support : ${ref.join(', ')}`);
  return lines;
}

/** The reason file's bytes: UTF-8 BOM, CRLF line ends. */
export function reasonFileText(reason: Reason): string {
  return `\uFEFF${reasonLines(reason).join('\r\n')}\r\n`;
}
