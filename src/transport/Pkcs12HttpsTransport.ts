// HTTPS with a software identity in a PKCS#12 file: the structure's ORG AUTH_CLI certificate
// (indirect and AIR modes) or the virtual demo card. The private key lives in this process.
import tls from 'node:tls';
import { transportErrors } from '../domain/ports/HttpsTransport.js';
import { NodeHttpsTransport, type AgentOptions } from './NodeHttpsTransport.js';
import { secureContextPolicyOptions, type NodeTlsPolicy } from './NodeTlsPolicy.js';
import { parseTrustAnchors } from './trustAnchors.js';

export interface Pkcs12TransportOptions extends AgentOptions {
  /**
   * The PKCS#12 holding ONE key and its certificate (ANS delivers AUTH_CLI on its own): with
   * several keys OpenSSL would take the first.
   */
  readonly pfx: Uint8Array;
  readonly passphrase: string;
  /** PEM text of the anchors the server must chain to (see readTrustAnchors). */
  readonly trustAnchorsPem: readonly string[];
  readonly tls: NodeTlsPolicy;
}

export function pkcs12SecureContext(options: Pkcs12TransportOptions): tls.SecureContext {
  const ca = options.trustAnchorsPem.flatMap((pem, i) => parseTrustAnchors(pem, `ancre ${i + 1}`));
  if (ca.length === 0) throw transportErrors.trustAnchorsInvalid('aucune autorité configurée');
  try {
    return tls.createSecureContext({
      pfx: Buffer.from(options.pfx),
      passphrase: options.passphrase,
      ca,
      ...secureContextPolicyOptions(options.tls),
    });
  } catch (e: unknown) {
    const message = e instanceof Error ? e.message : String(e);
    // OpenSSL says "mac verify failure" for a wrong password; the text never holds the password.
    const reason = /mac verify|bad decrypt/i.test(message)
      ? 'mot de passe du fichier PKCS#12 incorrect'
      : 'fichier PKCS#12 illisible ou incomplet';
    throw transportErrors.clientIdentityInvalid(reason, e);
  }
}

export class Pkcs12HttpsTransport extends NodeHttpsTransport {
  constructor(options: Pkcs12TransportOptions) {
    super(pkcs12SecureContext(options), options);
  }
}
