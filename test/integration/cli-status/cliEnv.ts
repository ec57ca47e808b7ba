// The environment of a `navette` child process in these tests: isolated Navette folders, the
// sandbox's SoftHSM2 token store, and only the secrets a test gives (never the caller's own).
import { isolatedEnv } from '../../support/cli.js';
import { makeTempDir } from '../../support/tempDir.js';

const SECRETS = ['NAVETTE_PIN', 'NAVETTE_STRUCTURE_P12_PASSWORD'];

export function cliEnv(softhsmConf: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env = isolatedEnv(makeTempDir('navette-cli-home-'), { SOFTHSM2_CONF: softhsmConf });
  for (const name of SECRETS) delete env[name];
  return { ...env, ...extra };
}

/** The one JSON line a command prints on stdout. */
export function jsonOf(stdout: string): Record<string, unknown> {
  const lines = stdout.split('\n').filter((l) => l.startsWith('{'));
  if (lines.length !== 1) throw new Error(`expected one JSON line, got:\n${stdout}`);
  return JSON.parse(lines[0] ?? '') as Record<string, unknown>;
}
