// Trust anchors: PEM bundles split, each one a CA, at least one.
import { beforeAll, describe, expect, it } from 'vitest';
import { generateTestPki, type TestPki } from '../../../src/sandbox/pki/index.js';
import { parseTrustAnchors, readTrustAnchors } from '../../../src/transport/index.js';

let pki: TestPki;
let other: TestPki;
beforeAll(() => {
  pki = generateTestPki({ cards: [] });
  other = generateTestPki({ cards: [] });
});

describe('parseTrustAnchors', () => {
  it('returns every CA certificate of a bundle', () => {
    const anchors = parseTrustAnchors(`${pki.ca.certPem}\n${other.ca.certPem}`, 'bundle.pem');
    expect(anchors).toHaveLength(2);
    expect(anchors[1]).toContain('BEGIN CERTIFICATE');
  });

  it('refuses a leaf certificate, garbage, and nothing', () => {
    const code = { code: 'TRANSPORT_TRUST_ANCHORS_INVALID' };
    expect(() => parseTrustAnchors(pki.server.certPem, 'server.pem')).toThrow(
      expect.objectContaining(code),
    );
    expect(() =>
      parseTrustAnchors('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----', 'x.pem'),
    ).toThrow(expect.objectContaining(code));
    expect(() => parseTrustAnchors('', 'empty.pem')).toThrow(expect.objectContaining(code));
    expect(() => readTrustAnchors([])).toThrow(expect.objectContaining(code));
  });
});
