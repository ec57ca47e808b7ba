// `navette authorize --ins INS [--remove] [--patient-consent]`: TD0.3 — declare yourself
// authorised on the patient's DMP, which the DMP allows only with the patient's consent (asked on
// the terminal, « [o/N] », or stated with --patient-consent in scripts; the confirmation is
// journaled), or withdraw your authorisation. Then TD0.2 says where things stand.
import { booleanValue, type CommandDefinition } from '../command.js';
import { CliUsageError, EXIT_FAILURE, EXIT_OK } from '../errors.js';
import type { CliIo } from '../io.js';
import { printJson } from '../output.js';
import { processTerminal, type PinTerminal } from '../pinPrompt.js';
import { runWithConsult } from './consult.js';
import { PATIENT_OPTIONS } from './status.js';

/** Asks a yes/no question on the terminal (echoed); only « o » or « oui » is yes. */
export function askYesNo(terminal: PinTerminal, question: string): Promise<boolean> {
  const { input, output } = terminal;
  return new Promise((resolve) => {
    let typed = '';
    const onData = (chunk: Buffer | string): void => {
      typed += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
      const end = typed.search(/[\r\n]/);
      if (end < 0) return;
      input.removeListener('data', onData);
      input.pause();
      const answer = typed.slice(0, end).trim().toLowerCase();
      resolve(answer === 'o' || answer === 'oui');
    };
    output.write(`${question} [o/N] `);
    input.on('data', onData);
    input.resume();
  });
}

/**
 * Gets the user's confirmation: the flag, or the terminal. Without either, a usage error (a
 * script must state it; Navette never assumes a consent or a confirmation).
 */
export async function confirmed(
  io: CliIo,
  flag: boolean,
  question: string,
  missing: string,
  terminal: PinTerminal = processTerminal(),
): Promise<boolean> {
  if (flag) return true;
  if (terminal.input.isTTY !== true) throw new CliUsageError(missing);
  const yes = await askYesNo(terminal, question);
  if (!yes) io.err('navette : Abandon : rien n’a été envoyé au DMP.');
  return yes;
}

export function createAuthorizeCommand(terminal?: PinTerminal): CommandDefinition {
  return {
    name: 'authorize',
    summary:
      'Vous autoriser sur le DMP d’un patient, avec son consentement, ou retirer votre autorisation (TD0.3)',
    usage:
      'navette authorize --ins INS [--remove [--medecin-traitant]] [--patient-consent] [--card LIBELLÉ] [--config FICHIER] [--data DOSSIER] [--json]',
    options: {
      ...PATIENT_OPTIONS,
      remove: { type: 'boolean', description: 'Retirer votre autorisation au lieu de l’ajouter' },
      'medecin-traitant': {
        type: 'boolean',
        description:
          'Avec --remove : renoncer au rôle de médecin traitant seulement (vous restez autorisé)',
      },
      'patient-consent': {
        type: 'boolean',
        description:
          'Le patient consent à ce que vous accédiez à son DMP (pour les scripts ; sinon la question est posée)',
      },
    },
    async run(ctx) {
      const { io, json, values } = ctx;
      const remove = booleanValue(values, 'remove');
      const mtRole = booleanValue(values, 'medecin-traitant');
      if (mtRole && !remove) {
        throw new CliUsageError('--medecin-traitant ne s’emploie qu’avec --remove.');
      }
      if (!remove) {
        const consent = await confirmed(
          io,
          booleanValue(values, 'patient-consent'),
          'Le patient consent-il à ce que vous accédiez à son DMP ?',
          'Le consentement du patient est nécessaire : posez-lui la question, puis relancez avec --patient-consent.',
          terminal,
        );
        if (!consent) return EXIT_FAILURE;
      }
      const result = await runWithConsult(ctx, (service, { patient }) =>
        remove
          ? service.setAuthorization({
              patient,
              action: 'remove',
              ...(mtRole ? { role: 'medecin-traitant' as const } : {}),
            })
          : service.setAuthorization({ patient, action: 'add', patientConsented: true }),
      );
      if (json) printJson(io, result);
      else {
        io.out(
          remove && mtRole
            ? 'Vous n’êtes plus le médecin traitant de ce patient ; votre autorisation reste.'
            : remove
              ? 'Votre autorisation sur ce DMP est retirée.'
              : 'Vous êtes autorisé sur ce DMP (consentement du patient enregistré).',
        );
        for (const m of result.status.messages) io.out(m);
      }
      return EXIT_OK;
    },
  };
}

export const authorizeCommand: CommandDefinition = createAuthorizeCommand();
