// The secure context of a key kept on a PKCS#11 token, through the OpenSSL pkcs11 engine (libp11),
// as measured in TECH-NOTES §2: Node's privateKeyEngine/privateKeyIdentifier options, TLS 1.2
// and PKCS#1 signature algorithms so a card without RSA-PSS can sign the CertificateVerify.
//
// Two ways to name the engine, measured with libengine-pkcs11-openssl 0.4.12 and Node 20.20:
// - by path (`/usr/lib/…/engines-3/pkcs11.so`): no set-up, but the engine initialises ONCE per
//   process: a second context (another key, or the same key after a wrong PIN) fails with
//   "engine routines::init failed". The context is therefore cached per identity, and a second
//   identity is refused with a clear error. The PKCS#11 module comes from PKCS11_MODULE_PATH.
// - by id (`pkcs11`), registered by an OpenSSL configuration the process starts with
//   (pkcs11EngineOpenSslConfig): any number of contexts. Recommended for the headless service.
import { X509Certificate } from 'node:crypto';
import tls from 'node:tls';
import { transportErrors, type TransportError } from '../domain/ports/HttpsTransport.js';
import { secureContextPolicyOptions, type NodeTlsPolicy } from './NodeTlsPolicy.js';
import { locatePkcs11Engine } from './pkcs11EngineLocation.js';
import { pkcs11KeyUri, type TokenKeyReference } from './pkcs11Uri.js';
import { parseTrustAnchors } from './trustAnchors.js';
import { withTransientPinFile } from './transientPinFile.js';

export interface EngineIdentityOptions {
  /**
   * 'pkcs11' when the process was started with pkcs11EngineOpenSslConfig, or the engine's path;
   * default: the first of PKCS11_ENGINE_LOCATIONS found (by path, then).
   */
  readonly engine?: string;
  /** The PKCS#11 module, for the by-path route only (set as PKCS11_MODULE_PATH). */
  readonly modulePath?: string;
  readonly key: TokenKeyReference;
  /** The key's certificate (and any intermediates), PEM: the card layer reads it off the card. */
  readonly certificatePem: string;
  /** The card's PIN: see transientPinFile.ts for how it reaches the engine. */
  readonly pin: string;
  readonly trustAnchorsPem: readonly string[];
  readonly tls: NodeTlsPolicy;
  /** Folder for the transient PIN file (default: $XDG_RUNTIME_DIR, /dev/shm, the temp dir). */
  readonly pinFileDir?: string;
}

/** Contexts built through a by-path engine, per identity: the engine cannot be initialised again. */
const byPathContexts = new Map<string, tls.SecureContext>();
let byPathEngineSpentOn: string | null = null;

function openSslText(error: unknown): string {
  const stack = (error as { opensslErrorStack?: unknown } | null)?.opensslErrorStack;
  const message = error instanceof Error ? error.message : String(error);
  return Array.isArray(stack) ? [message, ...stack.map(String)].join(' | ') : message;
}

/** Engine and PKCS#11 failures (OpenSSL reason strings) as typed errors; never retried. */
export function mapEngineError(error: unknown): TransportError {
  const text = openSslText(error);
  if (/PIN incorrect/i.test(text)) return transportErrors.clientPinIncorrect(error);
  if (/PIN locked/i.test(text)) return transportErrors.clientPinLocked(error);
  const reason = /key values mismatch/i.test(text)
    ? 'le certificat ne correspond pas à la clé de la carte'
    : /could not load the shared library|dso not found|no such engine|invalid engine/i.test(text)
      ? 'moteur OpenSSL pkcs11 introuvable : installez libengine-pkcs11-openssl, ou vérifiez la configuration OpenSSL'
      : /init failed/i.test(text)
        ? "le moteur OpenSSL pkcs11 n'a pas pu démarrer (module PKCS#11 introuvable, ou moteur déjà utilisé dans ce processus)"
        : /failed loading private key|not found/i.test(text)
          ? 'clé introuvable sur la carte (carte absente, ou libellé ou identifiant de clé faux)'
          : 'erreur du moteur OpenSSL pkcs11';
  return transportErrors.clientIdentityInvalid(reason, error);
}

function checkedCertificate(pem: string): string {
  try {
    new X509Certificate(pem);
    return pem;
  } catch (e: unknown) {
    throw transportErrors.clientIdentityInvalid('certificat de la carte illisible', e);
  }
}

export function engineSecureContext(options: EngineIdentityOptions): tls.SecureContext {
  const engine = options.engine ?? locatePkcs11Engine();
  if (engine === null) {
    throw transportErrors.clientIdentityInvalid(
      'moteur OpenSSL pkcs11 introuvable : installez le paquet libengine-pkcs11-openssl',
    );
  }
  const byPath = engine.includes('/');
  if (!byPath && options.modulePath !== undefined) {
    throw new TypeError(
      'modulePath applies to an engine loaded by path; with an engine id it belongs in the OpenSSL configuration',
    );
  }
  const cert = checkedCertificate(options.certificatePem);
  const ca = options.trustAnchorsPem.flatMap((pem, i) => parseTrustAnchors(pem, `ancre ${i + 1}`));
  if (ca.length === 0) throw transportErrors.trustAnchorsInvalid('aucune autorité configurée');
  const policy = secureContextPolicyOptions(options.tls);
  // Everything that defines the context, except the PIN.
  const identity = JSON.stringify([
    engine,
    options.modulePath ?? null,
    pkcs11KeyUri(options.key),
    cert,
    ca,
    policy,
  ]);

  if (byPath) {
    const cached = byPathContexts.get(identity);
    if (cached !== undefined) return cached;
    if (byPathEngineSpentOn !== null) {
      throw transportErrors.clientIdentityInvalid(
        byPathEngineSpentOn === identity
          ? 'le moteur OpenSSL pkcs11 chargé par son chemin a déjà échoué dans ce processus : redémarrez le service'
          : "le moteur OpenSSL pkcs11 chargé par son chemin ne sert qu'une seule clé par processus : " +
              'redémarrez le service, ou configurez le moteur par OPENSSL_CONF (docs/transport.md)',
      );
    }
    if (options.modulePath !== undefined) process.env['PKCS11_MODULE_PATH'] = options.modulePath;
    byPathEngineSpentOn = identity;
  }

  try {
    const context = withTransientPinFile(
      options.pin,
      (pinFile) =>
        tls.createSecureContext({
          privateKeyEngine: engine,
          privateKeyIdentifier: pkcs11KeyUri(options.key, pinFile),
          cert,
          ca,
          ...policy,
        }),
      options.pinFileDir,
    );
    if (byPath) byPathContexts.set(identity, context);
    return context;
  } catch (e: unknown) {
    throw mapEngineError(e);
  }
}
