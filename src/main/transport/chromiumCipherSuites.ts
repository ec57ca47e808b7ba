// Chromium cannot be given a cipher list, only suites to disable (session.setSSLConfig's
// disabledCipherSuites, TLS 1.2 only). These are the TLS 1.2 suites BoringSSL as built into
// Chromium can negotiate (IANA names and code points, RFC 5246/5289/7905/8422); every one outside
// the allowed list (PDT-INF-579, given by the composition root) is disabled. A code point Chromium
// does not know is accepted and ignored, so listing a few retired ones costs nothing.
// Chromium has no TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384, so the Electron route offers the three
// AEAD suites of the DMP list.
export const CHROMIUM_TLS12_CIPHER_SUITES: Readonly<Record<string, number>> = {
  TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256: 0xc02b,
  TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256: 0xc02f,
  TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384: 0xc02c,
  TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384: 0xc030,
  TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256: 0xcca9,
  TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256: 0xcca8,
  TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA: 0xc009,
  TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA: 0xc00a,
  TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA: 0xc013,
  TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA: 0xc014,
  TLS_RSA_WITH_AES_128_GCM_SHA256: 0x009c,
  TLS_RSA_WITH_AES_256_GCM_SHA384: 0x009d,
  TLS_RSA_WITH_AES_128_CBC_SHA: 0x002f,
  TLS_RSA_WITH_AES_256_CBC_SHA: 0x0035,
  TLS_RSA_WITH_3DES_EDE_CBC_SHA: 0x000a,
};

/** Code points to pass as disabledCipherSuites so that only `allowedIana` remain. */
export function disabledCipherSuitesFor(allowedIana: readonly string[]): number[] {
  const allowed = new Set(allowedIana);
  const usable = Object.keys(CHROMIUM_TLS12_CIPHER_SUITES).filter((name) => allowed.has(name));
  if (usable.length === 0) {
    // Disabling everything would fail every handshake with an obscure error: refuse up front.
    throw new TypeError('none of the allowed TLS 1.2 cipher suites is available in Chromium');
  }
  return Object.entries(CHROMIUM_TLS12_CIPHER_SUITES)
    .filter(([name]) => !allowed.has(name))
    .map(([, code]) => code);
}
