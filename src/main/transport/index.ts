// The Electron implementation of the HTTPS port and its pure parts (docs/transport.md).
export {
  DMP_SESSION_PARTITION,
  ElectronHttpsTransport,
  dmpSession,
  type ElectronTransportOptions,
  type PinRequest,
  type RequestPin,
  type TransportApp,
  type TransportSession,
} from './ElectronHttpsTransport.js';
export { CHROMIUM_TLS12_CIPHER_SUITES, disabledCipherSuitesFor } from './chromiumCipherSuites.js';
export {
  chooseClientCertificate,
  isOwnClientCertificateRequest,
} from './chooseClientCertificate.js';
export { checkedAnchors, sslConfigOf, type ElectronTlsPolicy } from './electronTlsConfig.js';
export { chromiumNetErrorName, mapChromiumNetError } from './mapChromiumNetError.js';
export {
  chainOf,
  chromiumVerifyResult,
  verifyServerChain,
  type ChainToVerify,
  type ChainVerdict,
} from './verifyServerChain.js';
