// HTTPS with the authentication key of a card (or a SoftHSM test token), which never leaves the
// token: OpenSSL's pkcs11 engine signs the TLS 1.2 CertificateVerify on it. For the headless
// service on Linux and for tests; Electron cannot load OpenSSL engines (BoringSSL) and uses
// src/main/transport instead.
import { engineSecureContext, type EngineIdentityOptions } from './engineSecureContext.js';
import { NodeHttpsTransport, type AgentOptions } from './NodeHttpsTransport.js';

export type Pkcs11EngineTransportOptions = EngineIdentityOptions & AgentOptions;

export class Pkcs11EngineHttpsTransport extends NodeHttpsTransport {
  /** Logs in to the token once, now (a wrong PIN fails here, with TRANSPORT_CLIENT_PIN_INCORRECT). */
  constructor(options: Pkcs11EngineTransportOptions) {
    super(engineSecureContext(options), options);
  }
}
