// The card logic over the PKCS#11 port: which cards are there, what they hold, the PIN, signing.
// Rules it enforces:
// - every operation checks that the slot still holds the same card (serial), else
//   CARD_REMOVED / CARD_CHANGED;
// - the PIN is passed to the token once and forgotten; a wrong PIN is reported with what the
//   token flags say about the tries left, and never retried;
// - signing uses the SIGNATURE key only for XML signatures, checks the certificate dates first,
//   and verifies the result against the certificate (a wrong key pairing cannot go unnoticed).
import { X509Certificate, verify as verifySignature } from 'node:crypto';
import type { SignatureAlgorithm } from '../../domain/ports/XmlSigner.js';
import type { CardBackend, TokenDescription } from '../backend/CardBackend.js';
import {
  classifyCardKeys,
  type CardKeys,
  type ClassifiedCertificate,
  type KeyRole,
} from '../certificates/classifyCardKeys.js';
import { cardErrors } from '../errors/cardErrors.js';
import { isPkcs11CallError } from '../errors/Pkcs11CallError.js';
import { CKR, TOKEN_FLAGS } from '../pkcs11/pkcs11Constants.js';
import { HASH_OF, planSignature } from '../signing/digestInfo.js';
import { isCardGone, signingFailure } from './cardFailures.js';
import type {
  CardCertificate,
  CardDetails,
  CardHandle,
  CardInventory,
  CardSummary,
  CertificateValidity,
} from './cardTypes.js';
import { pinStateFromFlags, type PinState } from './pinState.js';

export interface CardServiceOptions {
  /** The clock for certificate dates (default: the system clock). */
  readonly now?: () => Date;
  /** Always sign with CKM_RSA_PKCS over a DigestInfo, even when the card hashes itself. */
  readonly forceRawRsa?: boolean;
}

export interface SignOptions {
  /** Only for keys that demand the PIN at every signature (CKA_ALWAYS_AUTHENTICATE). */
  readonly pin?: string;
}

interface CardCache {
  readonly serial: string;
  keys: CardKeys | null;
  mechanisms: readonly number[] | null;
}

function validityAt(now: Date, notBefore: Date, notAfter: Date): CertificateValidity {
  if (now.getTime() < notBefore.getTime()) return 'not-yet-valid';
  if (now.getTime() > notAfter.getTime()) return 'expired';
  return 'valid';
}

export class CardService {
  private readonly now: () => Date;
  /** slotId → serial of the card logged in there (this process's PKCS#11 login state). */
  private readonly loggedIn = new Map<string, string>();
  private readonly cache = new Map<string, CardCache>();
  private readonly unsubscribeReset: () => void;

  constructor(
    private readonly backend: CardBackend,
    private readonly options: CardServiceOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    // A restarted worker has lost every session and login, and maybe renumbered the slots.
    this.unsubscribeReset = backend.onDidReset(() => this.forgetAll());
  }

  /** Every initialised token; an empty slot list means no reader at all. */
  async inventory(): Promise<CardInventory> {
    const slots = await this.backend.listSlots();
    const cards: CardSummary[] = [];
    for (const slot of slots) {
      if (!slot.tokenPresent) continue;
      let token: TokenDescription;
      try {
        token = await this.backend.getTokenInfo(slot.slotId);
      } catch (error: unknown) {
        if (isCardGone(error)) continue; // pulled out between the two calls
        throw error;
      }
      // SoftHSM keeps a blank token in a spare slot; a real reader may hold an unusable card.
      if ((token.flags & TOKEN_FLAGS.TOKEN_INITIALIZED) === 0) continue;
      cards.push(this.summary(slot.slotId, slot.description, token));
    }
    return { readers: slots.length, cards };
  }

  /** The card to use: the one labelled `label`, or the only one present. */
  async findCard(label?: string): Promise<CardHandle> {
    const { readers, cards } = await this.inventory();
    if (readers === 0) throw cardErrors.noReader();
    if (label !== undefined) {
      const card = cards.find((c) => c.label === label);
      if (card === undefined)
        throw cardErrors.notFound(
          label,
          cards.map((c) => c.label),
        );
      return card;
    }
    const [only, ...others] = cards;
    if (only === undefined) throw cardErrors.absent();
    if (others.length > 0) throw cardErrors.ambiguous(cards.map((c) => c.label));
    return only;
  }

  async pinState(handle: CardHandle): Promise<PinState> {
    return pinStateFromFlags((await this.sameCard(handle)).flags);
  }

  isLoggedIn(handle: CardHandle): boolean {
    return this.loggedIn.get(handle.slotId) === handle.serial;
  }

  async readCard(handle: CardHandle): Promise<CardDetails> {
    const token = await this.sameCard(handle);
    const keys = await this.keys(handle);
    const slots = await this.backend.listSlots();
    const reader = slots.find((s) => s.slotId === handle.slotId)?.description ?? '';
    const main = keys.signature ?? keys.authentication;
    return {
      ...this.summary(handle.slotId, reader, token),
      kind: main?.description.cardKind ?? null,
      test: main?.description.test ?? false,
      holder: main?.description.holder ?? null,
      authentication: keys.authentication === null ? null : this.certificate(keys.authentication),
      signature: keys.signature === null ? null : this.certificate(keys.signature),
      otherCertificates: keys.others.map((c) => this.certificate(c)),
    };
  }

  /** C_Login with the PIN the user typed. Never retried; the PIN is not kept. */
  async login(handle: CardHandle, pin: string): Promise<void> {
    const token = await this.sameCard(handle);
    const state = pinStateFromFlags(token.flags);
    if (state.locked) throw cardErrors.pinLocked();
    const sane = token.minPinLength > 0 && token.maxPinLength >= token.minPinLength;
    if (
      pin.length === 0 ||
      (sane && (pin.length < token.minPinLength || pin.length > token.maxPinLength))
    ) {
      throw cardErrors.pinInvalid(
        sane ? token.minPinLength : null,
        sane ? token.maxPinLength : null,
      );
    }
    try {
      await this.backend.login(handle.slotId, pin);
    } catch (error: unknown) {
      throw await this.loginFailure(handle, token, error);
    }
    this.loggedIn.set(handle.slotId, handle.serial);
    // Private keys become visible once logged in: read the objects again next time.
    this.invalidate(handle.slotId);
  }

  async logout(handle: CardHandle): Promise<void> {
    this.loggedIn.delete(handle.slotId);
    try {
      await this.backend.logout(handle.slotId);
    } catch (error: unknown) {
      if (!isCardGone(error)) throw error;
    }
  }

  /** Signs with the card's key of `role` (the SIGNATURE key for every XML signature). */
  async sign(
    handle: CardHandle,
    role: KeyRole,
    data: Uint8Array,
    algorithm: SignatureAlgorithm,
    options: SignOptions = {},
  ): Promise<Uint8Array> {
    await this.sameCard(handle);
    if (!this.isLoggedIn(handle)) throw cardErrors.pinRequired();
    const certificate = await this.usableCertificate(handle, role);
    const plan = planSignature(
      algorithm,
      data,
      await this.mechanisms(handle),
      this.options.forceRawRsa,
    );
    if (plan === null) throw cardErrors.mechanismUnsupported(algorithm);
    if (certificate.alwaysAuthenticate && options.pin === undefined) throw cardErrors.pinRequired();
    let signature: Uint8Array;
    try {
      signature = await this.backend.sign({
        slotId: handle.slotId,
        keyIdHex: certificate.token.idHex,
        mechanism: plan.mechanism,
        data: plan.input,
        ...(options.pin !== undefined ? { contextPin: options.pin } : {}),
      });
    } catch (error: unknown) {
      throw await this.operationFailure(handle, error, algorithm);
    }
    const publicKey = new X509Certificate(Buffer.from(certificate.token.der)).publicKey;
    if (!verifySignature(HASH_OF[algorithm], data, publicKey, signature))
      throw cardErrors.signatureInvalid();
    return signature;
  }

  /** The certificate of `role`, checked: present, paired with a key, within its dates. */
  async usableCertificate(handle: CardHandle, role: KeyRole): Promise<ClassifiedCertificate> {
    const keys = await this.keys(handle);
    const certificate = keys[role];
    if (certificate === null) throw cardErrors.certificateMissing(role);
    if (certificate.hasPrivateKey === false) throw cardErrors.keyMissing(role);
    const { notBefore, notAfter } = certificate.description;
    const validity = validityAt(this.now(), notBefore, notAfter);
    if (validity === 'expired') throw cardErrors.certificateExpired(role, notAfter);
    if (validity === 'not-yet-valid') throw cardErrors.certificateNotYetValid(role, notBefore);
    return certificate;
  }

  /** Forgets what is known about a slot (the monitor calls it on removal and swap). */
  forget(slotId: string): void {
    this.loggedIn.delete(slotId);
    this.cache.delete(slotId);
  }

  dispose(): void {
    this.unsubscribeReset();
  }

  private forgetAll(): void {
    this.loggedIn.clear();
    this.cache.clear();
  }

  private invalidate(slotId: string): void {
    const entry = this.cache.get(slotId);
    if (entry) entry.keys = null;
  }

  private summary(slotId: string, reader: string, token: TokenDescription): CardSummary {
    return {
      slotId,
      serial: token.serialNumber,
      label: token.label,
      readerDescription: reader,
      manufacturer: token.manufacturer,
      model: token.model,
      pin: pinStateFromFlags(token.flags),
      loggedIn: this.loggedIn.get(slotId) === token.serialNumber,
    };
  }

  private certificate(c: ClassifiedCertificate): CardCertificate {
    const d = c.description;
    return {
      role: c.role,
      evidence: c.evidence,
      ckaIdHex: c.token.idHex,
      label: c.token.label,
      der: c.token.der,
      subject: d.subject,
      issuer: d.issuer,
      serialHex: d.serialHex,
      notBefore: d.notBefore,
      notAfter: d.notAfter,
      validity: validityAt(this.now(), d.notBefore, d.notAfter),
      keyUsage: d.keyUsage,
      extendedKeyUsage: d.extendedKeyUsage,
      fingerprintSha256: d.fingerprintSha256,
      hasPrivateKey: c.hasPrivateKey,
    };
  }

  /** Token info of the slot, after checking it still holds the card of `handle`. */
  private async sameCard(handle: CardHandle): Promise<TokenDescription> {
    let token: TokenDescription;
    try {
      token = await this.backend.getTokenInfo(handle.slotId);
    } catch (error: unknown) {
      if (isCardGone(error)) {
        this.forget(handle.slotId);
        throw cardErrors.removed();
      }
      throw error;
    }
    if (token.serialNumber !== handle.serial) {
      this.forget(handle.slotId);
      throw cardErrors.changed();
    }
    return token;
  }

  private entry(handle: CardHandle): CardCache {
    const existing = this.cache.get(handle.slotId);
    if (existing && existing.serial === handle.serial) return existing;
    const fresh: CardCache = { serial: handle.serial, keys: null, mechanisms: null };
    this.cache.set(handle.slotId, fresh);
    return fresh;
  }

  private async keys(handle: CardHandle): Promise<CardKeys> {
    const entry = this.entry(handle);
    if (entry.keys === null) {
      try {
        entry.keys = classifyCardKeys(await this.backend.listObjects(handle.slotId));
      } catch (error: unknown) {
        throw await this.operationFailure(handle, error, '');
      }
    }
    return entry.keys;
  }

  private async mechanisms(handle: CardHandle): Promise<readonly number[]> {
    const entry = this.entry(handle);
    entry.mechanisms ??= await this.backend.getMechanisms(handle.slotId);
    return entry.mechanisms;
  }

  private async loginFailure(
    handle: CardHandle,
    before: TokenDescription,
    error: unknown,
  ): Promise<unknown> {
    if (isPkcs11CallError(error, CKR.PIN_INCORRECT)) {
      // The flags after the failure say how many tries are left (when the card says).
      const after = await this.backend.getTokenInfo(handle.slotId).catch(() => before);
      const state = pinStateFromFlags(after.flags);
      if (state.locked) return cardErrors.pinLocked();
      return cardErrors.pinIncorrect(state.triesLeft, state.countLow);
    }
    if (isPkcs11CallError(error, CKR.PIN_LOCKED)) return cardErrors.pinLocked();
    if (isPkcs11CallError(error, CKR.PIN_LEN_RANGE, CKR.PIN_INVALID)) {
      return cardErrors.pinInvalid(before.minPinLength || null, before.maxPinLength || null);
    }
    if (isPkcs11CallError(error, CKR.USER_PIN_NOT_INITIALIZED))
      return cardErrors.pinNotInitialized();
    return this.operationFailure(handle, error, '');
  }

  /** Maps a failure; a removal or swap also drops what was known of the slot. */
  private async operationFailure(
    handle: CardHandle,
    error: unknown,
    algorithm: string,
  ): Promise<unknown> {
    if (isPkcs11CallError(error, CKR.KEY_HANDLE_INVALID, CKR.OBJECT_HANDLE_INVALID)) {
      // Objects vanish when the card changes under an open session: tell which it was.
      const check = await this.sameCard(handle).then(
        () => null,
        (e: unknown) => e,
      );
      return check ?? error;
    }
    const mapped = signingFailure(error, algorithm);
    if (isCardGone(error) || isPkcs11CallError(error, CKR.USER_NOT_LOGGED_IN)) {
      this.forget(handle.slotId);
    }
    return mapped;
  }
}
