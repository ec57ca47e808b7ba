// Finds SoftHSM2 (the PKCS#11 module and its `softhsm2-util`) and OpenSC's `pkcs11-tool`: the
// sandbox provisions test tokens with them when they are installed, and says why not otherwise.
import { existsSync } from 'node:fs';
import path from 'node:path';

/** Where distributions install the SoftHSM2 module (Debian/Ubuntu first: our build machines). */
export const SOFTHSM_MODULE_LOCATIONS: readonly string[] = [
  '/usr/lib/softhsm/libsofthsm2.so',
  '/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so',
  '/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so',
  '/usr/lib64/pkcs11/libsofthsm2.so',
  '/usr/lib64/softhsm/libsofthsm2.so',
  '/usr/local/lib/softhsm/libsofthsm2.so',
  '/opt/homebrew/lib/softhsm/libsofthsm2.so',
  '/usr/local/opt/softhsm/lib/softhsm/libsofthsm2.so',
];

export interface SoftHsmInstallation {
  readonly module: string;
  readonly softhsmUtil: string;
  readonly pkcs11Tool: string;
}

export type SoftHsmLookup =
  | { readonly installation: SoftHsmInstallation; readonly reason?: undefined }
  | { readonly installation: null; readonly reason: string };

export interface LocateOptions {
  /** An explicit module path (configuration); the known locations are tried otherwise. */
  readonly modulePath?: string;
  /** PATH used to find the command-line tools (default: process.env.PATH). */
  readonly searchPath?: string;
  readonly exists?: (file: string) => boolean;
}

function findInPath(
  command: string,
  searchPath: string,
  exists: (f: string) => boolean,
): string | null {
  for (const dir of searchPath.split(path.delimiter)) {
    if (dir === '') continue;
    const candidate = path.join(dir, command);
    if (exists(candidate)) return candidate;
  }
  return null;
}

/** Never throws: absence is an expected state on a workstation (the sandbox still runs). */
export function locateSoftHsm(options: LocateOptions = {}): SoftHsmLookup {
  const exists = options.exists ?? existsSync;
  const searchPath = options.searchPath ?? process.env['PATH'] ?? '';
  const candidates =
    options.modulePath !== undefined ? [options.modulePath] : SOFTHSM_MODULE_LOCATIONS;
  const module = candidates.find((c) => exists(c)) ?? null;
  if (module === null) {
    return {
      installation: null,
      reason:
        `SoftHSM2 n'est pas installé : module PKCS#11 introuvable (cherché dans ${candidates.join(', ')}). ` +
        'Installez le paquet softhsm2 pour disposer des cartes de test sur jeton.',
    };
  }
  const softhsmUtil = findInPath('softhsm2-util', searchPath, exists);
  if (softhsmUtil === null) {
    return {
      installation: null,
      reason:
        'La commande softhsm2-util est introuvable dans le PATH : installez le paquet softhsm2.',
    };
  }
  const pkcs11Tool = findInPath('pkcs11-tool', searchPath, exists);
  if (pkcs11Tool === null) {
    return {
      installation: null,
      reason: 'La commande pkcs11-tool est introuvable dans le PATH : installez le paquet opensc.',
    };
  }
  return { installation: { module, softhsmUtil, pkcs11Tool } };
}
