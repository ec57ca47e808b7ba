// The TD3.3 actions on the user's own documents: which ones make sense for a document, and the
// words of their buttons and confirmations.
import type { ApiDocumentAction, DocumentSummary } from '../../api/consult.js';

interface ActionWords {
  readonly button: string;
  readonly question: string;
  readonly consequence: string;
  readonly danger: boolean;
}

export const ACTION_WORDS: Readonly<Record<ApiDocumentAction, ActionWords>> = {
  mask: {
    button: 'Masquer aux professionnels',
    question: 'Masquer ce document aux autres professionnels ?',
    consequence: 'Les autres professionnels ne le verront plus ; vous et le patient, si.',
    danger: false,
  },
  unmask: {
    button: 'Rendre visible aux professionnels',
    question: 'Rendre ce document visible aux autres professionnels ?',
    consequence: 'Les professionnels autorisés sur ce DMP pourront le lire.',
    danger: false,
  },
  'show-to-patient': {
    button: 'Rendre visible au patient',
    question: 'Rendre ce document visible au patient ?',
    consequence:
      'Le patient pourra le lire dans Mon espace santé. Ce choix ne peut pas être annulé.',
    danger: false,
  },
  archive: {
    button: 'Archiver',
    question: 'Archiver ce document ?',
    consequence: 'Il ne sera plus montré par défaut, mais restera dans le DMP.',
    danger: false,
  },
  unarchive: {
    button: 'Désarchiver',
    question: 'Désarchiver ce document ?',
    consequence: 'Il sera de nouveau montré dans la liste des documents.',
    danger: false,
  },
  delete: {
    button: 'Supprimer',
    question: 'Supprimer ce document du DMP ?',
    consequence: 'Il ne sera plus consultable par personne. Cette action est définitive.',
    danger: true,
  },
};

/** The actions offered for a document: only the user's own, and only those that change it. */
export function actionsFor(doc: DocumentSummary): ApiDocumentAction[] {
  if (!doc.mine || doc.status === 'deleted') return [];
  const actions: ApiDocumentAction[] = [];
  actions.push(doc.visibility.hiddenFromProfessionals ? 'unmask' : 'mask');
  if (doc.visibility.hiddenFromPatient) actions.push('show-to-patient');
  if (doc.status === 'archived') actions.push('unarchive');
  else if (doc.status === 'approved') actions.push('archive');
  actions.push('delete');
  return actions;
}
