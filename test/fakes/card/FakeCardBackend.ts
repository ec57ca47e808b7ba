// A card backend (the CardBackend port of src/card) for what SoftHSM2 cannot do: a PIN that
// locks after three wrong tries with the FINAL_TRY/LOCKED flags, a card pulled out or swapped
// in the middle of a signature, a worker reset. It behaves like a PKCS#11 module seen through the
// worker: failures are Pkcs11CallError with the module's CKR code. It keeps a log of the calls
// (never the PIN) so tests can count logins and see which mechanism was used.
import { constants, privateEncrypt, sign as cryptoSign, type KeyObject } from 'node:crypto';
import type {
  CardBackend,
  ModuleDescription,
  SignRequest,
  SlotDescription,
  TokenDescription,
  TokenObjects,
} from '../../../src/card/backend/CardBackend.js';
import { Pkcs11CallError } from '../../../src/card/errors/Pkcs11CallError.js';
import { CKM, CKR, TOKEN_FLAGS } from '../../../src/card/pkcs11/pkcs11Constants.js';

export interface FakeKey {
  readonly idHex: string;
  readonly label: string;
  readonly key: KeyObject;
  readonly alwaysAuthenticate?: boolean;
}

export interface FakeCard {
  readonly label: string;
  readonly serial: string;
  readonly pin: string;
  readonly certificates: readonly {
    readonly idHex: string;
    readonly label: string;
    readonly der: Uint8Array;
  }[];
  readonly keys: readonly FakeKey[];
  /** Default: SHA-1, SHA-256 hash-and-sign and raw RSA PKCS#1. */
  readonly mechanisms?: readonly number[];
  /** Default 3, as many smart cards. */
  readonly maxTries?: number;
  /** Default true: a blank card has it false. */
  readonly initialized?: boolean;
  readonly minPinLength?: number;
  readonly maxPinLength?: number;
}

interface CardState {
  readonly card: FakeCard;
  triesLeft: number;
  loggedIn: boolean;
}

export interface FakeCall {
  readonly op: string;
  readonly slotId?: string;
  readonly mechanism?: number;
  readonly contextPin?: boolean;
}

export const DEFAULT_FAKE_MECHANISMS: readonly number[] = [
  CKM.RSA_PKCS,
  CKM.SHA1_RSA_PKCS,
  CKM.SHA256_RSA_PKCS,
];

export class FakeCardBackend implements CardBackend {
  readonly calls: FakeCall[] = [];
  private readonly slots: (CardState | null)[];
  private readonly resetListeners = new Set<(reason: string) => void>();
  private readonly failures = new Map<string, number>();
  /** Runs inside `sign`, before the signature: pull the card out, swap it… */
  duringNextSign: (() => void) | null = null;
  /** Signs with this key instead of the card's (a broken pairing). */
  signWith: KeyObject | null = null;

  constructor(readers = 1) {
    this.slots = Array.from({ length: readers }, () => null);
  }

  slotId(index: number): string {
    return `0${index}00000000000000`;
  }

  insert(index: number, card: FakeCard): void {
    this.slots[index] = { card, triesLeft: card.maxTries ?? 3, loggedIn: false };
  }

  remove(index: number): void {
    this.slots[index] = null;
  }

  /** The next call to `op` fails with `ckr`. */
  failNext(op: string, ckr: number): void {
    this.failures.set(op, ckr);
  }

  /** What a worker restart does: modules reloaded, sessions and logins lost. */
  reset(reason = 'test'): void {
    for (const state of this.slots) if (state) state.loggedIn = false;
    for (const listener of this.resetListeners) listener(reason);
  }

  triesLeft(index: number): number | null {
    return this.slots[index]?.triesLeft ?? null;
  }

  initialize(): Promise<ModuleDescription> {
    this.calls.push({ op: 'initialize' });
    return Promise.resolve({
      path: '/fake/libfake.so',
      libraryDescription: 'Fake PKCS#11',
      manufacturer: 'Navette tests',
      libraryVersion: '1.0',
      cryptokiVersion: '2.40',
    });
  }

  listSlots(): Promise<readonly SlotDescription[]> {
    return this.run('listSlots', undefined, () =>
      this.slots.map((state, index) => ({
        slotId: this.slotId(index),
        description: `Lecteur de test ${index}`,
        manufacturer: 'Navette tests',
        tokenPresent: state !== null,
        removable: true,
        hardware: true,
      })),
    );
  }

  getTokenInfo(slotId: string): Promise<TokenDescription> {
    return this.run('getTokenInfo', slotId, () => {
      const { card, triesLeft } = this.state(slotId);
      const max = card.maxTries ?? 3;
      let flags = TOKEN_FLAGS.LOGIN_REQUIRED | TOKEN_FLAGS.USER_PIN_INITIALIZED;
      if (card.initialized !== false) flags |= TOKEN_FLAGS.TOKEN_INITIALIZED;
      if (triesLeft < max) flags |= TOKEN_FLAGS.USER_PIN_COUNT_LOW;
      if (triesLeft === 1) flags |= TOKEN_FLAGS.USER_PIN_FINAL_TRY;
      if (triesLeft === 0) flags |= TOKEN_FLAGS.USER_PIN_LOCKED;
      return {
        label: card.label,
        serialNumber: card.serial,
        manufacturer: 'Navette tests',
        model: 'Fake CPS',
        flags,
        minPinLength: card.minPinLength ?? 4,
        maxPinLength: card.maxPinLength ?? 8,
      };
    });
  }

  listObjects(slotId: string): Promise<TokenObjects> {
    return this.run('listObjects', slotId, () => {
      const state = this.state(slotId);
      return {
        certificates: state.card.certificates,
        // Private keys are private objects: visible once logged in, as on real cards.
        privateKeys: state.loggedIn
          ? state.card.keys.map((k) => ({
              idHex: k.idHex,
              label: k.label,
              canSign: true,
              alwaysAuthenticate: k.alwaysAuthenticate ?? false,
            }))
          : [],
      };
    });
  }

  getMechanisms(slotId: string): Promise<readonly number[]> {
    return this.run(
      'getMechanisms',
      slotId,
      () => this.state(slotId).card.mechanisms ?? DEFAULT_FAKE_MECHANISMS,
    );
  }

  login(slotId: string, pin: string): Promise<void> {
    return this.run('login', slotId, () => {
      const state = this.state(slotId);
      if (state.triesLeft === 0) throw new Pkcs11CallError('C_Login', CKR.PIN_LOCKED);
      if (pin !== state.card.pin) {
        state.triesLeft -= 1;
        throw new Pkcs11CallError('C_Login', CKR.PIN_INCORRECT);
      }
      state.triesLeft = state.card.maxTries ?? 3;
      state.loggedIn = true;
    });
  }

  logout(slotId: string): Promise<void> {
    return this.run('logout', slotId, () => {
      this.state(slotId).loggedIn = false;
    });
  }

  sign(request: SignRequest): Promise<Uint8Array> {
    this.calls.push({
      op: 'sign',
      slotId: request.slotId,
      mechanism: request.mechanism,
      contextPin: request.contextPin !== undefined,
    });
    return this.attempt('sign', request.slotId, () => {
      const during = this.duringNextSign;
      this.duringNextSign = null;
      const before = this.state(request.slotId);
      during?.();
      const state = this.state(request.slotId, CKR.DEVICE_REMOVED);
      if (state !== before) throw new Pkcs11CallError('C_SignInit', CKR.KEY_HANDLE_INVALID);
      if (!state.loggedIn) throw new Pkcs11CallError('C_Sign', CKR.USER_NOT_LOGGED_IN);
      const key = state.card.keys.find((k) => k.idHex === request.keyIdHex);
      if (key === undefined) throw new Pkcs11CallError('C_SignInit', CKR.KEY_HANDLE_INVALID);
      if (key.alwaysAuthenticate && request.contextPin !== state.card.pin) {
        throw new Pkcs11CallError('C_Sign', CKR.USER_NOT_LOGGED_IN);
      }
      const mechanisms = state.card.mechanisms ?? DEFAULT_FAKE_MECHANISMS;
      if (!mechanisms.includes(request.mechanism))
        throw new Pkcs11CallError('C_SignInit', CKR.MECHANISM_INVALID);
      const privateKey = this.signWith ?? key.key;
      const data = Buffer.from(request.data);
      switch (request.mechanism) {
        case CKM.SHA256_RSA_PKCS:
          return new Uint8Array(cryptoSign('sha256', data, privateKey));
        case CKM.SHA1_RSA_PKCS:
          return new Uint8Array(cryptoSign('sha1', data, privateKey));
        default:
          return new Uint8Array(
            privateEncrypt({ key: privateKey, padding: constants.RSA_PKCS1_PADDING }, data),
          );
      }
    });
  }

  onDidReset(listener: (reason: string) => void): () => void {
    this.resetListeners.add(listener);
    return () => this.resetListeners.delete(listener);
  }

  close(): Promise<void> {
    this.calls.push({ op: 'close' });
    return Promise.resolve();
  }

  loginCalls(): number {
    return this.calls.filter((c) => c.op === 'login').length;
  }

  private state(slotId: string, absent: number = CKR.TOKEN_NOT_PRESENT): CardState {
    const index = this.slots.findIndex((_, i) => this.slotId(i) === slotId);
    if (index < 0) throw new Pkcs11CallError('C_GetTokenInfo', CKR.SLOT_ID_INVALID);
    const state = this.slots[index];
    if (state === null || state === undefined) throw new Pkcs11CallError('C_GetTokenInfo', absent);
    return state;
  }

  private run<T>(op: string, slotId: string | undefined, body: () => T): Promise<T> {
    this.calls.push(slotId === undefined ? { op } : { op, slotId });
    return this.attempt(op, slotId, body);
  }

  private attempt<T>(op: string, _slotId: string | undefined, body: () => T): Promise<T> {
    const injected = this.failures.get(op);
    if (injected !== undefined) {
      this.failures.delete(op);
      return Promise.reject(new Pkcs11CallError(`C_${op}`, injected));
    }
    try {
      return Promise.resolve(body());
    } catch (error: unknown) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }
}
