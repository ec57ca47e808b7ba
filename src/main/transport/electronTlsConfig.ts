// The session's TLS settings from the DMP policy the composition root passes in (the values of
// src/protocol/tls/dmpTlsPolicy.ts, which main may not import), in Electron's vocabulary, and the
// trust anchors checked once at start-up.
import { X509Certificate } from 'node:crypto';
import { transportErrors } from '../../domain/ports/HttpsTransport.js';
import { disabledCipherSuitesFor } from './chromiumCipherSuites.js';

export interface ElectronTlsPolicy {
  /** Node's names, as in the DMP policy: 'TLSv1.2'. */
  readonly minVersion: string;
  readonly maxVersion: string;
  /** IANA names of the allowed TLS 1.2 suites (DMP_LPS_CIPHER_SUITES_IANA). */
  readonly cipherSuitesIana: readonly string[];
}

export interface ElectronSslConfig {
  minVersion: 'tls1.2' | 'tls1.3';
  maxVersion: 'tls1.2' | 'tls1.3';
  disabledCipherSuites: number[];
}

function chromiumVersion(version: string): 'tls1.2' | 'tls1.3' {
  if (version === 'TLSv1.2') return 'tls1.2';
  if (version === 'TLSv1.3') return 'tls1.3';
  throw new TypeError(`Chromium supports TLS 1.2 and 1.3 only (got ${version})`);
}

export function sslConfigOf(policy: ElectronTlsPolicy): ElectronSslConfig {
  return {
    minVersion: chromiumVersion(policy.minVersion),
    maxVersion: chromiumVersion(policy.maxVersion),
    disabledCipherSuites: disabledCipherSuitesFor(policy.cipherSuitesIana),
  };
}

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** Splits PEM bundles into certificates and checks each is a CA; at least one is required. */
export function checkedAnchors(pems: readonly string[]): string[] {
  const blocks = pems.flatMap((pem) => pem.match(PEM_BLOCK) ?? []);
  if (blocks.length === 0) throw transportErrors.trustAnchorsInvalid('aucune autorité configurée');
  for (const block of blocks) {
    let ca: boolean;
    try {
      ca = new X509Certificate(block).ca;
    } catch (e: unknown) {
      throw transportErrors.trustAnchorsInvalid('certificat illisible', e);
    }
    if (!ca)
      throw transportErrors.trustAnchorsInvalid("un certificat configuré n'est pas une autorité");
  }
  return blocks;
}
