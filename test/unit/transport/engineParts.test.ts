// The pure parts of the token-key route: PKCS#11 URIs, the engine's OpenSSL configuration, where
// the engine is looked for, and OpenSSL/libp11 failures as typed errors (texts as measured with
// libengine-pkcs11-openssl 0.4.12 under Node 20.20).
import { describe, expect, it } from 'vitest';
import {
  PKCS11_ENGINE_LOCATIONS,
  locatePkcs11Engine,
  mapEngineError,
  pkcs11EngineOpenSslConfig,
  pkcs11KeyUri,
} from '../../../src/transport/index.js';
import { encodeObjectId, encodeUriAttribute } from '../../../src/transport/pkcs11Uri.js';

function opensslError(message: string, stack: string[] = []): Error {
  return Object.assign(new Error(message), { opensslErrorStack: stack });
}

describe('pkcs11KeyUri', () => {
  it('names the token and the key, percent-encoded, and never carries a PIN value', () => {
    const key = { tokenLabel: 'CPS MARTIN CLAIRE (TEST)', keyIdHex: '0120' };
    expect(pkcs11KeyUri(key)).toBe(
      'pkcs11:token=CPS%20MARTIN%20CLAIRE%20%28TEST%29;id=%01%20;type=private',
    );
    expect(pkcs11KeyUri(key, '/run/user/1000/navette-pin-x/pin')).toBe(
      'pkcs11:token=CPS%20MARTIN%20CLAIRE%20%28TEST%29;id=%01%20;type=private' +
        '?pin-source=file:/run/user/1000/navette-pin-x/pin',
    );
    expect(pkcs11KeyUri(key, '/tmp/a')).not.toContain('pin-value');
  });

  it('encodes UTF-8 and refuses a malformed CKA_ID', () => {
    expect(encodeUriAttribute('Clé;=')).toBe('Cl%C3%A9%3B%3D');
    expect(encodeObjectId('ab 10')).toBe('%AB%10');
    expect(() => encodeObjectId('123')).toThrow(TypeError);
    expect(() => encodeObjectId('zz')).toThrow(TypeError);
  });
});

describe('pkcs11EngineOpenSslConfig', () => {
  it("registers the engine in Node's configuration section with its module", () => {
    const text = pkcs11EngineOpenSslConfig({
      enginePath: '/usr/lib/x86_64-linux-gnu/engines-3/pkcs11.so',
      modulePath: '/usr/lib/libcps3_pkcs11_lux.so',
    });
    expect(text).toMatch(/^nodejs_conf = navette_openssl_init$/m);
    expect(text).toMatch(/^engine_id = pkcs11$/m);
    expect(text).toMatch(/^dynamic_path = \/usr\/lib\/x86_64-linux-gnu\/engines-3\/pkcs11\.so$/m);
    expect(text).toMatch(/^MODULE_PATH = \/usr\/lib\/libcps3_pkcs11_lux\.so$/m);
    expect(text).not.toMatch(/PIN/);
  });

  it('refuses paths that would inject configuration', () => {
    expect(() =>
      pkcs11EngineOpenSslConfig({ enginePath: '/x.so\nPIN = 1234', modulePath: '/m.so' }),
    ).toThrow(TypeError);
  });
});

describe('locatePkcs11Engine', () => {
  it('returns the first known location that exists, or null', () => {
    const last = PKCS11_ENGINE_LOCATIONS.at(-1) ?? '';
    expect(locatePkcs11Engine((f) => f === last)).toBe(last);
    expect(locatePkcs11Engine(() => false)).toBeNull();
  });
});

describe('mapEngineError', () => {
  it('recognises the PIN failures the card reports', () => {
    const wrong = opensslError('error:418000A0:PKCS#11 module::PIN incorrect', [
      'error:13000080:engine routines::failed loading private key',
    ]);
    expect(mapEngineError(wrong)).toMatchObject({
      code: 'TRANSPORT_CLIENT_PIN_INCORRECT',
      retryable: false,
    });
    expect(mapEngineError(opensslError('error:418000A4:PKCS#11 module::PIN locked'))).toMatchObject(
      {
        code: 'TRANSPORT_CLIENT_PIN_LOCKED',
      },
    );
  });

  it('explains engine and key problems', () => {
    const reasonOf = (e: Error) => mapEngineError(e).details['reason'];
    expect(
      reasonOf(
        opensslError('error:12800067:DSO support routines::could not load the shared library'),
      ),
    ).toMatch(/introuvable/);
    expect(reasonOf(opensslError('error:1300006D:engine routines::init failed'))).toMatch(
      /déjà utilisé/,
    );
    expect(
      reasonOf(
        opensslError('x', ['error:05800074:x509 certificate routines::key values mismatch']),
      ),
    ).toMatch(/ne correspond pas/);
    expect(
      reasonOf(opensslError('error:13000080:engine routines::failed loading private key')),
    ).toMatch(/clé introuvable/);
    expect(mapEngineError(opensslError('anything else')).code).toBe(
      'TRANSPORT_CLIENT_IDENTITY_INVALID',
    );
  });
});
