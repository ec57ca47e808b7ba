// The PKCS#11 calls themselves, through pkcs11js. Runs only inside the card worker process:
// every call is synchronous (a hung middleware hangs this process, not Navette), one read-only
// session per slot, opened on demand and dropped when the token says it is gone.
import pkcs11js from 'pkcs11js';
import { cardErrors } from '../errors/cardErrors.js';
import { Pkcs11CallError } from '../errors/Pkcs11CallError.js';
import type {
  ModuleDescription,
  SignRequest,
  SlotDescription,
  TokenDescription,
  TokenObjects,
} from '../backend/CardBackend.js';
import {
  CKA,
  CKC_X_509,
  CKF_SERIAL_SESSION,
  CKO,
  CKR,
  CKU,
  SLOT_FLAGS,
} from '../pkcs11/pkcs11Constants.js';

type Handle = Buffer;

/** Codes after which a session is dead (card pulled, reader reset): forget it. */
const SESSION_GONE: ReadonlySet<number> = new Set([
  CKR.DEVICE_REMOVED,
  CKR.TOKEN_NOT_PRESENT,
  CKR.TOKEN_NOT_RECOGNIZED,
  CKR.SESSION_HANDLE_INVALID,
  CKR.SESSION_CLOSED,
  CKR.DEVICE_ERROR,
]);

function version(v: { major: number; minor: number }): string {
  return `${v.major}.${v.minor}`;
}

/** pkcs11js throws Pkcs11Error { code } for CKR failures; we rethrow our own type. */
function pkcs11Code(error: unknown): number | null {
  if (error instanceof pkcs11js.Pkcs11Error) return error.code;
  return null;
}

export class Pkcs11Driver {
  private module: pkcs11js.PKCS11 | null = null;
  private description: ModuleDescription | null = null;
  private readonly slots = new Map<string, Handle>();
  private readonly sessions = new Map<string, Handle>();

  initialize(modulePath: string): ModuleDescription {
    if (this.module !== null && this.description !== null) {
      if (this.description.path === modulePath) return this.description;
      this.finalize();
    }
    const module = new pkcs11js.PKCS11();
    try {
      module.load(modulePath);
    } catch (e: unknown) {
      throw cardErrors.moduleLoadFailed(modulePath, e instanceof Error ? e.message : String(e));
    }
    try {
      module.C_Initialize();
    } catch (e: unknown) {
      // The module is per process; a previous initialisation still holds (TECH-NOTES §1).
      if (pkcs11Code(e) !== CKR.CRYPTOKI_ALREADY_INITIALIZED) throw this.wrap('C_Initialize', e);
    }
    const info = module.C_GetInfo();
    this.module = module;
    this.description = {
      path: modulePath,
      libraryDescription: info.libraryDescription.trim(),
      manufacturer: info.manufacturerID.trim(),
      libraryVersion: version(info.libraryVersion),
      cryptokiVersion: version(info.cryptokiVersion),
    };
    return this.description;
  }

  finalize(): void {
    const module = this.module;
    this.module = null;
    this.description = null;
    this.sessions.clear();
    this.slots.clear();
    if (module === null) return;
    try {
      module.C_Finalize();
    } catch {
      // Finalising is best effort: the process is about to drop the module anyway.
    }
  }

  listSlots(): SlotDescription[] {
    const module = this.loaded();
    const handles = this.call('C_GetSlotList', () => module.C_GetSlotList(false));
    this.slots.clear();
    return handles.map((handle) => {
      const slotId = handle.toString('hex');
      this.slots.set(slotId, handle);
      const info = this.call('C_GetSlotInfo', () => module.C_GetSlotInfo(handle));
      return {
        slotId,
        description: info.slotDescription.trim(),
        manufacturer: info.manufacturerID.trim(),
        tokenPresent: (info.flags & SLOT_FLAGS.TOKEN_PRESENT) !== 0,
        removable: (info.flags & SLOT_FLAGS.REMOVABLE_DEVICE) !== 0,
        hardware: (info.flags & SLOT_FLAGS.HW_SLOT) !== 0,
      };
    });
  }

  getTokenInfo(slotId: string): TokenDescription {
    const module = this.loaded();
    const info = this.call(
      'C_GetTokenInfo',
      () => module.C_GetTokenInfo(this.slot(slotId)),
      slotId,
    );
    return {
      label: info.label.trim(),
      serialNumber: info.serialNumber.trim(),
      manufacturer: info.manufacturerID.trim(),
      model: info.model.trim(),
      flags: info.flags,
      minPinLength: info.minPinLen,
      maxPinLength: info.maxPinLen,
    };
  }

  getMechanisms(slotId: string): number[] {
    const module = this.loaded();
    return this.call(
      'C_GetMechanismList',
      () => module.C_GetMechanismList(this.slot(slotId)),
      slotId,
    );
  }

  listObjects(slotId: string): TokenObjects {
    const session = this.session(slotId);
    const certificates = this.find(slotId, session, [
      { type: CKA.CLASS, value: CKO.CERTIFICATE },
      { type: CKA.CERTIFICATE_TYPE, value: CKC_X_509 },
    ]).map((object) => {
      const get = this.attributes(slotId, session, object, [CKA.ID, CKA.LABEL, CKA.VALUE]);
      return {
        idHex: get(CKA.ID).toString('hex'),
        label: get(CKA.LABEL).toString('utf8'),
        der: new Uint8Array(get(CKA.VALUE)),
      };
    });
    const privateKeys = this.find(slotId, session, [
      { type: CKA.CLASS, value: CKO.PRIVATE_KEY },
    ]).map((object) => {
      const get = this.attributes(slotId, session, object, [CKA.ID, CKA.LABEL, CKA.SIGN]);
      return {
        idHex: get(CKA.ID).toString('hex'),
        label: get(CKA.LABEL).toString('utf8'),
        canSign: get(CKA.SIGN)[0] === 1,
        alwaysAuthenticate: this.optionalFlag(session, object, CKA.ALWAYS_AUTHENTICATE),
      };
    });
    return { certificates, privateKeys };
  }

  login(slotId: string, pin: string): void {
    const module = this.loaded();
    const session = this.session(slotId);
    try {
      module.C_Login(session, CKU.USER, pin);
    } catch (e: unknown) {
      if (pkcs11Code(e) === CKR.USER_ALREADY_LOGGED_IN) return;
      throw this.wrap('C_Login', e, slotId);
    }
  }

  logout(slotId: string): void {
    const module = this.loaded();
    const session = this.sessions.get(slotId);
    if (session === undefined) return;
    try {
      module.C_Logout(session);
    } catch (e: unknown) {
      if (pkcs11Code(e) === CKR.USER_NOT_LOGGED_IN) return;
      throw this.wrap('C_Logout', e, slotId);
    }
  }

  sign(request: SignRequest): Uint8Array {
    const module = this.loaded();
    const session = this.session(request.slotId);
    const [key] = this.find(request.slotId, session, [
      { type: CKA.CLASS, value: CKO.PRIVATE_KEY },
      { type: CKA.ID, value: Buffer.from(request.keyIdHex, 'hex') },
    ]);
    if (key === undefined) throw new Pkcs11CallError('C_FindObjects', CKR.KEY_HANDLE_INVALID);
    this.call(
      'C_SignInit',
      () => module.C_SignInit(session, { mechanism: request.mechanism }, key),
      request.slotId,
    );
    if (request.contextPin !== undefined) {
      const pin = request.contextPin;
      this.call(
        'C_Login',
        () => module.C_Login(session, CKU.CONTEXT_SPECIFIC, pin),
        request.slotId,
      );
    }
    const signature = this.call(
      'C_Sign',
      () => module.C_Sign(session, Buffer.from(request.data), Buffer.alloc(1024)),
      request.slotId,
    );
    return new Uint8Array(signature);
  }

  private loaded(): pkcs11js.PKCS11 {
    if (this.module === null)
      throw new Pkcs11CallError('C_GetSlotList', CKR.CRYPTOKI_NOT_INITIALIZED);
    return this.module;
  }

  private slot(slotId: string): Handle {
    const known = this.slots.get(slotId);
    if (known !== undefined) return known;
    // A slot id from before a listSlots of this process: rebuild the handle from its hex.
    const handle = Buffer.from(slotId, 'hex');
    this.slots.set(slotId, handle);
    return handle;
  }

  private session(slotId: string): Handle {
    const existing = this.sessions.get(slotId);
    if (existing !== undefined) return existing;
    const module = this.loaded();
    const session = this.call(
      'C_OpenSession',
      () => module.C_OpenSession(this.slot(slotId), CKF_SERIAL_SESSION),
      slotId,
    );
    this.sessions.set(slotId, session);
    return session;
  }

  private find(slotId: string, session: Handle, template: pkcs11js.Template): Handle[] {
    const module = this.loaded();
    this.call('C_FindObjectsInit', () => module.C_FindObjectsInit(session, template), slotId);
    try {
      return this.call('C_FindObjects', () => module.C_FindObjects(session, 64), slotId);
    } finally {
      try {
        module.C_FindObjectsFinal(session);
      } catch {
        // Nothing to recover: the next C_FindObjectsInit reports a dead session anyway.
      }
    }
  }

  /** Reads attributes; the getter gives an empty buffer for one the module did not return. */
  private attributes(
    slotId: string,
    session: Handle,
    object: Handle,
    types: readonly number[],
  ): (type: number) => Buffer {
    const module = this.loaded();
    const result = this.call(
      'C_GetAttributeValue',
      () =>
        module.C_GetAttributeValue(
          session,
          object,
          types.map((type) => ({ type })),
        ),
      slotId,
    );
    return (type) => result.find((a) => a.type === type)?.value ?? Buffer.alloc(0);
  }

  /** Attributes some modules do not know (CKR_ATTRIBUTE_TYPE_INVALID) read as false. */
  private optionalFlag(session: Handle, object: Handle, type: number): boolean {
    try {
      const [attribute] = this.loaded().C_GetAttributeValue(session, object, [{ type }]);
      return attribute?.value[0] === 1;
    } catch {
      return false;
    }
  }

  private call<T>(fn: string, body: () => T, slotId?: string): T {
    try {
      return body();
    } catch (e: unknown) {
      throw this.wrap(fn, e, slotId);
    }
  }

  private wrap(fn: string, error: unknown, slotId?: string): Error {
    const code = pkcs11Code(error);
    if (code === null) return error instanceof Error ? error : new Error(String(error));
    if (slotId !== undefined && SESSION_GONE.has(code)) this.sessions.delete(slotId);
    return new Pkcs11CallError(fn, code);
  }
}
