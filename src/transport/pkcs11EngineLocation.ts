// Where Linux distributions install libp11's OpenSSL 3 engine (Debian: libengine-pkcs11-openssl),
// and the OpenSSL configuration that registers it for a whole Node process.
import { existsSync } from 'node:fs';

export const PKCS11_ENGINE_LOCATIONS: readonly string[] = [
  '/usr/lib/x86_64-linux-gnu/engines-3/pkcs11.so',
  '/usr/lib/aarch64-linux-gnu/engines-3/pkcs11.so',
  '/usr/lib64/engines-3/pkcs11.so',
  '/usr/lib/engines-3/pkcs11.so',
  '/usr/local/lib/engines-3/pkcs11.so',
];

/** The first engine found, or null. */
export function locatePkcs11Engine(exists: (file: string) => boolean = existsSync): string | null {
  return PKCS11_ENGINE_LOCATIONS.find((file) => exists(file)) ?? null;
}

/**
 * An OpenSSL configuration registering the engine under the id "pkcs11" for Node, which reads the
 * `nodejs_conf` section of `OPENSSL_CONF` (or of `--openssl-config=FILE`) once, at start-up.
 * With it, `engine: 'pkcs11'` can build any number of secure contexts in the process (a wrong PIN
 * included); loading the engine by path allows one. The module path is fixed here: libp11 reads
 * it when the configuration is loaded.
 */
export function pkcs11EngineOpenSslConfig(options: {
  readonly enginePath: string;
  readonly modulePath: string;
}): string {
  for (const value of [options.enginePath, options.modulePath]) {
    if (/[\r\n#$]/.test(value)) throw new TypeError(`unsafe path for an OpenSSL config: ${value}`);
  }
  return [
    '# Navette: the OpenSSL pkcs11 engine for the headless service (docs/transport.md).',
    'nodejs_conf = navette_openssl_init',
    '',
    '[navette_openssl_init]',
    'engines = navette_engines',
    '',
    '[navette_engines]',
    'pkcs11 = navette_pkcs11_engine',
    '',
    '[navette_pkcs11_engine]',
    'engine_id = pkcs11',
    `dynamic_path = ${options.enginePath}`,
    `MODULE_PATH = ${options.modulePath}`,
    '',
  ].join('\n');
}
