import { NavetteError } from '../domain/errors/NavetteError.js';

/** The chosen port is taken (by another program, or another Navette on another data folder). */
export class PortInUseError extends NavetteError {
  override readonly name = 'PortInUseError';

  constructor(port: number, options?: { cause?: unknown }) {
    super(
      'PORT_IN_USE',
      `Le port ${port} de cet ordinateur est déjà utilisé par un autre programme. Fermez-le, ou ` +
        `choisissez un autre port avec --port (--port 0 en choisit un libre).`,
      { port },
      options,
    );
  }
}

/** The server could not listen for another reason. */
export class ServerStartError extends NavetteError {
  override readonly name = 'ServerStartError';

  constructor(port: number, options?: { cause?: unknown }) {
    super(
      'SERVER_START_FAILED',
      `Navette n'a pas pu ouvrir son serveur local sur le port ${port}. Réessayez, ou choisissez ` +
        `un autre port avec --port.`,
      { port },
      options,
    );
  }
}
