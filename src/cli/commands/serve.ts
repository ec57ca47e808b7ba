// `navette serve`: the headless service. Prints one JSON line on stdout when ready (for scripts
// and tests) and a French line on stderr (for people); drains and exits 0 on SIGINT/SIGTERM.
import { startService, type ServiceOptions } from '../../app/index.js';
import { DEMO_LABEL } from '../../api/mode.js';
import { booleanValue, stringValue, stringValues, type CommandDefinition } from '../command.js';
import { EXIT_FAILURE, EXIT_OK } from '../errors.js';
import { parsePort } from '../ports.js';
import type { TerminationSignal } from '../io.js';
import { describeError, printJson } from '../output.js';

export const serveCommand: CommandDefinition = {
  name: 'serve',
  summary: 'Démarre le service Navette (API locale et interface web sur 127.0.0.1)',
  usage:
    'navette serve [--port N] [--data DOSSIER] [--config FICHIER] [--demo] [--watch DOSSIER]...',
  options: {
    port: {
      type: 'string',
      valueName: 'N',
      description: 'Port local (7411 par défaut ; 0 choisit un port libre)',
    },
    data: {
      type: 'string',
      valueName: 'DOSSIER',
      description: 'Dossier de données de Navette (base de données, journaux)',
    },
    config: {
      type: 'string',
      valueName: 'FICHIER',
      description: 'Fichier de réglages utilisateur à utiliser',
    },
    demo: { type: 'boolean', description: `Mode démonstration (${DEMO_LABEL})` },
    watch: {
      type: 'string',
      multiple: true,
      valueName: 'DOSSIER',
      description: "Dossier d'export à surveiller (option répétable)",
    },
  },
  async run({ io, values }) {
    const port = parsePort(stringValue(values, 'port'));
    const data = stringValue(values, 'data');
    const config = stringValue(values, 'config');
    const watch = stringValues(values, 'watch');
    const opts: ServiceOptions = {
      env: io.env,
      ...(port === undefined ? {} : { port }),
      ...(data === undefined ? {} : { dataDir: data }),
      ...(config === undefined ? {} : { configFile: config }),
      ...(booleanValue(values, 'demo') ? { demo: true } : {}),
      ...(watch.length === 0 ? {} : { watch }),
    };

    // Listen before starting, so a signal during start-up is not lost.
    let reason: TerminationSignal | 'fatal' | undefined;
    let wake: ((why: TerminationSignal | 'fatal') => void) | undefined;
    const stopOn = (why: TerminationSignal | 'fatal'): void => {
      if (reason !== undefined) {
        io.err('Arrêt de Navette en cours, patientez…');
        return;
      }
      reason = why;
      wake?.(why);
    };
    const stopSignals = io.onSignal(stopOn);
    let stopReload: (() => void) | undefined;
    // A bug must not leave a half-working service behind: say it, drain, exit non-zero.
    const stopFatal = io.onFatal((error) => {
      io.err(`navette : ${describeError(error).message}`);
      stopOn('fatal');
    });
    try {
      const service = await startService(opts);
      const report = service.health();
      printJson(io, {
        event: 'ready',
        url: service.url,
        // The web UI with this run's session token in the fragment: for the person who started
        // the service (stdout and the terminal), never written to the log.
        uiUrl: service.uiUrl,
        port: service.port,
        demo: service.demo,
        mode: report.mode,
        modeLabel: report.modeLabel,
        pid: process.pid,
      });
      for (const problem of report.configProblems) {
        io.err(
          `Attention : ${problem.message} (fichier « ${problem.file} », paramètre « ${problem.field} »)`,
        );
      }
      stopReload = io.onReload?.(() => {
        const reload = service.reloadConfig();
        io.err(
          reload.problems.length === 0
            ? 'Configuration relue.'
            : `Configuration relue : ${reload.problems.length} réglage(s) incorrect(s), les dernières valeurs valides restent appliquées.`,
        );
        for (const problem of reload.problems) io.err(`Attention : ${problem.message}`);
      });
      if (service.demoExportDir !== undefined) {
        io.err(
          `${DEMO_LABEL} : déposez des documents dans ${service.demoExportDir} pour les envoyer au DMP de test intégré.`,
        );
      }
      const demoNote = service.demo ? ` — ${DEMO_LABEL}` : '';
      io.err(`Navette est prêt sur ${service.url}${demoNote}. Ctrl+C pour arrêter.`);
      io.err(
        `Ouvrez l'interface dans votre navigateur : ${service.uiUrl} (adresse personnelle, valable jusqu'à l'arrêt : ne la partagez pas).`,
      );

      const why = reason ?? (await new Promise<TerminationSignal | 'fatal'>((r) => (wake = r)));
      io.err('Arrêt de Navette…');
      await service.stop(why);
      printJson(io, { event: 'stopped', reason: why });
      io.err('Navette est arrêté.');
      return why === 'fatal' ? EXIT_FAILURE : EXIT_OK;
    } finally {
      stopSignals();
      stopReload?.();
      stopFatal();
    }
  },
};
