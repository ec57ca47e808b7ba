// The card service's rules, over the fake backend: what SoftHSM2 cannot show (PIN locking,
// final try, removal and swap mid-signature, worker reset).
import { X509Certificate, generateKeyPairSync, verify } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  CardService,
  Pkcs11CardSigner,
  isCardError,
  type CardHandle,
} from '../../../src/card/index.js';
import { CKM, CKR } from '../../../src/card/pkcs11/pkcs11Constants.js';
import {
  DEFAULT_TEST_CARDS,
  generateTestPki,
  type TestPki,
} from '../../../src/sandbox/pki/index.js';
import { FakeCardBackend } from '../../fakes/card/FakeCardBackend.js';
import { fakeCardOf } from '../../fakes/card/fakeCards.js';

let pki: TestPki;
let expired: TestPki;

beforeAll(() => {
  pki = generateTestPki();
  expired = generateTestPki({
    cards: DEFAULT_TEST_CARDS.slice(0, 1),
    now: new Date('2019-01-01T00:00:00Z'),
    leafValidityDays: 365,
  });
});

function gp() {
  const card = pki.cards.find((c) => c.key === 'gp');
  if (!card) throw new Error('no gp');
  return card;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error: unknown) {
    return error;
  }
  throw new Error('expected a rejection');
}

async function setup(overrides: Parameters<typeof fakeCardOf>[1] = {}) {
  const backend = new FakeCardBackend(2);
  backend.insert(0, fakeCardOf(gp(), overrides));
  const service = new CardService(backend);
  const handle = await service.findCard();
  return { backend, service, handle };
}

const DATA = new TextEncoder().encode('<ds:SignedInfo>…</ds:SignedInfo>');

function verifies(
  certPem: string,
  signature: Uint8Array,
  algorithm: 'sha256' | 'sha1' = 'sha256',
): boolean {
  return verify(algorithm, DATA, new X509Certificate(certPem).publicKey, signature);
}

describe('finding the card', () => {
  it('reports no reader, no card, several cards, or an unknown label', async () => {
    expect(
      (await rejection(new CardService(new FakeCardBackend(0)).findCard())) as object,
    ).toMatchObject({
      code: 'CARD_NO_READER',
    });
    const backend = new FakeCardBackend(2);
    const service = new CardService(backend);
    expect(await rejection(service.findCard())).toMatchObject({ code: 'CARD_ABSENT' });
    backend.insert(0, fakeCardOf(gp()));
    backend.insert(1, fakeCardOf(pki.cards[1] ?? gp(), { serial: 'OTHER' }));
    const ambiguous = await rejection(service.findCard());
    expect(ambiguous).toMatchObject({ code: 'CARD_AMBIGUOUS' });
    expect((ambiguous as Error).message).toContain('--card');
    expect((await service.findCard(gp().label)).label).toBe(gp().label);
    expect(await rejection(service.findCard('CPS INCONNUE'))).toMatchObject({
      code: 'CARD_NOT_FOUND',
    });
  });

  it('ignores a blank (uninitialised) token', async () => {
    const backend = new FakeCardBackend(1);
    backend.insert(0, fakeCardOf(gp(), { initialized: false }));
    expect((await new CardService(backend).inventory()).cards).toEqual([]);
  });
});

describe('the PIN', () => {
  it('says how bad a wrong PIN is, from the token flags, and locks after the last try', async () => {
    const { backend, service, handle } = await setup();
    const first = await rejection(service.login(handle, '0000'));
    expect(first).toMatchObject({
      code: 'CARD_PIN_INCORRECT',
      details: { triesLeft: null, countLow: true },
    });
    expect((first as Error).message).toContain('peu d’essais');
    const second = await rejection(service.login(handle, '0000'));
    expect(second).toMatchObject({ code: 'CARD_PIN_INCORRECT', details: { triesLeft: 1 } });
    expect((second as Error).message).toContain('un seul essai');
    expect((await service.pinState(handle)).finalTry).toBe(true);
    expect(await rejection(service.login(handle, '0000'))).toMatchObject({
      code: 'CARD_PIN_LOCKED',
    });
    expect((await service.pinState(handle)).locked).toBe(true);
    // Locked: the right PIN is not even sent to the card.
    const before = backend.loginCalls();
    expect(await rejection(service.login(handle, '1234'))).toMatchObject({
      code: 'CARD_PIN_LOCKED',
    });
    expect(backend.loginCalls()).toBe(before);
  });

  it('maps CKR_PIN_LOCKED from the card, and never retries a login by itself', async () => {
    const { backend, service, handle } = await setup();
    backend.failNext('login', CKR.PIN_LOCKED);
    expect(await rejection(service.login(handle, '1234'))).toMatchObject({
      code: 'CARD_PIN_LOCKED',
    });
    expect(backend.loginCalls()).toBe(1);
    await service.login(handle, '1234');
    expect(backend.loginCalls()).toBe(2);
    expect(service.isLoggedIn(handle)).toBe(true);
  });

  it('refuses a PIN of the wrong length without spending a try', async () => {
    const { backend, service, handle } = await setup();
    expect(await rejection(service.login(handle, '12'))).toMatchObject({
      code: 'CARD_PIN_INVALID',
      details: { minLength: 4, maxLength: 8 },
    });
    expect(await rejection(service.login(handle, ''))).toMatchObject({ code: 'CARD_PIN_INVALID' });
    expect(backend.loginCalls()).toBe(0);
    expect(backend.triesLeft(0)).toBe(3);
  });

  it('never puts the PIN in an error', async () => {
    const { service, handle } = await setup();
    const error = await rejection(service.login(handle, '9876'));
    expect(JSON.stringify(error)).not.toContain('9876');
    expect(String((error as Error).message)).not.toContain('9876');
    expect(String((error as Error).stack)).not.toContain('9876');
  });
});

describe('signing', () => {
  it('needs the PIN first', async () => {
    const { service, handle } = await setup();
    expect(await rejection(service.sign(handle, 'signature', DATA, 'rsa-sha256'))).toMatchObject({
      code: 'CARD_PIN_REQUIRED',
    });
  });

  it('signs with the signature key (combined mechanism), SHA-256 and SHA-1', async () => {
    const { backend, service, handle } = await setup();
    await service.login(handle, '1234');
    const sha256 = await service.sign(handle, 'signature', DATA, 'rsa-sha256');
    expect(verifies(gp().signature.certPem, sha256)).toBe(true);
    expect(verifies(gp().authentication.certPem, sha256)).toBe(false);
    const sha1 = await service.sign(handle, 'signature', DATA, 'rsa-sha1');
    expect(verifies(gp().signature.certPem, sha1, 'sha1')).toBe(true);
    const mechanisms = backend.calls.filter((c) => c.op === 'sign').map((c) => c.mechanism);
    expect(mechanisms).toEqual([CKM.SHA256_RSA_PKCS, CKM.SHA1_RSA_PKCS]);
  });

  it('falls back to CKM_RSA_PKCS over a DigestInfo when forced or when the card lacks the mechanism', async () => {
    const forced = await setup();
    const service = new CardService(forced.backend, { forceRawRsa: true });
    await service.login(forced.handle, '1234');
    const raw = await service.sign(forced.handle, 'signature', DATA, 'rsa-sha256');
    expect(verifies(gp().signature.certPem, raw)).toBe(true);
    expect(forced.backend.calls.at(-1)?.mechanism).toBe(CKM.RSA_PKCS);

    const rawOnly = await setup({ mechanisms: [CKM.RSA_PKCS] });
    await rawOnly.service.login(rawOnly.handle, '1234');
    const sig = await rawOnly.service.sign(rawOnly.handle, 'signature', DATA, 'rsa-sha1');
    expect(verifies(gp().signature.certPem, sig, 'sha1')).toBe(true);
    expect(rawOnly.backend.calls.at(-1)?.mechanism).toBe(CKM.RSA_PKCS);

    const none = await setup({ mechanisms: [CKM.SHA256_RSA_PKCS] });
    await none.service.login(none.handle, '1234');
    expect(
      await rejection(none.service.sign(none.handle, 'signature', DATA, 'rsa-sha1')),
    ).toMatchObject({
      code: 'CARD_MECHANISM_UNSUPPORTED',
    });
  });

  it('reports a card pulled out during the signature, and forgets its login', async () => {
    const { backend, service, handle } = await setup();
    await service.login(handle, '1234');
    backend.duringNextSign = () => backend.remove(0);
    const error = await rejection(service.sign(handle, 'signature', DATA, 'rsa-sha256'));
    expect(error).toMatchObject({ code: 'CARD_REMOVED' });
    expect((error as Error).message).toContain('retirée');
    expect(service.isLoggedIn(handle)).toBe(false);
    backend.insert(0, fakeCardOf(gp()));
    expect(await rejection(service.sign(handle, 'signature', DATA, 'rsa-sha256'))).toMatchObject({
      code: 'CARD_PIN_REQUIRED',
    });
  });

  it('reports a card swapped during the signature, and between two operations', async () => {
    const { backend, service, handle } = await setup();
    await service.login(handle, '1234');
    const other = fakeCardOf(pki.cards[1] ?? gp(), { serial: 'SWAPPED' });
    backend.duringNextSign = () => backend.insert(0, other);
    expect(await rejection(service.sign(handle, 'signature', DATA, 'rsa-sha256'))).toMatchObject({
      code: 'CARD_CHANGED',
    });
    expect(await rejection(service.readCard(handle))).toMatchObject({ code: 'CARD_CHANGED' });
    expect(service.isLoggedIn(handle)).toBe(false);
  });

  it('forgets every login when the worker was reset', async () => {
    const { backend, service, handle } = await setup();
    await service.login(handle, '1234');
    backend.reset('crash');
    expect(service.isLoggedIn(handle)).toBe(false);
    expect(await rejection(service.sign(handle, 'signature', DATA, 'rsa-sha256'))).toMatchObject({
      code: 'CARD_PIN_REQUIRED',
    });
  });

  it('asks for the PIN again when the card lost its login behind our back', async () => {
    const { backend, service, handle } = await setup();
    await service.login(handle, '1234');
    await backend.logout(handle.slotId); // e.g. pulled out and put back between two polls
    expect(await rejection(service.sign(handle, 'signature', DATA, 'rsa-sha256'))).toMatchObject({
      code: 'CARD_PIN_REQUIRED',
    });
    expect(service.isLoggedIn(handle)).toBe(false);
  });

  it('refuses an expired signature certificate before touching the key', async () => {
    const old = expired.cards[0];
    if (!old) throw new Error('no card');
    const backend = new FakeCardBackend(1);
    backend.insert(0, fakeCardOf(old));
    const service = new CardService(backend);
    const handle = await service.findCard();
    await service.login(handle, '1234');
    const error = await rejection(service.sign(handle, 'signature', DATA, 'rsa-sha256'));
    expect(error).toMatchObject({
      code: 'CARD_CERTIFICATE_EXPIRED',
      details: { role: 'signature' },
    });
    expect((error as Error).message).toMatch(/a expiré le \d\d\/\d\d\/2020/);
    expect(backend.calls.some((c) => c.op === 'sign')).toBe(false);
    const early = new CardService(backend, { now: () => new Date('2018-06-01T00:00:00Z') });
    expect(await rejection(early.usableCertificate(handle, 'signature'))).toMatchObject({
      code: 'CARD_CERTIFICATE_NOT_YET_VALID',
    });
  });

  it('detects a signature that does not match the certificate', async () => {
    const { backend, service, handle } = await setup();
    await service.login(handle, '1234');
    backend.signWith = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    expect(await rejection(service.sign(handle, 'signature', DATA, 'rsa-sha256'))).toMatchObject({
      code: 'CARD_SIGNATURE_INVALID',
    });
  });

  it('passes the PIN for each signature to a key that always asks for it', async () => {
    const base = fakeCardOf(gp());
    const { backend, service, handle } = await setup({
      keys: base.keys.map((k) => ({ ...k, alwaysAuthenticate: true })),
    });
    await service.login(handle, '1234');
    expect(await rejection(service.sign(handle, 'signature', DATA, 'rsa-sha256'))).toMatchObject({
      code: 'CARD_PIN_REQUIRED',
    });
    const signature = await service.sign(handle, 'signature', DATA, 'rsa-sha256', { pin: '1234' });
    expect(verifies(gp().signature.certPem, signature)).toBe(true);
    expect(backend.calls.at(-1)?.contextPin).toBe(true);
  });

  it('gives the XML signer port the signature certificate', async () => {
    const { service, handle } = await setup();
    await service.login(handle, '1234');
    const signer = await Pkcs11CardSigner.create(service, handle);
    expect(Buffer.from(signer.certificateDer)).toEqual(
      new X509Certificate(gp().signature.certPem).raw,
    );
    expect(signer.description).toContain(gp().label);
    expect(verifies(gp().signature.certPem, await signer.sign(DATA, 'rsa-sha256'))).toBe(true);
  });
});

describe('reading the card', () => {
  it('tells the holder, the card type and which certificate is which', async () => {
    const { service, handle } = await setup();
    const before = await service.readCard(handle);
    expect(before.kind).toBe('CPS');
    expect(before.test).toBe(true);
    expect(before.holder).toMatchObject({
      nationalId: '899900100001',
      family: 'MARTIN',
      given: 'CLAIRE',
      professionCode: '10',
      professionLabel: 'Médecin',
      specialties: ['SM54'],
    });
    expect(before.signature).toMatchObject({
      role: 'signature',
      ckaIdHex: '0110',
      validity: 'valid',
      hasPrivateKey: null,
    });
    expect(before.authentication).toMatchObject({ role: 'authentication', ckaIdHex: '0120' });
    await service.login(handle, '1234');
    const after = await service.readCard(handle);
    expect(after.loggedIn).toBe(true);
    expect(after.signature?.hasPrivateKey).toBe(true);
    expect(after.authentication?.hasPrivateKey).toBe(true);
  });

  it('reads a CPE: no profession, card type CPE', async () => {
    const cpe = pki.cards.find((c) => c.key === 'secretary');
    if (!cpe) throw new Error('no cpe');
    const backend = new FakeCardBackend(1);
    backend.insert(0, fakeCardOf(cpe));
    const service = new CardService(backend);
    const details = await service.readCard(await service.findCard());
    expect(details.kind).toBe('CPE');
    expect(details.holder).toMatchObject({
      nationalId: '3759900012/SEC001',
      professionCode: null,
      specialties: [],
    });
  });

  it('reports a card pulled out before reading it', async () => {
    const { backend, service, handle } = await setup();
    backend.remove(0);
    const error = await rejection(service.readCard(handle));
    expect(isCardError(error, 'CARD_REMOVED')).toBe(true);
    expect(await rejection(service.pinState(handle as CardHandle))).toMatchObject({
      code: 'CARD_REMOVED',
    });
  });
});
