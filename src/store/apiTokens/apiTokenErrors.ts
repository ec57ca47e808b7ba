// Typed errors of the API token store. Codes are stable; messages are the French sentences the
// `navette api token` commands print.
import { NavetteError } from '../../domain/errors/NavetteError.js';

export type ApiTokenErrorCode =
  'API_TOKEN_NAME_INVALID' | 'API_TOKEN_NAME_TAKEN' | 'API_TOKEN_NOT_FOUND';

export class ApiTokenError extends NavetteError {
  override readonly name = 'ApiTokenError';
  declare readonly code: ApiTokenErrorCode;

  constructor(
    code: ApiTokenErrorCode,
    message: string,
    details: Readonly<Record<string, unknown>>,
  ) {
    super(code, message, details);
  }

  static nameInvalid(name: string): ApiTokenError {
    return new ApiTokenError(
      'API_TOKEN_NAME_INVALID',
      `Nom de jeton invalide : « ${name} ». Utilisez de 1 à 64 lettres, chiffres, espaces, points, ` +
        'tirets ou soulignés, en commençant par une lettre ou un chiffre.',
      { length: name.length },
    );
  }

  static nameTaken(name: string): ApiTokenError {
    return new ApiTokenError(
      'API_TOKEN_NAME_TAKEN',
      `Un jeton nommé « ${name} » existe déjà. Choisissez un autre nom, ou révoquez d'abord ` +
        `l'ancien avec « navette api token revoke --name ${name} ».`,
      { name },
    );
  }

  static notFound(name: string): ApiTokenError {
    return new ApiTokenError(
      'API_TOKEN_NOT_FOUND',
      `Aucun jeton actif ne porte le nom « ${name} ». « navette api token list » affiche les jetons.`,
      { name },
    );
  }
}
