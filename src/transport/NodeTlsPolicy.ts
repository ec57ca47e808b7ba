// The TLS settings every Node transport applies, given by the composition root from the DMP
// policy (src/protocol/tls/dmpTlsPolicy.ts, PDT-INF-579v4): this layer may not import protocol,
// and taking the policy as a required value means no transport can fall back to Node's defaults.
import type { SecureVersion } from 'node:tls';

export interface NodeTlsPolicy {
  /** 'TLSv1.2' for the DMP. */
  readonly minVersion: SecureVersion;
  /** 'TLSv1.2' for the DMP: it also keeps RSA-PSS out of the CertificateVerify (TECH-NOTES §2). */
  readonly maxVersion: SecureVersion;
  /** OpenSSL cipher list (TLS 1.2 suites), e.g. DMP_LPS_CIPHERS_OPENSSL. */
  readonly ciphers: string;
  /** Signature algorithms we offer and accept, e.g. DMP_TLS_SIGALGS (PKCS#1 v1.5 only). */
  readonly sigalgs: string;
}

/** The secure-context options of a policy (shared by the PKCS#12 and the engine contexts). */
export function secureContextPolicyOptions(policy: NodeTlsPolicy): {
  minVersion: SecureVersion;
  maxVersion: SecureVersion;
  ciphers: string;
  sigalgs: string;
} {
  return {
    minVersion: policy.minVersion,
    maxVersion: policy.maxVersion,
    ciphers: policy.ciphers,
    sigalgs: policy.sigalgs,
  };
}
