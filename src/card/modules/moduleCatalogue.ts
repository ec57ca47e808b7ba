// Where the ANS Cryptolib CPS puts its PKCS#11 module, per OS and process architecture. Read from
// the installers themselves (ansforge/dops-cryptolib: CryptolibCPS-5.2.2 RPM, CryptolibCPS-5.2.1
// macOS package, the MSI functional specification PSCC_SpecFonct_msi_cryptolib v3.3.4):
// - Windows: cps3_pkcs11_w64.dll (64-bit) and cps3_pkcs11_w32.dll (32-bit) in %WINDIR%\System32;
//   on a 64-bit Windows the 32-bit DLL is in %WINDIR%\SysWOW64. Older installers used
//   %ProgramFiles%\santesocial\CPS.
// - macOS: /usr/local/lib/libcps3_pkcs11_osx.dylib (one universal binary, x86_64 + arm64).
// - Linux: /opt/santesocial/CPS/lib/libcps3_pkcs11_lux.so, linked from /usr/lib64 by the RPM;
//   packages converted for Debian (alien) put it under /usr/lib or /usr/lib/x86_64-linux-gnu.
// A process can only load a module of its own architecture: a 64-bit Navette needs the 64-bit DLL.
import path from 'node:path';

export type SupportedPlatform = 'win32' | 'darwin' | 'linux';

export interface ModuleCandidate {
  readonly path: string;
  /** Why this location is on the list (shown in diagnostics). */
  readonly origin: string;
}

export interface CatalogueContext {
  readonly platform: NodeJS.Platform;
  readonly arch: string;
  /** Environment used to expand %WINDIR% and %ProgramFiles% (default: process.env). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

function windowsCandidates(
  arch: string,
  env: Readonly<Record<string, string | undefined>>,
): ModuleCandidate[] {
  const windir = env['WINDIR'] ?? env['SystemRoot'] ?? 'C:\\Windows';
  const programFiles = env['ProgramFiles'] ?? 'C:\\Program Files';
  const programFilesX86 = env['ProgramFiles(x86)'] ?? 'C:\\Program Files (x86)';
  const w = path.win32;
  if (arch === 'ia32') {
    // A 32-bit process sees SysWOW64 as System32 (file system redirection) on a 64-bit Windows.
    return [
      {
        path: w.join(windir, 'System32', 'cps3_pkcs11_w32.dll'),
        origin: 'Cryptolib CPS (32 bits)',
      },
      {
        path: w.join(programFilesX86, 'santesocial', 'CPS', 'cps3_pkcs11_w32.dll'),
        origin: 'Cryptolib CPS, ancien emplacement',
      },
      {
        path: w.join(programFiles, 'santesocial', 'CPS', 'cps3_pkcs11_w32.dll'),
        origin: 'Cryptolib CPS, ancien emplacement',
      },
    ];
  }
  return [
    { path: w.join(windir, 'System32', 'cps3_pkcs11_w64.dll'), origin: 'Cryptolib CPS (64 bits)' },
    {
      path: w.join(programFiles, 'santesocial', 'CPS', 'cps3_pkcs11_w64.dll'),
      origin: 'Cryptolib CPS, ancien emplacement',
    },
  ];
}

const MACOS: readonly ModuleCandidate[] = [
  { path: '/usr/local/lib/libcps3_pkcs11_osx.dylib', origin: 'Cryptolib CPS (paquet macOS)' },
];

const LINUX: readonly ModuleCandidate[] = [
  { path: '/opt/santesocial/CPS/lib/libcps3_pkcs11_lux.so', origin: 'Cryptolib CPS (RPM ANS)' },
  { path: '/usr/lib64/libcps3_pkcs11_lux.so', origin: 'Cryptolib CPS (lien du RPM ANS)' },
  {
    path: '/usr/lib/x86_64-linux-gnu/libcps3_pkcs11_lux.so',
    origin: 'Cryptolib CPS (paquet converti Debian)',
  },
  { path: '/usr/lib/libcps3_pkcs11_lux.so', origin: 'Cryptolib CPS (paquet converti)' },
  { path: '/usr/local/lib/libcps3_pkcs11_lux.so', origin: 'Cryptolib CPS (installation manuelle)' },
];

/** The default Cryptolib CPS locations for a platform, most likely first. */
export function cryptolibCandidates(context: CatalogueContext): readonly ModuleCandidate[] {
  switch (context.platform) {
    case 'win32':
      return windowsCandidates(context.arch, context.env ?? process.env);
    case 'darwin':
      return MACOS;
    case 'linux':
      return LINUX;
    default:
      return [];
  }
}
