// `navette validate FILE... [--json]`: runs the document checks of the sending path on files and
// sends nothing. With --json, a JSON array with one report per file (docs/documents.md); without,
// a French summary per file. Exit code 0 when every file is ok, 1 otherwise.
import { validateFiles } from '../../app/documents/index.js';
import type { DocumentValidationReport } from '../../domain/documents/validationReport.js';
import { CONFIG_OPTION, loadCliConfig, warnConfigProblems } from '../cliConfig.js';
import { stringValue, type CommandDefinition } from '../command.js';
import { CliUsageError, EXIT_FAILURE, EXIT_OK } from '../errors.js';
import type { CliIo } from '../io.js';

function printHuman(io: CliIo, report: DocumentValidationReport): void {
  io.err(
    report.ok ? `✓ ${report.file} : conforme (${report.kind})` : `✗ ${report.file} : non conforme`,
  );
  for (const e of report.errors)
    io.err(`    erreur ${e.code} (${e.where}) : ${e.message} → ${e.fix}`);
  for (const w of report.warnings)
    io.err(`    attention ${w.code} (${w.where}) : ${w.message} → ${w.fix}`);
}

export const validateCommand: CommandDefinition = {
  name: 'validate',
  summary: 'Vérifie des documents (CDA, PDF avec leur fichier .json) sans rien envoyer',
  usage: 'navette validate FICHIER... [--json] [--config FICHIER]',
  positionals: true,
  options: { config: CONFIG_OPTION },
  // Reading files and checking them is synchronous; the signature wants a promise.
  run({ io, json, values, positionals }) {
    if (positionals.length === 0) {
      throw new CliUsageError(
        'Indiquez au moins un fichier à vérifier : navette validate FICHIER...',
      );
    }
    const { config, problems } = loadCliConfig(io, stringValue(values, 'config'));
    warnConfigProblems(io, problems);
    const reports = validateFiles(positionals, { maxSizeMb: config.documents.maxSizeMb });
    if (json) io.out(JSON.stringify(reports));
    else for (const report of reports) printHuman(io, report);
    return Promise.resolve(reports.every((r) => r.ok) ? EXIT_OK : EXIT_FAILURE);
  },
};
