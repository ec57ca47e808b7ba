// Errors of the data-folder lock. Messages are what the user reads when Navette refuses to start.
import { NavetteError } from '../../domain/errors/NavetteError.js';

/** Another Navette (alive) already works on this data folder. */
export class InstanceAlreadyRunningError extends NavetteError {
  override readonly name = 'InstanceAlreadyRunningError';

  constructor(dataDir: string, lockFile: string, pid: number, otherHost?: string) {
    const where = otherHost === undefined ? '' : ` sur l'ordinateur « ${otherHost} »`;
    super(
      'INSTANCE_ALREADY_RUNNING',
      `Navette est déjà en cours d'exécution avec le dossier de données « ${dataDir} » ` +
        `(processus ${pid}${where}). Fermez l'autre Navette, ou choisissez un autre dossier avec ` +
        `--data. Si aucune autre Navette ne fonctionne, supprimez le fichier « ${lockFile} ».`,
      otherHost === undefined ? { dataDir, pid } : { dataDir, pid, host: otherHost },
    );
  }
}

/** The lock file could not be written or read (permissions, missing drive…). */
export class InstanceLockError extends NavetteError {
  override readonly name = 'InstanceLockError';

  constructor(dataDir: string, cause: unknown) {
    super(
      'INSTANCE_LOCK_FAILED',
      `Navette n'a pas pu réserver son dossier de données « ${dataDir} ». Vérifiez que ce dossier ` +
        `existe et que vous avez le droit d'y écrire, puis redémarrez Navette.`,
      { dataDir },
      { cause },
    );
  }
}
