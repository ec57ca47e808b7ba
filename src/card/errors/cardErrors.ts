// The French sentences of the card errors, in one place: what happened, then what to do.
import { CardError } from './CardError.js';

function frenchDate(date: Date): string {
  return date.toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris' });
}

export const cardErrors = {
  moduleMissing(searched: readonly string[], configured: boolean): CardError {
    const where =
      searched.length > 0 ? searched.join(' ; ') : '(aucun emplacement connu pour ce système)';
    return new CardError(
      'CARD_MODULE_MISSING',
      configured
        ? `Le module PKCS#11 indiqué dans la configuration est introuvable : ${where}. ` +
            'Corrigez le chemin du module de carte dans la configuration, ou retirez-le pour laisser Navette chercher la Cryptolib CPS.'
        : `Aucun module PKCS#11 de carte CPS n'a été trouvé. Emplacements vérifiés : ${where}. ` +
            "Installez la Cryptolib CPS de l'ANS (esante.gouv.fr), ou indiquez le chemin du module dans la configuration.",
      { searched: [...searched], configured },
    );
  },

  moduleLoadFailed(path: string, reason: string): CardError {
    return new CardError(
      'CARD_MODULE_LOAD_FAILED',
      `Le module de carte « ${path} » n'a pas pu être chargé (${reason}). ` +
        'Vérifiez que la Cryptolib CPS installée correspond à ce système (32 ou 64 bits) et réinstallez-la si besoin.',
      { path, reason },
    );
  },

  noReader(): CardError {
    return new CardError(
      'CARD_NO_READER',
      "Aucun lecteur de carte n'est détecté. Branchez le lecteur (et vérifiez son pilote), puis réessayez.",
    );
  },

  absent(): CardError {
    return new CardError(
      'CARD_ABSENT',
      "Aucune carte n'est insérée dans le lecteur. Insérez votre carte CPS (ou CPE) et réessayez.",
    );
  },

  notFound(label: string, present: readonly string[]): CardError {
    return new CardError(
      'CARD_NOT_FOUND',
      `La carte « ${label} » n'est pas dans un lecteur.` +
        (present.length > 0 ? ` Cartes présentes : ${present.join(', ')}.` : ''),
      { label, present: [...present] },
    );
  },

  ambiguous(present: readonly string[]): CardError {
    return new CardError(
      'CARD_AMBIGUOUS',
      `Plusieurs cartes sont insérées (${present.join(', ')}) : précisez laquelle utiliser (option --card ou réglage de la carte).`,
      { present: [...present] },
    );
  },

  removed(): CardError {
    return new CardError(
      'CARD_REMOVED',
      "La carte a été retirée pendant l'opération. Réinsérez-la, saisissez à nouveau le code porteur et recommencez.",
    );
  },

  changed(): CardError {
    return new CardError(
      'CARD_CHANGED',
      "La carte a été remplacée par une autre pendant l'opération. Vérifiez la carte insérée, saisissez son code porteur et recommencez.",
    );
  },

  pinRequired(): CardError {
    return new CardError(
      'CARD_PIN_REQUIRED',
      'Le code porteur de la carte doit être saisi avant cette opération.',
    );
  },

  pinIncorrect(triesLeft: number | null, countLow: boolean): CardError {
    const warning =
      triesLeft === 1
        ? ' Attention : il ne reste qu’un seul essai avant le blocage de la carte.'
        : triesLeft !== null
          ? ` Il reste ${triesLeft} essais avant le blocage de la carte.`
          : countLow
            ? ' Attention : il reste peu d’essais avant le blocage de la carte.'
            : '';
    return new CardError('CARD_PIN_INCORRECT', `Code porteur incorrect.${warning}`, {
      triesLeft,
      countLow,
    });
  },

  pinLocked(): CardError {
    return new CardError(
      'CARD_PIN_LOCKED',
      'La carte est bloquée : trop de codes porteur erronés. Débloquez-la avec son code de déblocage ' +
        '(outil « CPS Gestion » de la Cryptolib CPS) ou contactez le service CPS de l’ANS.',
    );
  },

  pinInvalid(minLength: number | null, maxLength: number | null): CardError {
    const range =
      minLength !== null && maxLength !== null
        ? ` (de ${minLength} à ${maxLength} caractères)`
        : '';
    return new CardError(
      'CARD_PIN_INVALID',
      `Le code porteur saisi n’a pas le format attendu par la carte${range}. Aucun essai n’a été décompté si la carte l’a refusé d’emblée.`,
      { minLength, maxLength },
    );
  },

  pinNotInitialized(): CardError {
    return new CardError(
      'CARD_PIN_NOT_INITIALIZED',
      "Le code porteur de cette carte n'a jamais été initialisé : la carte n'est pas utilisable en l'état.",
    );
  },

  certificateMissing(role: 'authentication' | 'signature'): CardError {
    return new CardError(
      'CARD_CERTIFICATE_MISSING',
      `La carte ne contient pas de certificat ${role === 'signature' ? 'de signature' : "d'authentification"} utilisable. ` +
        'Vérifiez qu’il s’agit bien d’une carte CPS, CPF ou CPE.',
      { role },
    );
  },

  certificateExpired(role: 'authentication' | 'signature', notAfter: Date): CardError {
    return new CardError(
      'CARD_CERTIFICATE_EXPIRED',
      `Le certificat ${role === 'signature' ? 'de signature' : "d'authentification"} de la carte a expiré le ${frenchDate(notAfter)}. ` +
        'Utilisez votre nouvelle carte, ou demandez son renouvellement à l’ANS.',
      { role, notAfter: notAfter.toISOString() },
    );
  },

  certificateNotYetValid(role: 'authentication' | 'signature', notBefore: Date): CardError {
    return new CardError(
      'CARD_CERTIFICATE_NOT_YET_VALID',
      `Le certificat ${role === 'signature' ? 'de signature' : "d'authentification"} de la carte n'est valable qu'à partir du ${frenchDate(notBefore)}. ` +
        "Vérifiez la date et l'heure de l'ordinateur.",
      { role, notBefore: notBefore.toISOString() },
    );
  },

  keyMissing(role: 'authentication' | 'signature'): CardError {
    return new CardError(
      'CARD_KEY_MISSING',
      `La clé privée ${role === 'signature' ? 'de signature' : "d'authentification"} de la carte est introuvable.`,
      { role },
    );
  },

  mechanismUnsupported(algorithm: string): CardError {
    return new CardError(
      'CARD_MECHANISM_UNSUPPORTED',
      `La carte ne sait pas signer en ${algorithm.toUpperCase()} (PKCS#1 v1.5). Mettez à jour la Cryptolib CPS.`,
      { algorithm },
    );
  },

  signatureInvalid(): CardError {
    return new CardError(
      'CARD_SIGNATURE_INVALID',
      'La signature produite par la carte ne correspond pas à son certificat. Retirez et réinsérez la carte, puis recommencez.',
    );
  },

  workerCrashed(details: Readonly<Record<string, unknown>>): CardError {
    return new CardError(
      'CARD_WORKER_CRASHED',
      "Le module de la carte s'est arrêté brutalement pendant l'opération. Navette le relance : recommencez l'opération " +
        '(le code porteur devra être saisi à nouveau).',
      details,
    );
  },

  workerTimeout(operation: string, timeoutMs: number): CardError {
    return new CardError(
      'CARD_WORKER_TIMEOUT',
      `Le module de la carte ne répond plus (aucune réponse en ${Math.round(timeoutMs / 1000)} s). ` +
        'Navette le relance : vérifiez le lecteur et la carte, puis recommencez.',
      { operation, timeoutMs },
    );
  },

  workerMissing(path: string): CardError {
    return new CardError(
      'CARD_WORKER_MISSING',
      `Le programme de lecture de carte de Navette est introuvable (${path}). ` +
        'Réinstallez Navette (en développement : lancez « npm run build »).',
      { path },
    );
  },

  workerClosed(): CardError {
    return new CardError(
      'CARD_WORKER_CLOSED',
      "Le service de carte est arrêté : l'opération n'a pas été faite.",
    );
  },

  p12Unreadable(path: string, reason: string): CardError {
    return new CardError(
      'CARD_P12_UNREADABLE',
      `Le certificat logiciel « ${path} » est illisible (${reason}). Vérifiez le fichier PKCS#12 (.p12) configuré.`,
      { path, reason },
    );
  },

  p12Password(path: string): CardError {
    return new CardError(
      'CARD_P12_PASSWORD',
      `Le mot de passe du certificat logiciel « ${path} » est incorrect.`,
      { path },
    );
  },

  virtualNotTest(path: string): CardError {
    return new CardError(
      'CARD_VIRTUAL_NOT_TEST',
      `La carte virtuelle « ${path} » contient un certificat qui n'est pas un certificat de TEST : ` +
        'la carte virtuelle ne sert qu’à la démonstration, avec le DMP de test.',
      { path },
    );
  },
};
