// Fake cards made from the sandbox's test PKI, so that the fake holds real CPS-like certificates.
import { X509Certificate, createPrivateKey } from 'node:crypto';
import type { TestCard } from '../../../src/sandbox/pki/index.js';
import type { FakeCard } from './FakeCardBackend.js';

export function fakeCardOf(card: TestCard, overrides: Partial<FakeCard> = {}): FakeCard {
  const pairs = [card.authentication, card.signature];
  return {
    label: card.label,
    serial: `SN${card.holder.id.replace(/\W/g, '')}`.slice(0, 16),
    pin: '1234',
    certificates: pairs.map((p) => ({
      idHex: p.ckaIdHex,
      label: p.certificateLabel,
      der: new Uint8Array(new X509Certificate(p.certPem).raw),
    })),
    keys: pairs.map((p) => ({
      idHex: p.ckaIdHex,
      label: p.keyLabel,
      key: createPrivateKey(p.keyPem),
    })),
    ...overrides,
  };
}
