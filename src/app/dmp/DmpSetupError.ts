import { NavetteError } from '../../domain/errors/NavetteError.js';

/**
 * The configuration does not allow a DMP connection (structure id, structure certificate or its
 * password, trust anchors, card without a readable holder…). Every message says which setting or
 * variable to fix.
 */
export class DmpSetupError extends NavetteError {
  override readonly name = 'DmpSetupError';
}

/** The environment variable holding the structure certificate's password (never configured). */
export const STRUCTURE_P12_PASSWORD_VARIABLE = 'NAVETTE_STRUCTURE_P12_PASSWORD';

export const dmpSetupErrors = {
  structureIdMissing(): DmpSetupError {
    return new DmpSetupError(
      'DMP_SETUP_STRUCTURE_ID_MISSING',
      "L'identifiant national de la structure n'est pas configuré (réglage structure.id) : le DMP l'exige dans chaque demande. " +
        'Indiquez-le (par exemple « 1 » suivi du numéro FINESS) dans les réglages de Navette.',
    );
  },
  structureP12Missing(): DmpSetupError {
    return new DmpSetupError(
      'DMP_SETUP_STRUCTURE_P12_MISSING',
      "L'authentification indirecte demande le certificat de la structure (réglage structure.p12, fichier PKCS#12), qui n'est pas configuré.",
    );
  },
  structurePasswordMissing(): DmpSetupError {
    return new DmpSetupError(
      'DMP_SETUP_STRUCTURE_PASSWORD_MISSING',
      `Le mot de passe du certificat de la structure n'est pas fourni : définissez la variable d'environnement ${STRUCTURE_P12_PASSWORD_VARIABLE} ` +
        'pour le service ou la commande (il n’est jamais enregistré dans la configuration).',
    );
  },
  trustAnchorsMissing(): DmpSetupError {
    return new DmpSetupError(
      'DMP_SETUP_TRUST_ANCHORS_MISSING',
      "Aucune autorité de confiance n'est configurée pour vérifier le serveur du DMP (réglage dmp.trustAnchors). " +
        'Indiquez les fichiers PEM des autorités racines IGC-Santé (ou celle du DMP de test).',
    );
  },
  holderUnknown(label: string): DmpSetupError {
    return new DmpSetupError(
      'DMP_SETUP_CARD_HOLDER_UNKNOWN',
      `Le titulaire de la carte « ${label} » n'a pas pu être lu dans ses certificats : elle ne peut pas servir au DMP.`,
      { label },
    );
  },
  structureKeyMissing(file: string, role: 'authentication' | 'signature'): DmpSetupError {
    return new DmpSetupError(
      'DMP_SETUP_STRUCTURE_KEY_MISSING',
      `Le fichier ${file} ne contient pas de certificat ${role === 'authentication' ? "d'authentification (ORG AUTH_CLI)" : 'de signature (ORG SIGN)'} reconnaissable.`,
      { file, role },
    );
  },
};
