// What `navette journal` (and later the Journal screen) reads: the audit journal of one data
// folder, opened read-only so that a running service keeps writing while it is read, its chain
// verification in French, and a CSV export. The journal holds keyed patient references, never an
// INS: the export can leave the workstation for an audit without carrying identities.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { NavetteError } from '../../domain/errors/NavetteError.js';
import {
  AuditJournal,
  openDatabase,
  type AuditRecord,
  type AuditVerification,
} from '../../store/index.js';

/** The service's database file name (same as src/app/index.ts; not imported to avoid a cycle). */
const DATABASE_FILE = 'navette.db';

export interface JournalVerificationReport extends AuditVerification {
  /** French, one sentence: what was found and what to do. */
  readonly message: string;
}

export interface JournalQuery {
  readonly from?: Date;
  readonly to?: Date;
  readonly limit?: number;
  readonly offset?: number;
}

/** Thrown when the data folder has no database yet (nothing was ever journaled). */
export class JournalNotFoundError extends NavetteError {
  override readonly name = 'JournalNotFoundError';
  constructor(file: string) {
    super(
      'JOURNAL_NOT_FOUND',
      `Aucun journal dans « ${path.dirname(file)} » : Navette n'y a encore rien enregistré. ` +
        'Vérifiez le dossier de données (NAVETTE_HOME).',
      { file },
    );
  }
}

function withJournal<T>(dataDir: string, use: (journal: AuditJournal) => T): T {
  const file = path.join(dataDir, DATABASE_FILE);
  if (!existsSync(file)) throw new JournalNotFoundError(file);
  const db = openDatabase(file, { readonly: true });
  try {
    return use(new AuditJournal(db, () => new Date()));
  } finally {
    db.close();
  }
}

const PROBLEM_TEXT: Record<NonNullable<AuditVerification['problem']>, string> = {
  modified: 'une entrée a été modifiée',
  deleted: 'des entrées ont été supprimées',
  reordered: "l'ordre des entrées a été changé",
};

export function describeVerification(result: AuditVerification): string {
  if (result.ok) {
    return `Journal intact : ${result.checked} entrée(s) vérifiée(s), la chaîne est complète.`;
  }
  const what = result.problem === undefined ? 'la chaîne est rompue' : PROBLEM_TEXT[result.problem];
  const where =
    result.firstBadId === undefined ? '' : ` (à partir de l'entrée n° ${result.firstBadId})`;
  return (
    `Journal altéré : ${what}${where} après ${result.checked} entrée(s) intacte(s). ` +
    'Conservez une copie du fichier navette.db et prévenez le responsable de la sécurité du cabinet.'
  );
}

export function verifyJournal(dataDir: string): JournalVerificationReport {
  const result = withJournal(dataDir, (journal) => journal.verify());
  return { ...result, message: describeVerification(result) };
}

export function listJournal(dataDir: string, query: JournalQuery = {}): AuditRecord[] {
  return withJournal(dataDir, (journal) => journal.list(query));
}

const CSV_HEADER = [
  'n°',
  'date (UTC)',
  'acteur',
  'structure',
  'patient (référence)',
  'transaction',
  "mode d'accès",
  'résultat',
  'détails',
  'empreinte',
];

/** RFC 4180 field; a leading =, +, - or @ is neutralised so a spreadsheet never runs it. */
function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n;]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** CSV (comma-separated, CRLF, UTF-8 with BOM so spreadsheet software reads the accents). */
export function journalToCsv(records: readonly AuditRecord[]): string {
  const lines = [CSV_HEADER.map(csvField).join(',')];
  for (const r of records) {
    lines.push(
      [
        String(r.id),
        r.at,
        r.actor,
        r.structure ?? '',
        r.patientRef ?? '',
        r.transaction,
        r.accessMode ?? '',
        r.result,
        JSON.stringify(r.details),
        r.hash,
      ]
        .map(csvField)
        .join(','),
    );
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
