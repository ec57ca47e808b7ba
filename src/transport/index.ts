// Public API of the transport layer: the Node implementations of the HTTPS port
// (src/domain/ports/HttpsTransport.ts). See docs/transport.md.
export { NodeHttpsTransport, type AgentOptions } from './NodeHttpsTransport.js';
export type { NodeTlsPolicy } from './NodeTlsPolicy.js';
export {
  Pkcs12HttpsTransport,
  pkcs12SecureContext,
  type Pkcs12TransportOptions,
} from './Pkcs12HttpsTransport.js';
export {
  Pkcs11EngineHttpsTransport,
  type Pkcs11EngineTransportOptions,
} from './Pkcs11EngineHttpsTransport.js';
export {
  engineSecureContext,
  mapEngineError,
  type EngineIdentityOptions,
} from './engineSecureContext.js';
export {
  PKCS11_ENGINE_LOCATIONS,
  locatePkcs11Engine,
  pkcs11EngineOpenSslConfig,
} from './pkcs11EngineLocation.js';
export { pkcs11KeyUri, type TokenKeyReference } from './pkcs11Uri.js';
export { mapNodeError, type FailureContext } from './mapNodeError.js';
export { parseTrustAnchors, readTrustAnchors } from './trustAnchors.js';
