// `navette open --ins INS` and `navette open navette://patient/<INS>`: what clinical software
// calls to show a patient's DMP. The desktop application receives the same link through its URL
// scheme; the headless service has no window, so this prints the address of the patient view in
// the running service, with the run's UI token in the fragment (read from the service's runtime
// file `<data>/ui-session.json`) so that a new browser tab opens logged in. Checked: it says so
// when Navette is not started.
import path from 'node:path';
import { patientViewFragment } from '../../api/patientView.js';
import { defaultAppPaths } from '../../app/config/index.js';
import { readUiSessionFile } from '../../app/service/uiSession.js';
import {
  formatPatientLink,
  parsePatientLink,
  type PatientLink,
} from '../../domain/links/patientLink.js';
import { isNavetteError } from '../../domain/errors/NavetteError.js';
import { CONFIG_OPTION, loadCliConfig, warnConfigProblems } from '../cliConfig.js';
import { stringValue, type CommandDefinition } from '../command.js';
import { CliUsageError, EXIT_FAILURE, EXIT_OK } from '../errors.js';
import { printJson } from '../output.js';
import { parsePort } from '../ports.js';
import { insOf } from './status.js';

async function serviceAnswers(base: string): Promise<boolean> {
  try {
    const response = await fetch(new URL('/health', base), { signal: AbortSignal.timeout(3000) });
    await response.body?.cancel();
    return response.ok || response.status === 503;
  } catch {
    return false;
  }
}

export const openCommand: CommandDefinition = {
  name: 'open',
  summary: "Ouvre le DMP d'un patient dans Navette (depuis votre logiciel)",
  usage: 'navette open --ins INS [--ins-type TYPE] [--port N] | navette open navette://patient/INS',
  positionals: true,
  options: {
    ins: { type: 'string', valueName: 'INS', description: 'INS du patient (15 caractères)' },
    'ins-type': {
      type: 'string',
      valueName: 'TYPE',
      description: "Type d'INS : NIR, NIA, NIR_TEST, NIR_DEMO",
    },
    port: {
      type: 'string',
      valueName: 'N',
      description: 'Port du service Navette (réglage par défaut)',
    },
    config: CONFIG_OPTION,
  },
  async run({ io, json, values, positionals }) {
    const { config, problems } = loadCliConfig(io, stringValue(values, 'config'));
    warnConfigProblems(io, problems);
    const rawIns = stringValue(values, 'ins');
    let link: PatientLink;
    if (positionals[0] !== undefined) {
      if (rawIns !== undefined)
        throw new CliUsageError('Donnez soit --ins, soit un lien navette://, pas les deux.');
      try {
        link = parsePatientLink(positionals[0]);
      } catch (error) {
        throw new CliUsageError(isNavetteError(error) ? error.message : 'Lien patient illisible.');
      }
    } else if (rawIns !== undefined) {
      const ins = insOf(rawIns, stringValue(values, 'ins-type'), config);
      link = { matricule: ins.matricule, oid: ins.oid };
    } else {
      throw new CliUsageError("Indiquez l'INS du patient : navette open --ins INS.");
    }
    const dataDir = path.resolve(stringValue(values, 'data') ?? defaultAppPaths(io.env).dataDir);
    const running = readUiSessionFile(dataDir);
    const asked = parsePort(stringValue(values, 'port'));
    const port = asked ?? (running === undefined ? config.server.port : new URL(running.url).port);
    const base = `http://127.0.0.1:${port}/`;
    const view = patientViewFragment(link).slice(1); // without '#'
    const url =
      running !== undefined && new URL(running.url).port === String(port)
        ? `${base}#jeton=${encodeURIComponent(running.token)}&vue=${encodeURIComponent(view)}`
        : `${base}#${view}`;
    if (!(await serviceAnswers(base))) {
      const message = `Navette ne répond pas sur le port ${port} : démarrez-le (navette serve, ou l'application), puis recommencez.`;
      if (json) printJson(io, { error: { code: 'SERVICE_NOT_RUNNING', message } });
      io.err(`navette : ${message}`);
      return EXIT_FAILURE;
    }
    if (json) printJson(io, { url, link: formatPatientLink(link) });
    else io.out(url);
    return EXIT_OK;
  },
};
