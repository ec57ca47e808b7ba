// SoftHSM2 test tokens, checked with OpenSC's pkcs11-tool as the independent reader.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTestPki, type TestPki } from '../../../src/sandbox/pki/index.js';
import {
  locateSoftHsm,
  provisionSoftHsmToken,
  provisionTestCardTokens,
  tokenContentOf,
  type SoftHsmToken,
} from '../../../src/sandbox/softhsm/index.js';
import { makeTempDir, removeTempDirs } from '../../support/tempDir.js';

let pki: TestPki;
let store: string;
let tokens: ReadonlyMap<string, SoftHsmToken>;

beforeAll(() => {
  pki = generateTestPki();
  store = makeTempDir('navette-softhsm-');
  const outcome = provisionTestCardTokens({ dir: store, cards: pki.cards });
  if (outcome.tokens === null) throw new Error(`SoftHSM2 is required here: ${outcome.reason}`);
  tokens = outcome.tokens;
});
afterAll(removeTempDirs);

function token(key: string): SoftHsmToken {
  const t = tokens.get(key);
  if (!t) throw new Error(`no token for ${key}`);
  return t;
}

function pkcs11Tool(t: SoftHsmToken, args: readonly string[]): string {
  return execFileSync('pkcs11-tool', ['--module', t.module, ...args], {
    env: { ...process.env, SOFTHSM2_CONF: t.conf },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

describe('SoftHSM2 test tokens', () => {
  it('finds the module Debian installs, and the two command-line tools', () => {
    const lookup = locateSoftHsm();
    expect(lookup.installation?.module).toBe('/usr/lib/softhsm/libsofthsm2.so');
    expect(path.basename(lookup.installation?.softhsmUtil ?? '')).toBe('softhsm2-util');
    expect(path.basename(lookup.installation?.pkcs11Tool ?? '')).toBe('pkcs11-tool');
  });

  it('creates one token per card in a private store, labelled with the card label', () => {
    const gp = token('gp');
    expect(gp.conf).toBe(path.join(store, 'softhsm2.conf'));
    expect(readFileSync(gp.conf, 'utf8')).toContain(
      `directories.tokendir = ${path.join(store, 'tokens')}`,
    );
    expect(gp.pin).toBe('1234');
    expect(gp.serial).toMatch(/^[0-9a-f]{16}$/);
    const slots = pkcs11Tool(gp, ['--list-token-slots']);
    for (const card of pki.cards) expect(slots).toContain(`token label        : ${card.label}`);
    expect(new Set([...tokens.values()].map((t) => t.serial)).size).toBe(pki.cards.length);
  });

  it('holds both certificates and both private keys under their CKA_IDs and labels', () => {
    const gp = token('gp');
    const objects = pkcs11Tool(gp, [
      '--token-label',
      gp.tokenLabel,
      '--login',
      '--pin',
      gp.pin,
      '--list-objects',
    ]);
    const blocks = objects.split(/\n(?=\S)/);
    const find = (kind: string, label: string) =>
      blocks.find((b) => b.startsWith(kind) && b.includes(`label:      ${label}`)) ?? '';
    const authCert = find('Certificate Object', "Certificat d'Authentification CPS");
    expect(authCert).toMatch(/ID:\s+0120/);
    expect(authCert).toContain('CN=899900100001');
    expect(find('Certificate Object', 'Certificat de Signature CPS')).toMatch(/ID:\s+0110/);
    const authKey = find('Private Key Object', "Clé privée d'Authentification CPS");
    expect(authKey).toMatch(/ID:\s+0120/);
    expect(authKey).toContain('sign');
    expect(authKey).toContain('sensitive');
    expect(find('Private Key Object', 'Clé privée de Signature CPS')).toMatch(/ID:\s+0110/);
  });

  it('imports keys that sign for their certificate (pkcs11-tool signs, openssl verifies)', () => {
    const gp = token('gp');
    const dir = makeTempDir('navette-softhsm-sig-');
    const data = path.join(dir, 'data.bin');
    const sig = path.join(dir, 'sig.bin');
    const cert = path.join(dir, 'sign.pem');
    execFileSync('sh', ['-c', `printf 'VIHF' > ${data}`]);
    execFileSync('sh', ['-c', `cat > ${cert}`], { input: pki.cards[0]?.signature.certPem ?? '' });
    pkcs11Tool(gp, [
      '--token-label',
      gp.tokenLabel,
      '--login',
      '--pin',
      gp.pin,
      '--sign',
      '--id',
      '0110',
      '--mechanism',
      'SHA256-RSA-PKCS',
      '--input-file',
      data,
      '--output-file',
      sig,
    ]);
    const pub = execFileSync('openssl', ['x509', '-in', cert, '-noout', '-pubkey'], {
      encoding: 'utf8',
    });
    const pubFile = path.join(dir, 'pub.pem');
    execFileSync('sh', ['-c', `cat > ${pubFile}`], { input: pub });
    const verdict = execFileSync(
      'openssl',
      ['dgst', '-sha256', '-verify', pubFile, '-signature', sig, data],
      { encoding: 'utf8' },
    );
    expect(verdict.trim()).toBe('Verified OK');
  });

  it('replaces a token of the same label instead of adding a second one', () => {
    const again = provisionSoftHsmToken({
      dir: store,
      content: tokenContentOf(pki.cards[1] ?? pki.cards[0]!),
    });
    expect(again.token?.tokenLabel).toBe(pki.cards[1]?.label);
    const slots = pkcs11Tool(token('gp'), ['--list-token-slots']);
    expect(slots.split(`token label        : ${pki.cards[1]?.label}`).length - 1).toBe(1);
    expect(again.token?.serial).not.toBe(token('cardiologist').serial);
  });

  it('emulates a card without the hash-and-sign mechanisms (DigestInfo fallback case)', () => {
    const dir = makeTempDir('navette-softhsm-raw-');
    const outcome = provisionSoftHsmToken({
      dir,
      content: tokenContentOf(pki.cards[0]!),
      mechanisms: 'no-hash-and-sign',
    });
    if (outcome.token === null) throw new Error(outcome.reason);
    const mechanisms = pkcs11Tool(outcome.token, [
      '--token-label',
      outcome.token.tokenLabel,
      '--list-mechanisms',
    ]);
    expect(mechanisms).toMatch(/^\s*RSA-PKCS, /m);
    expect(mechanisms).not.toMatch(/SHA256-RSA-PKCS\b(?!-PSS)/);
    expect(mechanisms).not.toContain('RSA-PKCS-PSS');
  });

  it('returns no token, with a French reason, when SoftHSM2 is not installed', () => {
    const outcome = provisionTestCardTokens({
      dir: makeTempDir('navette-softhsm-none-'),
      cards: pki.cards,
      locate: { modulePath: '/nonexistent/libsofthsm2.so' },
    });
    expect(outcome.tokens).toBeNull();
    expect(outcome.reason).toContain("SoftHSM2 n'est pas installé");
    const noTools = locateSoftHsm({ searchPath: '' });
    expect(noTools.installation).toBeNull();
    expect(noTools.reason).toContain('softhsm2-util');
  });
});
