// `navette journal verify` and `navette journal list`: the audit journal of the data folder.
// verify walks the hash chain (exit 1 when an entry was modified, deleted or reordered); list
// prints entries by time, or writes them as CSV for an audit (patient references only, no INS).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { defaultAppPaths } from '../../app/config/index.js';
import { journalToCsv, listJournal, verifyJournal } from '../../app/journal/journalReport.js';
import { stringValue, type CommandDefinition, type OptionValues } from '../command.js';
import { CliUsageError, EXIT_FAILURE, EXIT_OK } from '../errors.js';
import type { CliIo } from '../io.js';
import { printJson } from '../output.js';

const SUBCOMMANDS = ['verify', 'list'] as const;

function dataDirOf(io: CliIo, values: OptionValues): string {
  return path.resolve(stringValue(values, 'data') ?? defaultAppPaths(io.env).dataDir);
}

/** A date (YYYY-MM-DD, local midnight) or a full ISO 8601 time. */
export function parseJournalDate(raw: string | undefined, option: string): Date | undefined {
  if (raw === undefined) return undefined;
  const value = /^\d{4}-\d{2}-\d{2}$/.test(raw) ? new Date(`${raw}T00:00:00`) : new Date(raw);
  if (Number.isNaN(value.getTime())) {
    throw new CliUsageError(
      `Date illisible pour --${option} : « ${raw} ». Format attendu : AAAA-MM-JJ.`,
    );
  }
  return value;
}

function parseLimit(raw: string | undefined): number {
  if (raw === undefined) return 1000;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 10_000) {
    throw new CliUsageError(`--limit doit être un nombre entier de 1 à 10000 (reçu « ${raw} »).`);
  }
  return n;
}

export const journalCommand: CommandDefinition = {
  name: 'journal',
  summary: "Vérifie ou exporte le journal d'audit (chaîne d'empreintes)",
  usage:
    'navette journal verify [--data DOSSIER] | navette journal list [--from DATE] [--to DATE] [--limit N] [--csv FICHIER]',
  positionals: true,
  options: {
    data: {
      type: 'string',
      valueName: 'DOSSIER',
      description: 'Dossier de données de Navette (celui du service)',
    },
    from: { type: 'string', valueName: 'DATE', description: 'Entrées à partir de cette date' },
    to: { type: 'string', valueName: 'DATE', description: 'Entrées avant cette date' },
    limit: { type: 'string', valueName: 'N', description: "Nombre maximal d'entrées (1000)" },
    csv: {
      type: 'string',
      valueName: 'FICHIER',
      description: 'Écrit les entrées dans ce fichier CSV',
    },
  },
  run({ io, json, values, positionals }) {
    const sub = positionals[0];
    if (sub === undefined || !(SUBCOMMANDS as readonly string[]).includes(sub)) {
      throw new CliUsageError(
        `Précisez l'action : « navette journal verify » ou « navette journal list ».`,
      );
    }
    const dataDir = dataDirOf(io, values);
    if (sub === 'verify') {
      const result = verifyJournal(dataDir);
      if (json) printJson(io, result);
      else io.out(result.message);
      return Promise.resolve(result.ok ? EXIT_OK : EXIT_FAILURE);
    }
    const from = parseJournalDate(stringValue(values, 'from'), 'from');
    const to = parseJournalDate(stringValue(values, 'to'), 'to');
    const records = listJournal(dataDir, {
      ...(from === undefined ? {} : { from }),
      ...(to === undefined ? {} : { to }),
      limit: parseLimit(stringValue(values, 'limit')),
    });
    const csv = stringValue(values, 'csv');
    if (csv !== undefined) {
      writeFileSync(csv, journalToCsv(records), { mode: 0o600 });
      if (json) printJson(io, { file: path.resolve(csv), entries: records.length });
      else io.out(`${records.length} entrée(s) écrite(s) dans « ${csv} ».`);
    } else if (json) {
      for (const record of records) printJson(io, record);
    } else {
      for (const r of records) {
        io.out(
          `${r.id}\t${r.at}\t${r.transaction}\t${r.result}\t${r.accessMode ?? ''}\t${r.actor}`,
        );
      }
      if (records.length === 0) io.out('Aucune entrée pour cette période.');
    }
    return Promise.resolve(EXIT_OK);
  },
};
