// Errors crossing the bridge. Electron would carry only the `message` of a thrown error, and the
// message of an unexpected error may hold internals: so a handler never throws across IPC, it
// returns an envelope, and only a NavetteError's code and French message reach the renderer.
import type { BridgeError, BridgeResult } from '../../api/bridge.js';
import { isNavetteError } from '../../domain/errors/NavetteError.js';

export const IPC_INVALID_ARGUMENTS = 'IPC_INVALID_ARGUMENTS';
export const IPC_FORBIDDEN_SENDER = 'IPC_FORBIDDEN_SENDER';
export const INTERNAL_ERROR = 'INTERNAL_ERROR';

export const INVALID_ARGUMENTS_ERROR: BridgeError = {
  code: IPC_INVALID_ARGUMENTS,
  message:
    "Navette a reçu une demande incorrecte de sa fenêtre. Fermez la fenêtre et rouvrez-la depuis l'icône de Navette.",
};

export const FORBIDDEN_SENDER_ERROR: BridgeError = {
  code: IPC_FORBIDDEN_SENDER,
  message: "Cette demande ne vient pas de l'interface de Navette : elle est refusée.",
};

export const INTERNAL_BRIDGE_ERROR: BridgeError = {
  code: INTERNAL_ERROR,
  message:
    "Une erreur inattendue s'est produite dans Navette. Réessayez ; si elle persiste, envoyez le rapport de diagnostic à votre support.",
};

/** The part of an error the renderer may see. */
export function toBridgeError(error: unknown): BridgeError {
  return isNavetteError(error)
    ? { code: error.code, message: error.message }
    : INTERNAL_BRIDGE_ERROR;
}

export function ok<T>(value: T): BridgeResult<T> {
  return { ok: true, value };
}

export function failure(error: BridgeError): BridgeResult<never> {
  return { ok: false, error };
}
