// The import's own failures, with stable codes and French messages (the DMP's and the card's
// errors keep theirs).
import { NavetteError, isNavetteError } from '../../domain/errors/NavetteError.js';

export class ImportError extends NavetteError {
  override readonly name = 'ImportError';
}

/** No DMP session: no card, no PIN, or no structure certificate password. */
export function importUnavailable(): ImportError {
  return new ImportError(
    'IMPORT_DMP_UNAVAILABLE',
    "Connexion au DMP indisponible (carte absente, code PIN ou mot de passe du certificat manquant) : l'import n'a pas pu se faire.",
  );
}

export function documentNotFound(uniqueId: string): ImportError {
  return new ImportError(
    'IMPORT_DOCUMENT_NOT_FOUND',
    "Ce document n'est pas (ou plus) dans le DMP du patient, ou vous n'avez pas le droit de le voir.",
    { uniqueId },
  );
}

export function writeFailed(folder: string, error: unknown): ImportError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const why =
    code === 'ENOSPC'
      ? 'le disque est plein'
      : code === 'EACCES' || code === 'EPERM'
        ? "Navette n'a pas le droit d'y écrire"
        : code === 'ENOENT'
          ? "le dossier n'existe plus"
          : `erreur ${code ?? 'inconnue'}`;
  return new ImportError(
    'IMPORT_WRITE_FAILED',
    `Écriture impossible dans le dossier d'import « ${folder} » : ${why}. Le document sera importé à la prochaine tentative.`,
    { folder, ...(code === undefined ? {} : { errno: code }) },
  );
}

/** `{ code, message }` of any failure, French. */
export function failureOf(error: unknown): { code: string; message: string } {
  if (isNavetteError(error)) return { code: error.code, message: error.message };
  return {
    code: 'IMPORT_FAILED',
    message: `Import impossible : ${error instanceof Error ? error.message : String(error)}`,
  };
}
