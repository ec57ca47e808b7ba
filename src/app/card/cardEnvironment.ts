// What the card worker and the OpenSSL pkcs11 engine need from the environment. A PKCS#11 module
// may read its own variables when it is loaded: SoftHSM2 (tests, the sandbox's test cards) finds
// its token store through SOFTHSM2_CONF. The card worker is a child process and gets them through
// CardWorkerClientOptions.env; the engine runs in this process and reads this process's
// environment, so the value given to Navette (the CLI's environment, which tests may set
// in-process) is also copied into process.env before the engine loads.

/** Variables a PKCS#11 module may read at load time. */
export const MODULE_ENVIRONMENT_VARIABLES: readonly string[] = ['SOFTHSM2_CONF'];

export type Environment = Readonly<Record<string, string | undefined>>;

/** The variables to give the card worker. */
export function moduleEnvironment(env: Environment): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of MODULE_ENVIRONMENT_VARIABLES) {
    const value = env[name];
    if (value !== undefined && value !== '') out[name] = value;
  }
  return out;
}

/** Makes the module variables visible to code that loads the module in this process (the engine). */
export function exportModuleEnvironment(env: Environment): void {
  for (const [name, value] of Object.entries(moduleEnvironment(env))) {
    if (process.env[name] !== value) process.env[name] = value;
  }
}
