/**
 * The PKCS#11 port of the card service: the few token operations Navette needs, asynchronous
 * because the real implementation (CardWorkerClient) runs pkcs11js in a child process.
 * test/fakes/card/FakeCardBackend implements it for what SoftHSM2 cannot do (locked PIN, last
 * try, removal during a signature, card swap).
 *
 * Failures: a PKCS#11 error code is thrown as `Pkcs11CallError` (raw `ckr`, mapped by the
 * service); infrastructure failures as `CardError` (CARD_MODULE_LOAD_FAILED,
 * CARD_WORKER_CRASHED, CARD_WORKER_TIMEOUT, CARD_WORKER_CLOSED).
 *
 * Slot ids are opaque strings (the hex of the module's CK_SLOT_ID), valid while the module stays
 * loaded: `onDidReset` tells when it was reloaded (worker restarted), and with it every session
 * and login is gone.
 */
export interface CardBackend {
  /** Loads and initialises the module (idempotent). */
  initialize(): Promise<ModuleDescription>;
  /** Every slot (reader), with or without a token. */
  listSlots(): Promise<readonly SlotDescription[]>;
  getTokenInfo(slotId: string): Promise<TokenDescription>;
  /** Certificates (public) and, once logged in on most cards, private keys. */
  listObjects(slotId: string): Promise<TokenObjects>;
  getMechanisms(slotId: string): Promise<readonly number[]>;
  /** C_Login as the user. The PIN is used for this call only: never kept, never logged. */
  login(slotId: string, pin: string): Promise<void>;
  logout(slotId: string): Promise<void>;
  sign(request: SignRequest): Promise<Uint8Array>;
  /** The module was reloaded: slot ids may have changed, sessions and logins are lost. */
  onDidReset(listener: (reason: string) => void): () => void;
  close(): Promise<void>;
}

export interface ModuleDescription {
  readonly path: string;
  readonly libraryDescription: string;
  readonly manufacturer: string;
  readonly libraryVersion: string;
  readonly cryptokiVersion: string;
}

export interface SlotDescription {
  readonly slotId: string;
  readonly description: string;
  readonly manufacturer: string;
  readonly tokenPresent: boolean;
  readonly removable: boolean;
  readonly hardware: boolean;
}

export interface TokenDescription {
  readonly label: string;
  readonly serialNumber: string;
  readonly manufacturer: string;
  readonly model: string;
  /** CK_TOKEN_INFO flags: PIN state (COUNT_LOW, FINAL_TRY, LOCKED), initialised… */
  readonly flags: number;
  readonly minPinLength: number;
  readonly maxPinLength: number;
}

export interface TokenCertificate {
  /** CKA_ID in hex (lower case): pairs a certificate with its private key. */
  readonly idHex: string;
  readonly label: string;
  readonly der: Uint8Array;
}

export interface TokenPrivateKey {
  readonly idHex: string;
  readonly label: string;
  readonly canSign: boolean;
  /** CKA_ALWAYS_AUTHENTICATE: the PIN must be given again for each signature. */
  readonly alwaysAuthenticate: boolean;
}

export interface TokenObjects {
  readonly certificates: readonly TokenCertificate[];
  readonly privateKeys: readonly TokenPrivateKey[];
}

export interface SignRequest {
  readonly slotId: string;
  readonly keyIdHex: string;
  readonly mechanism: number;
  /** For CKM_RSA_PKCS: the DER DigestInfo; for CKM_SHAx_RSA_PKCS: the data itself. */
  readonly data: Uint8Array;
  /** For an always-authenticate key only: C_Login(CKU_CONTEXT_SPECIFIC) before C_Sign. */
  readonly contextPin?: string;
}
