// `navette manage --ins INS --unique-id ID --action mask|unmask|show-to-patient|archive|unarchive|
// delete [--yes]`: TD3.3 on one of your documents, after a confirmation (the terminal, or --yes).
// A refusal by the DMP keeps its French explanation (who may do it).
import { DOCUMENT_ACTIONS, type ApiDocumentAction } from '../../api/consult.js';
import { booleanValue, stringValue, type CommandDefinition } from '../command.js';
import { CliUsageError, EXIT_FAILURE, EXIT_OK } from '../errors.js';
import { printJson } from '../output.js';
import type { PinTerminal } from '../pinPrompt.js';
import { confirmed } from './authorize.js';
import { runWithConsult } from './consult.js';
import { PATIENT_OPTIONS } from './status.js';

const QUESTIONS: Readonly<Record<ApiDocumentAction, string>> = {
  mask: 'Masquer ce document aux autres professionnels de santé ?',
  unmask: 'Rendre ce document de nouveau visible aux professionnels de santé ?',
  'show-to-patient': 'Rendre ce document visible par le patient ?',
  archive: 'Archiver ce document ?',
  unarchive: 'Désarchiver ce document ?',
  delete: 'Supprimer ce document du DMP ? Cette action est définitive.',
};

export function createManageCommand(terminal?: PinTerminal): CommandDefinition {
  return {
    name: 'manage',
    summary:
      'Masquer, démasquer, rendre visible au patient, archiver, désarchiver ou supprimer un de vos documents (TD3.3)',
    usage:
      'navette manage --ins INS --unique-id ID --action ACTION [--yes] [--card LIBELLÉ] [--config FICHIER] [--data DOSSIER] [--json]',
    options: {
      ...PATIENT_OPTIONS,
      'unique-id': { type: 'string', valueName: 'ID', description: 'uniqueId du document' },
      action: {
        type: 'string',
        valueName: 'ACTION',
        description: `Action : ${DOCUMENT_ACTIONS.join(', ')}`,
      },
      yes: { type: 'boolean', description: 'Confirmer sans question (scripts)' },
    },
    async run(ctx) {
      const { io, json, values } = ctx;
      const uniqueId = stringValue(values, 'unique-id');
      const action = stringValue(values, 'action');
      if (uniqueId === undefined)
        throw new CliUsageError('Indiquez le document avec --unique-id ID.');
      if (action === undefined || !(DOCUMENT_ACTIONS as readonly string[]).includes(action)) {
        throw new CliUsageError(
          `Action ${action === undefined ? 'manquante' : `inconnue : « ${action} »`}. Valeurs possibles : ${DOCUMENT_ACTIONS.join(', ')}.`,
        );
      }
      const chosen = action as ApiDocumentAction;
      const ok = await confirmed(
        io,
        booleanValue(values, 'yes'),
        QUESTIONS[chosen],
        'Confirmez l’action sur le terminal, ou relancez avec --yes.',
        terminal,
      );
      if (!ok) return EXIT_FAILURE;
      const result = await runWithConsult(ctx, (service, { patient }) =>
        service.manage({ patient, uniqueId, action: chosen, confirmed: true }),
      );
      if (json) printJson(io, result);
      else io.out(result.message);
      return EXIT_OK;
    },
  };
}

export const manageCommand: CommandDefinition = createManageCommand();
