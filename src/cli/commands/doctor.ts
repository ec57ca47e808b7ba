// `navette doctor`: every check Navette can make, each with a French verdict and, for each
// failure, what to do. Exit code 1 when one check fails. The PIN is asked only with --pin.
import { runDoctor, type DoctorCheck, type DoctorReport } from '../../app/dmp/index.js';
import { booleanValue, stringValue, type CommandDefinition } from '../command.js';
import { CARD_OPTION, CONFIG_OPTION, loadCliConfig } from '../cliConfig.js';
import { EXIT_FAILURE, EXIT_OK } from '../errors.js';
import { printJson } from '../output.js';
import { cliPinSource } from '../pinPrompt.js';

const MARK: Readonly<Record<DoctorCheck['status'], string>> = {
  ok: '[OK]        ',
  warn: '[ATTENTION] ',
  fail: '[ÉCHEC]     ',
  skip: '[NON FAIT]  ',
};

export function doctorLines(report: DoctorReport): string[] {
  const lines = [
    `Diagnostic de Navette — DMP ${report.endpoint}, authentification ${report.authMode === 'direct' ? 'directe (carte)' : 'indirecte (certificat de structure)'}`,
  ];
  for (const c of report.checks) {
    lines.push(`${MARK[c.status]}${c.title} : ${c.verdict}`);
    if (c.fix !== undefined) lines.push(`             À faire : ${c.fix}`);
  }
  const failures = report.checks.filter((c) => c.status === 'fail').length;
  lines.push(
    failures === 0 ? 'Aucun problème bloquant détecté.' : `${failures} problème(s) à corriger.`,
  );
  return lines;
}

export const doctorCommand: CommandDefinition = {
  name: 'doctor',
  summary: 'Vérifie la carte, les certificats, la configuration, l’horloge et la connexion au DMP',
  usage: 'navette doctor [--pin] [--card LIBELLÉ] [--config FICHIER] [--json]',
  options: {
    pin: {
      type: 'boolean',
      description:
        'Vérifie aussi le code porteur et la connexion authentifiée avec la carte (demande le code)',
    },
    card: CARD_OPTION,
    config: CONFIG_OPTION,
  },
  async run({ io, json, values }) {
    const { config, problems } = loadCliConfig(io, stringValue(values, 'config'));
    const label = stringValue(values, 'card');
    const report = await runDoctor({
      config,
      problems,
      env: io.env,
      ...(label === undefined ? {} : { cardLabel: label }),
      ...(booleanValue(values, 'pin') ? { pin: cliPinSource(io) } : {}),
    });
    if (json) printJson(io, report);
    else for (const line of doctorLines(report)) io.out(line);
    return report.ok ? EXIT_OK : EXIT_FAILURE;
  },
};
