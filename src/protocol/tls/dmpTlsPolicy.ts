// The TLS policy of the DMP, PDT-INF-579v4 (10/07/2025, reference/dmp/docs): TLS 1.2 only for
// LPS access, ECDHE-RSA suites. Shared by the client transports and the DMP test server, so both
// ends are held to the document, not to each other.

export const DMP_TLS_MIN_VERSION = 'TLSv1.2';
/** The DMP accepts TLS 1.2 from LPS; capping also avoids RSA-PSS, which some cards lack. */
export const DMP_TLS_MAX_VERSION = 'TLSv1.2';

/** "Accès LPS" suites of PDT-INF-579v4, IANA names. */
export const DMP_LPS_CIPHER_SUITES_IANA = [
  'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256',
  'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
  'TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384',
  'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384',
] as const;

/** The same suites in OpenSSL's names (what Node's `ciphers` option takes). */
export const DMP_LPS_CIPHERS_OPENSSL = [
  'ECDHE-RSA-CHACHA20-POLY1305',
  'ECDHE-RSA-AES128-GCM-SHA256',
  'ECDHE-RSA-AES256-SHA384',
  'ECDHE-RSA-AES256-GCM-SHA384',
].join(':');

/**
 * PKCS#1 v1.5 signature algorithms only: a card whose middleware has no RSA-PSS can still sign
 * the TLS 1.2 CertificateVerify (TECH-NOTES §2).
 */
export const DMP_TLS_SIGALGS = 'RSA+SHA256:RSA+SHA384:RSA+SHA512';
