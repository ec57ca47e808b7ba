// Where Navette keeps its files on each OS. Pure: the environment, the platform and the home folder
// come in as values, so the three OS layouts are tested on any machine (with path.win32 or
// path.posix, whatever the OS running the tests).
//
//   Linux    settings  $XDG_CONFIG_HOME/navette (~/.config/navette)
//            data      $XDG_DATA_HOME/navette (~/.local/share/navette)
//            policy    /etc/navette/policy.json
//   Windows  settings  %APPDATA%\Navette             (roams with the user's profile)
//            data      %LOCALAPPDATA%\Navette        (database and logs stay on this computer)
//            policy    %ProgramData%\Navette\policy.json
//   macOS    settings and data  ~/Library/Application Support/Navette
//            policy    /Library/Application Support/Navette/policy.json
//
// NAVETTE_HOME puts everything, the policy included, in one folder (portable use, tests). The
// policy then stops being the administrator's: whoever can set the environment of the process
// can also start another program, so the policy protects against mistakes, not against the user.
import { homedir } from 'node:os';
import path from 'node:path';

export interface AppPaths {
  /** Folder of the user settings. */
  readonly configDir: string;
  /** The user settings file (`settings.json`). */
  readonly configFile: string;
  /** The administrator policy file (absent on most computers). */
  readonly policyFile: string;
  /** Database, lock, logs. */
  readonly dataDir: string;
  readonly logDir: string;
}

export type Environment = Readonly<Record<string, string | undefined>>;

export const SETTINGS_FILE_NAME = 'settings.json';
export const POLICY_FILE_NAME = 'policy.json';
export const LOG_DIR_NAME = 'logs';

/** The per-OS paths; `platform` and `home` default to this process's. */
export function defaultAppPaths(
  env: Environment,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): AppPaths {
  const p = platform === 'win32' ? path.win32 : path.posix;
  const navetteHome = nonEmpty(env['NAVETTE_HOME']);
  if (navetteHome !== undefined) {
    const dir = p.resolve(navetteHome);
    return layout(p, dir, dir, p.join(dir, POLICY_FILE_NAME));
  }
  switch (platform) {
    case 'win32': {
      const appData = absolute(p, env['APPDATA']) ?? p.join(home, 'AppData', 'Roaming');
      const localAppData = absolute(p, env['LOCALAPPDATA']) ?? p.join(home, 'AppData', 'Local');
      const programData =
        absolute(p, env['ProgramData']) ?? absolute(p, env['PROGRAMDATA']) ?? 'C:\\ProgramData';
      return layout(
        p,
        p.join(appData, 'Navette'),
        p.join(localAppData, 'Navette'),
        p.join(programData, 'Navette', POLICY_FILE_NAME),
      );
    }
    case 'darwin': {
      const dir = p.join(home, 'Library', 'Application Support', 'Navette');
      return layout(p, dir, dir, `/Library/Application Support/Navette/${POLICY_FILE_NAME}`);
    }
    default: {
      // The XDG base-directory specification says relative values are invalid and must be ignored.
      const config = absolute(p, env['XDG_CONFIG_HOME']) ?? p.join(home, '.config');
      const data = absolute(p, env['XDG_DATA_HOME']) ?? p.join(home, '.local', 'share');
      return layout(
        p,
        p.join(config, 'navette'),
        p.join(data, 'navette'),
        `/etc/navette/${POLICY_FILE_NAME}`,
      );
    }
  }
}

function layout(
  p: path.PlatformPath,
  configDir: string,
  dataDir: string,
  policyFile: string,
): AppPaths {
  return {
    configDir,
    configFile: p.join(configDir, SETTINGS_FILE_NAME),
    policyFile,
    dataDir,
    logDir: p.join(dataDir, LOG_DIR_NAME),
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

function absolute(p: path.PlatformPath, value: string | undefined): string | undefined {
  const v = nonEmpty(value);
  return v !== undefined && p.isAbsolute(v) ? v : undefined;
}
