import { NavetteError } from '../../domain/errors/NavetteError.js';

/** The window asked something of the service while it was starting or stopping. */
export class ServiceNotReadyError extends NavetteError {
  override readonly name = 'ServiceNotReadyError';

  constructor() {
    super(
      'SERVICE_NOT_READY',
      "Le service Navette n'est pas encore prêt (démarrage ou arrêt en cours). Réessayez dans quelques secondes.",
    );
  }
}
