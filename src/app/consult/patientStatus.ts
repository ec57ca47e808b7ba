// TD0.2's answer as the screens and the CLI show it (PatientStatus of src/api/consult.ts): the
// facts, plus one French sentence per fact, so every client says the same thing.
import type { ApiAccessMode, PatientStatus } from '../../api/consult.js';
import type { DmpExistence } from '../dmp/index.js';

const KNOWN_AUTHORIZATIONS = ['VALIDE', 'INTERDIT', 'EXPIRE', 'NON_EXISTE'] as const;
type KnownAuthorization = (typeof KNOWN_AUTHORIZATIONS)[number];

const ACCESS_MESSAGES: Readonly<Record<ApiAccessMode, string | undefined>> = {
  normal: undefined,
  'bris-de-glace':
    'Accès en mode bris de glace : cet accès et sa raison sont enregistrés et visibles du patient.',
  'centre-15': 'Accès en mode centre de régulation (centre 15).',
};

function authorizationMessage(status: DmpExistence): string | undefined {
  switch (status.authorization) {
    case 'VALIDE':
      return 'Vous êtes autorisé à consulter ce DMP.';
    case 'INTERDIT':
      return "Le patient vous a interdit l'accès à son DMP : vous ne pouvez ni le consulter ni vous y autoriser.";
    case 'EXPIRE':
      return 'Votre autorisation sur ce DMP a expiré : avec le consentement du patient, vous pouvez vous autoriser à nouveau.';
    case 'NON_EXISTE':
      return "Vous n'êtes pas encore autorisé sur ce DMP : avec le consentement du patient, vous pouvez vous y autoriser.";
    case null:
      return undefined;
    default:
      return `Réponse du DMP sur votre autorisation : ${status.authorization}.`;
  }
}

export function patientStatusOf(status: DmpExistence, accessMode: ApiAccessMode): PatientStatus {
  const messages: string[] = [];
  switch (status.status) {
    case 'ACTIF':
      messages.push('Le patient a un DMP ouvert.');
      break;
    case 'FERME':
      messages.push('Le DMP de ce patient est fermé : il ne peut plus être consulté ni alimenté.');
      break;
    case 'INEXISTANT':
      messages.push("Ce patient n'a pas de DMP.");
      break;
    default:
      messages.push("Le DMP n'a pas précisé l'état du dossier de ce patient.");
  }
  if (status.exists) {
    const auth = authorizationMessage(status);
    if (auth !== undefined) messages.push(auth);
    if (status.isMedecinTraitant === true) messages.push('Vous êtes son médecin traitant.');
    if (status.linkedToMonEspaceSante === true) {
      messages.push('Ce DMP est rattaché à Mon Espace Santé : le patient le consulte en ligne.');
    }
  }
  const accessMessage = ACCESS_MESSAGES[accessMode];
  if (accessMessage !== undefined) messages.push(accessMessage);
  const authorization =
    status.authorization === null
      ? null
      : (KNOWN_AUTHORIZATIONS as readonly string[]).includes(status.authorization)
        ? (status.authorization as KnownAuthorization)
        : 'AUTRE';
  return {
    dmp: status.status,
    authorization,
    authorized: status.authorized,
    isMedecinTraitant: status.isMedecinTraitant,
    linkedToMonEspaceSante: status.linkedToMonEspaceSante,
    accessMode,
    messages,
  };
}
