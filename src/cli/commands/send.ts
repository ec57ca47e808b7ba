// `navette send FICHIER... [--json] [--config FICHIER] [--card LIBELLÉ]`: sends documents to the
// DMP now, through the send path of the export folders (checks, TD0.2, TD2.1 with the lot
// signature, audit journal), without the outbox. With --json, a JSON array with one object per
// file `{ file, status, uniqueId, entryUUID, dmpStatus, error }`; without, a French line per
// file. Exit code 0 when every file was sent, 1 otherwise.
import { sendFiles, type SentFileReport } from '../../app/sending/sendFiles.js';
import { CARD_OPTION, CONFIG_OPTION, loadCliConfig, warnConfigProblems } from '../cliConfig.js';
import { stringValue, type CommandDefinition } from '../command.js';
import { CliUsageError, EXIT_FAILURE, EXIT_OK } from '../errors.js';
import type { CliIo } from '../io.js';
import { cliPinSource } from '../pinPrompt.js';

const STATUS_TEXT: Readonly<Record<SentFileReport['status'], string>> = {
  sent: 'envoyé',
  refused: 'refusé',
  failed: 'non envoyé (erreur temporaire, réessayez plus tard)',
};

function printHuman(io: CliIo, r: SentFileReport): void {
  io.out(`${r.status === 'sent' ? '✓' : '✗'} ${r.file} : ${STATUS_TEXT[r.status]}`);
  if (r.status === 'sent') {
    io.out(`    document ${r.uniqueId ?? '?'} enregistré dans le DMP (${r.entryUUID ?? '?'})`);
  }
  if (r.error !== null) {
    io.out(`    ${r.error.code} : ${r.error.message}`);
    if (r.error.fix !== undefined) io.out(`    Que faire : ${r.error.fix}`);
  }
}

export const sendCommand: CommandDefinition = {
  name: 'send',
  summary: 'Envoie tout de suite des documents au DMP (CDA, PDF avec leur fichier .json)',
  usage: 'navette send FICHIER... [--json] [--card LIBELLÉ] [--config FICHIER]',
  positionals: true,
  options: { card: CARD_OPTION, config: CONFIG_OPTION },
  async run({ io, json, values, positionals }) {
    if (positionals.length === 0) {
      throw new CliUsageError('Indiquez au moins un fichier à envoyer : navette send FICHIER...');
    }
    const { config, problems } = loadCliConfig(io, stringValue(values, 'config'));
    warnConfigProblems(io, problems);
    const cardLabel = stringValue(values, 'card');
    const reports = await sendFiles(positionals, {
      config,
      env: io.env,
      pin: cliPinSource(io),
      ...(cardLabel === undefined ? {} : { cardLabel }),
    });
    if (json) io.out(JSON.stringify(reports));
    else for (const r of reports) printHuman(io, r);
    return reports.every((r) => r.status === 'sent') ? EXIT_OK : EXIT_FAILURE;
  },
};
