// The PKCS#11 module catalogue: Cryptolib CPS locations per OS and architecture, the
// configuration override, and the French error naming where Navette looked.
import { describe, expect, it } from 'vitest';
import {
  cryptolibCandidates,
  findCardModule,
  isCardError,
  searchCardModule,
} from '../../../src/card/index.js';

const windowsEnv = { WINDIR: 'C:\\Windows', ProgramFiles: 'C:\\Program Files' };

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error: unknown) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('cryptolibCandidates', () => {
  it('knows the 64- and 32-bit Windows DLLs', () => {
    const x64 = cryptolibCandidates({ platform: 'win32', arch: 'x64', env: windowsEnv }).map(
      (c) => c.path,
    );
    expect(x64[0]).toBe('C:\\Windows\\System32\\cps3_pkcs11_w64.dll');
    expect(x64.every((p) => p.endsWith('_w64.dll'))).toBe(true);
    const ia32 = cryptolibCandidates({ platform: 'win32', arch: 'ia32', env: windowsEnv }).map(
      (c) => c.path,
    );
    expect(ia32[0]).toBe('C:\\Windows\\System32\\cps3_pkcs11_w32.dll');
    expect(ia32.every((p) => p.endsWith('_w32.dll'))).toBe(true);
  });

  it('knows the macOS and Linux locations of the ANS packages', () => {
    expect(cryptolibCandidates({ platform: 'darwin', arch: 'arm64' }).map((c) => c.path)).toEqual([
      '/usr/local/lib/libcps3_pkcs11_osx.dylib',
    ]);
    const linux = cryptolibCandidates({ platform: 'linux', arch: 'x64' }).map((c) => c.path);
    expect(linux[0]).toBe('/opt/santesocial/CPS/lib/libcps3_pkcs11_lux.so');
    expect(linux).toContain('/usr/lib64/libcps3_pkcs11_lux.so');
  });

  it('has nothing for an unsupported system', () => {
    expect(cryptolibCandidates({ platform: 'freebsd', arch: 'x64' })).toEqual([]);
  });
});

describe('findCardModule', () => {
  const linux = { platform: 'linux' as const, arch: 'x64' };

  it('takes the first catalogue location that exists', () => {
    const found = findCardModule({
      context: linux,
      exists: (p) => p === '/usr/lib64/libcps3_pkcs11_lux.so',
    });
    expect(found).toEqual({
      path: '/usr/lib64/libcps3_pkcs11_lux.so',
      source: 'catalogue',
      origin: 'Cryptolib CPS (lien du RPM ANS)',
    });
  });

  it('uses the configured module, and only it', () => {
    expect(
      findCardModule({
        configuredPath: '/usr/lib/softhsm/libsofthsm2.so',
        context: linux,
        exists: () => true,
      }),
    ).toMatchObject({ path: '/usr/lib/softhsm/libsofthsm2.so', source: 'configuration' });
    const error = thrown(() =>
      findCardModule({
        configuredPath: '/opt/absent.so',
        context: linux,
        exists: (p) => p.includes('cps3'),
      }),
    );
    expect(isCardError(error, 'CARD_MODULE_MISSING')).toBe(true);
    expect((error as Error).message).toContain('/opt/absent.so');
    expect((error as Error).message).toContain('configuration');
  });

  it('names every place it looked when nothing is installed', () => {
    const error = thrown(() => findCardModule({ context: linux, exists: () => false }));
    expect(isCardError(error, 'CARD_MODULE_MISSING')).toBe(true);
    const message = (error as Error).message;
    expect(message).toContain('Aucun module PKCS#11 de carte CPS');
    for (const candidate of cryptolibCandidates(linux)) expect(message).toContain(candidate.path);
    expect(searchCardModule({ context: linux, exists: () => false }).found).toBeNull();
  });
});
