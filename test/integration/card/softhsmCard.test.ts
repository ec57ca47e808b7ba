// The card layer against a real PKCS#11 module: SoftHSM2 tokens provisioned by the sandbox with
// the test PKI's cards, pkcs11js in the forked card worker. Signatures are checked with the
// certificates through node:crypto.
import { X509Certificate, verify } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  CardMonitor,
  CardService,
  Pkcs11CardSigner,
  type CardEvent,
  type CardHandle,
} from '../../../src/card/index.js';
import { CKM } from '../../../src/card/pkcs11/pkcs11Constants.js';
import { generateTestPki, type TestCard, type TestPki } from '../../../src/sandbox/pki/index.js';
import {
  provisionSoftHsmToken,
  provisionTestCardTokens,
  tokenContentOf,
  type SoftHsmToken,
} from '../../../src/sandbox/softhsm/index.js';
import { makeTempDir, removeTempDirs } from '../../support/tempDir.js';
import { closeClients, softHsmClient } from './cardWorker.js';

let pki: TestPki;
let tokens: ReadonlyMap<string, SoftHsmToken>;
let rawOnly: SoftHsmToken;

beforeAll(() => {
  pki = generateTestPki();
  const outcome = provisionTestCardTokens({
    dir: makeTempDir('navette-card-hsm-'),
    cards: pki.cards,
  });
  if (outcome.tokens === null) throw new Error(`SoftHSM2 is required here: ${outcome.reason}`);
  tokens = outcome.tokens;
  const raw = provisionSoftHsmToken({
    dir: makeTempDir('navette-card-hsm-raw-'),
    content: tokenContentOf(card('gp')),
    mechanisms: 'no-hash-and-sign',
  });
  if (raw.token === null) throw new Error(raw.reason);
  rawOnly = raw.token;
});
afterEach(closeClients);
afterAll(removeTempDirs);

function card(key: string): TestCard {
  const found = pki.cards.find((c) => c.key === key);
  if (!found) throw new Error(`no card ${key}`);
  return found;
}

function token(key: string): SoftHsmToken {
  const found = tokens.get(key);
  if (!found) throw new Error(`no token ${key}`);
  return found;
}

function service(options: ConstructorParameters<typeof CardService>[1] = {}, client = newClient()) {
  return { client, service: new CardService(client, options) };
}

function newClient(extra: Parameters<typeof softHsmClient>[2] = {}) {
  const gp = token('gp');
  return softHsmClient(gp.module, gp.conf, extra);
}

const DATA = new TextEncoder().encode(
  '<ds:SignedInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"/>',
);

function verifies(
  certPem: string,
  signature: Uint8Array,
  hash: 'sha256' | 'sha1' = 'sha256',
): boolean {
  return verify(hash, DATA, new X509Certificate(certPem).publicKey, signature);
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error: unknown) {
    return error;
  }
  throw new Error('expected a rejection');
}

async function loggedInGp(s: CardService): Promise<CardHandle> {
  const handle = await s.findCard(card('gp').label);
  await s.login(handle, '1234');
  return handle;
}

describe('the card worker on SoftHSM2', () => {
  it('loads the module in the child process and lists the four test cards', async () => {
    const { client, service: s } = service();
    const module = await client.initialize();
    expect(module.manufacturer).toBe('SoftHSM');
    expect(client.pid).not.toBe(process.pid);
    const inventory = await s.inventory();
    expect(inventory.cards.map((c) => c.label).sort()).toEqual(
      pki.cards.map((c) => c.label).sort(),
    );
    expect(inventory.cards.find((c) => c.label === card('gp').label)?.serial).toBe(
      token('gp').serial,
    );
    expect(await rejection(s.findCard())).toMatchObject({ code: 'CARD_AMBIGUOUS' });
  });

  it('reads the certificates, pairs them with their keys, and tells the holder', async () => {
    const { service: s } = service();
    const handle = await s.findCard(card('gp').label);
    const before = await s.readCard(handle);
    expect(before.kind).toBe('CPS');
    expect(before.test).toBe(true);
    expect(before.holder).toEqual({
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
      label: 'Certificat de Signature CPS',
      keyUsage: ['nonRepudiation'],
      validity: 'valid',
      hasPrivateKey: null, // SoftHSM keys are private objects: invisible before login
    });
    expect(before.authentication).toMatchObject({ role: 'authentication', ckaIdHex: '0120' });
    expect(before.signature?.serialHex).toBe(card('gp').signature.serialHex);
    await s.login(handle, '1234');
    const after = await s.readCard(handle);
    expect(after.signature?.hasPrivateKey).toBe(true);
    expect(after.authentication?.hasPrivateKey).toBe(true);
    expect(after.loggedIn).toBe(true);

    const cpe = await s.readCard(await s.findCard(card('secretary').label));
    expect(cpe.kind).toBe('CPE');
    expect(cpe.holder).toMatchObject({ nationalId: '3759900012/SEC001', professionCode: null });
  });

  it('maps a wrong PIN to CARD_PIN_INCORRECT (SoftHSM sets COUNT_LOW), then accepts the right one', async () => {
    const { service: s } = service();
    const handle = await s.findCard(card('nurse').label);
    const error = await rejection(s.login(handle, '9999'));
    expect(error).toMatchObject({
      code: 'CARD_PIN_INCORRECT',
      details: { countLow: true, triesLeft: null },
    });
    expect((error as Error).message).toContain('Code porteur incorrect');
    expect(JSON.stringify(error)).not.toContain('9999');
    await s.login(handle, '1234');
    expect(s.isLoggedIn(handle)).toBe(true);
  });

  it('signs with the signature key (SHA-256 and SHA-1) and the authentication key when asked', async () => {
    const { service: s } = service();
    const handle = await loggedInGp(s);
    const sha256 = await s.sign(handle, 'signature', DATA, 'rsa-sha256');
    expect(verifies(card('gp').signature.certPem, sha256)).toBe(true);
    expect(verifies(card('gp').authentication.certPem, sha256)).toBe(false);
    const sha1 = await s.sign(handle, 'signature', DATA, 'rsa-sha1');
    expect(verifies(card('gp').signature.certPem, sha1, 'sha1')).toBe(true);
    const auth = await s.sign(handle, 'authentication', DATA, 'rsa-sha256');
    expect(verifies(card('gp').authentication.certPem, auth)).toBe(true);
  });

  it('gives the same signature through the forced CKM_RSA_PKCS + DigestInfo fallback', async () => {
    const combined = service();
    const forced = service({ forceRawRsa: true });
    const a = await combined.service.sign(
      await loggedInGp(combined.service),
      'signature',
      DATA,
      'rsa-sha256',
    );
    const b = await forced.service.sign(
      await loggedInGp(forced.service),
      'signature',
      DATA,
      'rsa-sha256',
    );
    // PKCS#1 v1.5 is deterministic: both routes must produce the very same bytes.
    expect(Buffer.from(b)).toEqual(Buffer.from(a));
    const sha1 = await forced.service.sign(
      await loggedInGp(forced.service),
      'signature',
      DATA,
      'rsa-sha1',
    );
    expect(verifies(card('gp').signature.certPem, sha1, 'sha1')).toBe(true);
  });

  it('falls back by itself on a token without the hash-and-sign mechanisms', async () => {
    const client = softHsmClient(rawOnly.module, rawOnly.conf);
    const s = new CardService(client);
    const handle = await s.findCard(rawOnly.tokenLabel);
    const mechanisms = await client.getMechanisms(handle.slotId);
    expect(mechanisms).toContain(CKM.RSA_PKCS);
    expect(mechanisms).not.toContain(CKM.SHA256_RSA_PKCS);
    await s.login(handle, '1234');
    const signature = await s.sign(handle, 'signature', DATA, 'rsa-sha256');
    expect(verifies(card('gp').signature.certPem, signature)).toBe(true);
  });

  it('signs on a token without RSA-PSS (PKCS#1 v1.5 only, as some Cryptolib versions)', async () => {
    const noPss = provisionSoftHsmToken({
      dir: makeTempDir('navette-card-hsm-nopss-'),
      content: tokenContentOf(card('cardiologist')),
      mechanisms: 'no-pss',
    });
    if (noPss.token === null) throw new Error(noPss.reason);
    const client = softHsmClient(noPss.token.module, noPss.token.conf);
    const s = new CardService(client);
    const handle = await s.findCard(card('cardiologist').label);
    const mechanisms = await client.getMechanisms(handle.slotId);
    expect(mechanisms).not.toContain(CKM.RSA_PKCS_PSS);
    expect(mechanisms).not.toContain(CKM.SHA256_RSA_PKCS_PSS);
    expect(mechanisms).toContain(CKM.SHA256_RSA_PKCS);
    await s.login(handle, '1234');
    const signature = await s.sign(handle, 'signature', DATA, 'rsa-sha256');
    expect(verifies(card('cardiologist').signature.certPem, signature)).toBe(true);
  });

  it('serves the XML signer port with the card signature key', async () => {
    const { service: s } = service();
    const handle = await loggedInGp(s);
    const signer = await Pkcs11CardSigner.create(s, handle);
    expect(Buffer.from(signer.certificateDer)).toEqual(
      new X509Certificate(card('gp').signature.certPem).raw,
    );
    expect(verifies(card('gp').signature.certPem, await signer.sign(DATA, 'rsa-sha256'))).toBe(
      true,
    );
  });

  it('reports every card as inserted on the first poll, then nothing while nothing changes', async () => {
    const { service: s } = service();
    const monitor = new CardMonitor(s);
    const first: readonly CardEvent[] = await monitor.poll();
    expect(first.filter((e) => e.type === 'inserted')).toHaveLength(pki.cards.length);
    expect(await monitor.poll()).toEqual([]);
  });
});

describe('when the card worker fails', () => {
  it('fails the operation in flight with CARD_WORKER_CRASHED, restarts, and asks for the PIN again', async () => {
    const client = newClient({ enableDebugOperations: true });
    const s = new CardService(client);
    const handle = await loggedInGp(s);
    const firstPid = client.pid;
    const crash = await rejection(client.debug('exit'));
    expect(crash).toMatchObject({
      code: 'CARD_WORKER_CRASHED',
      details: { operation: 'debug', exitCode: 70 },
    });
    expect((crash as Error).message).toContain('relance');
    // The next operation waits for the restarted worker, which loads the module again.
    expect((await s.inventory()).cards).toHaveLength(pki.cards.length);
    expect(client.restarts).toBe(1);
    expect(client.pid).not.toBe(firstPid);
    expect(await rejection(s.sign(handle, 'signature', DATA, 'rsa-sha256'))).toMatchObject({
      code: 'CARD_PIN_REQUIRED',
    });
    await s.login(handle, '1234');
    expect(
      verifies(card('gp').signature.certPem, await s.sign(handle, 'signature', DATA, 'rsa-sha256')),
    ).toBe(true);
  });

  it('kills a hung worker after the timeout and carries on with a new one', async () => {
    const client = newClient({ enableDebugOperations: true, timeoutsMs: { debug: 500 } });
    const s = new CardService(client);
    await client.initialize();
    const hung = await rejection(client.debug('hang'));
    expect(hung).toMatchObject({
      code: 'CARD_WORKER_TIMEOUT',
      details: { operation: 'debug', timeoutMs: 500 },
    });
    expect((await s.inventory()).cards).toHaveLength(pki.cards.length);
    expect(client.restarts).toBe(1);
  });

  it('refuses the debug operations unless enabled', async () => {
    const client = newClient();
    expect(await rejection(client.debug('exit'))).toMatchObject({
      message: expect.stringContaining('disabled'),
    });
    expect(client.restarts).toBe(0);
  });

  it('says in French that a module cannot be loaded', async () => {
    const client = softHsmClient('/nonexistent/libcps3_pkcs11_lux.so', token('gp').conf);
    const error = await rejection(new CardService(client).inventory());
    expect(error).toMatchObject({ code: 'CARD_MODULE_LOAD_FAILED' });
    expect((error as Error).message).toContain("n'a pas pu être chargé");
  });
});
