// `navette version` (also `navette --version`).
import { readPackageVersion } from '../../app/service/packageInfo.js';
import type { CommandDefinition } from '../command.js';
import { EXIT_OK } from '../errors.js';
import { printJson } from '../output.js';

export const versionCommand: CommandDefinition = {
  name: 'version',
  summary: 'Affiche la version de Navette',
  usage: 'navette version',
  options: {},
  run({ io, json }) {
    const version = readPackageVersion();
    if (json) printJson(io, { name: 'navette', version });
    else io.out(`navette ${version}`);
    return Promise.resolve(EXIT_OK);
  },
};
