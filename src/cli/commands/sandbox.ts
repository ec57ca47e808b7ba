// `navette sandbox init --dir DIR` and `navette sandbox serve --dir DIR [--port N] [--faults SPEC]`:
// the DMP test server. `init` prints one JSON object (the test PKI, cards, patients, and the
// configuration file to give Navette); `serve` prints one JSON line when it accepts connections.
import { initSandbox, startSandbox } from '../../app/sandbox.js';
import { booleanValue, stringValue, type CommandDefinition } from '../command.js';
import { CliUsageError, EXIT_OK } from '../errors.js';
import type { TerminationSignal } from '../io.js';
import { printJson } from '../output.js';
import { parsePort } from '../ports.js';

function requireDir(dir: string | undefined): string {
  if (dir === undefined) {
    throw new CliUsageError('Indiquez le dossier du DMP de test avec --dir DOSSIER.');
  }
  return dir;
}

export const sandboxCommand: CommandDefinition = {
  name: 'sandbox',
  summary: 'DMP de test : « init » le crée dans un dossier, « serve » le démarre',
  usage:
    'navette sandbox init --dir DOSSIER [--port N] [--sans-softhsm] | navette sandbox serve --dir DOSSIER [--port N] [--faults SPEC]',
  positionals: true,
  options: {
    dir: { type: 'string', valueName: 'DOSSIER', description: 'Dossier du DMP de test' },
    port: {
      type: 'string',
      valueName: 'N',
      description: 'Port du DMP de test (7412 par défaut ; 0 choisit un port libre)',
    },
    faults: {
      type: 'string',
      valueName: 'SPEC',
      description:
        'Pannes simulées, par exemple « latency:50-200ms,registry/http503@2,reset@10%,seed:42 »',
    },
    'sans-softhsm': {
      type: 'boolean',
      description: 'Ne crée pas de jetons SoftHSM2 (les fichiers PKCS#12 restent utilisables)',
    },
  },
  async run({ io, values, positionals }) {
    const action = positionals[0];
    const dir = requireDir(stringValue(values, 'dir'));
    const port = parsePort(stringValue(values, 'port'));
    if (action === 'init') {
      const manifest = initSandbox({
        dir,
        ...(port === undefined ? {} : { port }),
        ...(booleanValue(values, 'sans-softhsm') ? { withoutSoftHsm: true } : {}),
      });
      printJson(io, manifest);
      if (manifest.softhsm.reason !== null) io.err(`Attention : ${manifest.softhsm.reason}`);
      io.err(
        `DMP de test créé dans ${dir}. Démarrez-le avec « navette sandbox serve --dir ${dir} ».`,
      );
      return EXIT_OK;
    }
    if (action !== 'serve') {
      throw new CliUsageError(
        `Action « ${action ?? ''} » inconnue : utilisez « navette sandbox init » ou « navette sandbox serve ».`,
      );
    }
    const faults = stringValue(values, 'faults');
    const sandbox = await startSandbox({
      dir,
      ...(port === undefined ? {} : { port }),
      ...(faults === undefined ? {} : { faults }),
      // One line per request on stderr: what an integrator watches while testing.
      onRequest: (e) => {
        const what = [
          e.service,
          e.operation ?? '?',
          String(e.status),
          e.fault,
          e.injected && `panne simulée ${e.injected}`,
        ];
        io.err(what.filter(Boolean).join(' '));
      },
    });
    printJson(io, { event: 'ready', url: sandbox.url, port: sandbox.port });
    io.err(`DMP de test prêt sur ${sandbox.url}. Ctrl+C pour arrêter.`);
    const why = await new Promise<TerminationSignal>((resolve) => {
      const off = io.onSignal((signal) => {
        off();
        resolve(signal);
      });
    });
    await sandbox.stop();
    printJson(io, { event: 'stopped', reason: why });
    return EXIT_OK;
  },
};
