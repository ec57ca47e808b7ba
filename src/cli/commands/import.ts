// `navette import --ins INS [--since DATE] [--document UNIQUEID]...`: imports the patient's DMP
// documents into the import folder (docs/import.md) — every approved document not imported yet,
// those created since a day, or the given ones — never the same one twice. With --json, one
// object `{ folder, imported, skipped, failed }`. Exit code 0 when no document failed.
//
// `navette import follow --ins INS` / `unfollow --ins INS`: the patient's new documents are (no
// longer) imported automatically by the service (`import.autoImport`). `navette import followed`
// lists the followed patients. These three touch only the data folder: no card, no PIN.
import { importNow, listFollowed, setFollowed } from '../../app/import/index.js';
import type { Ins } from '../../domain/ins/ins.js';
import { CARD_OPTION, CONFIG_OPTION, loadCliConfig, warnConfigProblems } from '../cliConfig.js';
import { stringValue, stringValues, type CommandDefinition } from '../command.js';
import { CliUsageError, EXIT_FAILURE, EXIT_OK } from '../errors.js';
import type { CliIo } from '../io.js';
import { printJson } from '../output.js';
import { cliPinSource } from '../pinPrompt.js';
import { insOf } from './status.js';

const SUBCOMMANDS = ['follow', 'unfollow', 'followed'] as const;

function sinceOf(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const day = raw.trim();
  const date = new Date(`${day}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(date.getTime())) {
    throw new CliUsageError(
      `Date illisible : « ${raw} ». Attendu : AAAA-MM-JJ, par exemple 2026-01-31.`,
    );
  }
  return day;
}

function requireIns(values: Parameters<CommandDefinition['run']>[0]['values']): string {
  const raw = stringValue(values, 'ins');
  if (raw === undefined) throw new CliUsageError('Indiquez l’INS du patient avec --ins INS.');
  return raw;
}

function patientText(ins: Ins): string {
  return `patient ${ins.matricule}`;
}

function printImport(io: CliIo, report: Awaited<ReturnType<typeof importNow>>): void {
  for (const d of report.imported) io.out(`✓ ${d.fileName}`);
  for (const d of report.failed) io.out(`✗ document ${d.uniqueId} : ${d.code} : ${d.message}`);
  io.out(
    `${report.imported.length} document(s) importé(s) dans « ${report.folder} », ` +
      `${report.skipped.length} déjà importé(s), ${report.failed.length} en échec.`,
  );
}

export const importCommand: CommandDefinition = {
  name: 'import',
  summary: "Importe les documents du DMP d'un patient dans le dossier d'import (jamais deux fois)",
  usage:
    'navette import --ins INS [--since AAAA-MM-JJ] [--document IDENTIFIANT]... [--ins-type TYPE] [--card LIBELLÉ] [--config FICHIER] [--json] | navette import follow|unfollow --ins INS | navette import followed',
  positionals: true,
  options: {
    ins: {
      type: 'string',
      valueName: 'INS',
      description:
        'INS du patient : matricule (15 caractères) ou forme « matricule^^^&OID&ISO^NH »',
    },
    'ins-type': {
      type: 'string',
      valueName: 'TYPE',
      description:
        "Type d'INS du matricule : NIR, NIA, NIR_TEST ou NIR_DEMO (par défaut NIR, ou NIR_TEST avec le DMP de test local)",
    },
    since: {
      type: 'string',
      valueName: 'AAAA-MM-JJ',
      description: 'Seulement les documents créés depuis ce jour',
    },
    document: {
      type: 'string',
      multiple: true,
      valueName: 'IDENTIFIANT',
      description: 'Seulement ce document (son identifiant unique) ; peut être répété',
    },
    card: CARD_OPTION,
    config: CONFIG_OPTION,
  },
  async run({ io, json, values, positionals }) {
    const sub = positionals[0];
    if (sub !== undefined && !(SUBCOMMANDS as readonly string[]).includes(sub)) {
      throw new CliUsageError(
        `Action inconnue : « ${sub} ». Possibles : « navette import --ins INS », « navette import follow --ins INS », « navette import unfollow --ins INS », « navette import followed ».`,
      );
    }
    const { config, problems } = loadCliConfig(io, stringValue(values, 'config'));
    warnConfigProblems(io, problems);
    if (sub === 'followed') {
      const patients = listFollowed({ env: io.env });
      if (json) printJson(io, { patients });
      else if (patients.length === 0) io.out('Aucun patient suivi.');
      else
        for (const p of patients) {
          io.out(
            `${p.matricule}\tsuivi depuis ${p.followedSince}\tdernier import ${p.lastChecked ?? 'jamais'}`,
          );
        }
      return EXIT_OK;
    }
    const ins = insOf(requireIns(values), stringValue(values, 'ins-type'), config);
    if (sub === 'follow' || sub === 'unfollow') {
      const result = setFollowed(ins, sub === 'follow', { env: io.env });
      if (json) printJson(io, { followed: result.followed });
      else if (result.followed) {
        io.out(
          `Les nouveaux documents du ${patientText(ins)} seront importés automatiquement` +
            (config.import.autoImport
              ? '.'
              : ' dès que l’import automatique sera activé (réglage import.autoImport).'),
        );
      } else io.out(`Les documents du ${patientText(ins)} ne sont plus importés automatiquement.`);
      return EXIT_OK;
    }
    const since = sinceOf(stringValue(values, 'since'));
    const documents = stringValues(values, 'document');
    if (since !== undefined && documents.length > 0) {
      throw new CliUsageError('Choisissez --since ou --document, pas les deux.');
    }
    const cardLabel = stringValue(values, 'card');
    const report = await importNow(
      ins,
      documents.length > 0 ? { uniqueIds: documents } : since !== undefined ? { since } : {},
      { mode: 'normal' },
      {
        config,
        env: io.env,
        pin: cliPinSource(io),
        ...(cardLabel === undefined ? {} : { cardLabel }),
      },
    );
    if (json) printJson(io, report);
    else printImport(io, report);
    return report.failed.length === 0 ? EXIT_OK : EXIT_FAILURE;
  },
};
