// This installation's intake instance id: names its claim folder inside every watched folder
// (`.navette-en-cours/<id>/`), so that two workstations watching one share never look at each
// other's claims. Kept in the database settings: stable across restarts, new with a new database.
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { SettingsRepository } from '../../store/index.js';

export const INSTANCE_ID_KEY = 'intake.instanceId';
const VALID = /^[A-Za-z0-9_-]{1,64}$/;

/** The stored id, or a new `<host name>-<8 hex digits>` stored now. */
export function intakeInstanceId(settings: SettingsRepository, hostname = os.hostname()): string {
  const stored = settings.get(INSTANCE_ID_KEY);
  if (typeof stored === 'string' && VALID.test(stored)) return stored;
  // The host name helps an administrator see whose claims a folder holds; the random part keeps
  // two machines with the same name (cloned images) apart.
  const host =
    hostname
      .normalize('NFKD')
      .replace(/[^A-Za-z0-9_-]+/g, '')
      .slice(0, 40) || 'poste';
  const id = `${host}-${randomBytes(4).toString('hex')}`;
  settings.set(INSTANCE_ID_KEY, id);
  return id;
}
