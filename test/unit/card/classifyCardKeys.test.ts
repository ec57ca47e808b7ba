// Which certificate is the authentication one and which the signature one, and their keys.
import { X509Certificate } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { classifyCardKeys, type TokenObjects } from '../../../src/card/index.js';
import { generateTestPki, type TestPki } from '../../../src/sandbox/pki/index.js';

let pki: TestPki;
beforeAll(() => {
  pki = generateTestPki();
});

function raw(pem: string): Uint8Array {
  return new Uint8Array(new X509Certificate(pem).raw);
}

function gpObjects(
  ids: { auth: string; sign: string },
  labels = { auth: 'A', sign: 'B' },
): TokenObjects {
  const gp = pki.cards[0];
  if (!gp) throw new Error('no card');
  return {
    certificates: [
      { idHex: ids.sign, label: labels.sign, der: raw(gp.signature.certPem) },
      { idHex: ids.auth, label: labels.auth, der: raw(gp.authentication.certPem) },
    ],
    privateKeys: [],
  };
}

describe('classifyCardKeys', () => {
  it('uses the extended key usage and key usage first, whatever the CKA_IDs', () => {
    const keys = classifyCardKeys(gpObjects({ auth: '0a', sign: '0b' }));
    expect(keys.authentication?.token.idHex).toBe('0a');
    expect(keys.authentication?.evidence).toBe('extended-key-usage');
    expect(keys.signature?.token.idHex).toBe('0b');
    expect(keys.signature?.evidence).toBe('key-usage');
    expect(keys.signature?.hasPrivateKey).toBeNull(); // keys not visible before login
  });

  it('falls back on the Cryptolib CKA_ID suffixes, then on the labels', () => {
    const structure = pki.structure;
    // ORG certificates: authentication has clientAuth; a certificate without usages needs the id.
    const plain = pki.server; // serverAuth only: neither clientAuth nor nonRepudiation
    const byId = classifyCardKeys({
      certificates: [
        { idHex: 'aa10', label: 'x', der: raw(plain.certPem) },
        { idHex: 'aa20', label: 'y', der: raw(structure.authentication.certPem) },
      ],
      privateKeys: [],
    });
    expect(byId.signature?.evidence).toBe('cka-id');
    expect(byId.signature?.token.idHex).toBe('aa10');
    const byLabel = classifyCardKeys({
      certificates: [
        { idHex: '01', label: 'Certificat de Signature CPS', der: raw(plain.certPem) },
      ],
      privateKeys: [],
    });
    expect(byLabel.signature?.evidence).toBe('label');
  });

  it('pairs each certificate with the private key of the same CKA_ID', () => {
    const objects = gpObjects({ auth: '0120', sign: '0110' });
    const keys = classifyCardKeys({
      ...objects,
      privateKeys: [
        { idHex: '0110', label: 'k', canSign: true, alwaysAuthenticate: true },
        { idHex: '0999', label: 'other', canSign: true, alwaysAuthenticate: false },
      ],
    });
    expect(keys.signature?.hasPrivateKey).toBe(true);
    expect(keys.signature?.alwaysAuthenticate).toBe(true);
    expect(keys.authentication?.hasPrivateKey).toBe(false);
  });

  it('keeps a second certificate of a role aside, preferring the expected CKA_ID suffix', () => {
    const gp = pki.cards[0];
    const other = pki.cards[1];
    if (!gp || !other) throw new Error('cards');
    const keys = classifyCardKeys({
      certificates: [
        { idHex: '0299', label: 'Certificat Technique CPS', der: raw(other.signature.certPem) },
        { idHex: '0110', label: 'Certificat de Signature CPS', der: raw(gp.signature.certPem) },
        { idHex: 'ff', label: 'garbage', der: new Uint8Array([1, 2, 3]) },
      ],
      privateKeys: [],
    });
    expect(keys.signature?.token.idHex).toBe('0110');
    expect(keys.others.map((o) => o.token.idHex)).toEqual(['0299']);
    expect(keys.unreadable).toEqual([{ idHex: 'ff', label: 'garbage' }]);
  });
});
