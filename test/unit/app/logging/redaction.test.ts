// Redaction rules, on text and on structured fields. The NIRs below are fictitious (test values);
// what matters is their shape.
import { describe, expect, it } from 'vitest';
import {
  isSensitiveFieldName,
  MASK,
  redactText,
  redactValue,
} from '../../../../src/app/logging/index.js';

const NIR = '279035121518989';

describe('redactText', () => {
  it.each([
    ['plain NIR', `patient ${NIR} introuvable`, `patient ${MASK} introuvable`],
    ['NIR written with spaces', 'NIR 2 79 03 51 215 189 89 refusé', `NIR ${MASK} refusé`],
    ['Corsican NIR', 'ins=1 85 05 2A 123 456 78', `ins=${MASK}`],
    ['NIR without its key (13 digits)', 'matricule 2790351215189.', `matricule ${MASK}.`],
    ['NIR glued to letters', `NIR${NIR}x`, `NIR${MASK}x`],
    [
      'INS in CX form',
      `PID ${NIR}^^^&1.2.250.1.213.1.4.8&ISO^NH reçu`,
      `PID ${MASK}^^^&1.2.250.1.213.1.4.8&ISO^NH reçu`,
    ],
    ['another CX id', 'id ABC123^^^&1.2.3.4&ISO^PI', `id ${MASK}^^^&1.2.3.4&ISO^PI`],
    ['Bearer token', 'Authorization: Bearer abc.DEF-123_xyz', `Authorization: Bearer ${MASK}`],
    ['PIN in a message', 'login failed pin=1234 slot=0', `login failed pin=${MASK} slot=0`],
    ['password in a query', '?user=a&password=hunter2&x=1', `?user=a&password=${MASK}&x=1`],
    [
      'JSON quoted in an error',
      '{"family":"DUPONT","given":"Jean"}',
      `{"family":"${MASK}","given":"${MASK}"}`,
    ],
    ['prénom in French text', 'prénom: Jeanne', `prénom: ${MASK}`],
    [
      'XML names',
      '<name><family>DUPONT</family><given qualifier="BR">Jean</given></name>',
      `<name><family>${MASK}</family><given qualifier="BR">${MASK}</given></name>`,
    ],
    ['e-mail address', 'envoyé à jean.dupont@example.fr hier', `envoyé à ${MASK} hier`],
  ])('masks a %s', (_label, input, output) => {
    expect(redactText(input)).toBe(output);
  });

  it('masks PEM blocks, whole or cut', () => {
    const pem =
      '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----';
    expect(redactText(`clé: ${pem} fin`)).toBe(`clé: ${MASK} fin`);
    expect(redactText('-----BEGIN CERTIFICATE-----\nMIIC')).toBe(MASK);
  });

  it.each([
    ['an OID', 'OID 1.2.250.1.213.1.1.4.13 et 1.2.250.1.213.1.4.8'],
    ['short numbers', 'port 7411, 12 documents, 2 A 3 B'],
    ['an ISO date', '2026-03-04T05:06:07.890Z'],
    ['a professional id (idNat_PS, 12 digits)', 'auteur 810002909371'],
    ['a PIN state', 'pinState: locked'],
    ['a phone number', '01 23 45 67 89'],
  ])('keeps %s', (_label, text) => {
    expect(redactText(text)).toBe(text);
  });
});

describe('field names', () => {
  it.each([
    'pin',
    'PIN',
    'userPin',
    'soPIN',
    'pinCode',
    'password',
    'passphrase',
    'clientSecret',
    'token',
    'accessToken',
    'key',
    'privateKey',
    'x-api-key',
    'apiKey',
    'APIKEY',
    'Authorization',
    'cookie',
    'set-cookie',
    'passwordHash',
    'family',
    'given',
    'birthName',
    'nom',
    'prénom',
    'prenom',
    'patientName',
    'nomDeNaissance',
    'firstName',
    'INS',
    'nir',
    'birthDate',
  ])('%s is sensitive', (name) => {
    expect(isSensitiveFieldName(name)).toBe(true);
  });

  it.each([
    'pinState',
    'pinTriesLeft',
    'keyId',
    'tokenLabel',
    'name',
    'component',
    'status',
    'spinner',
  ])('%s is not', (name) => {
    expect(isSensitiveFieldName(name)).toBe(false);
  });
});

describe('redactValue', () => {
  it('masks sensitive fields whatever their type, at any depth, and in lists', () => {
    expect(
      redactValue({
        pin: 1234,
        card: { PIN: '1234', pinTriesLeft: 3, slot: 0 },
        patients: [{ family: 'DUPONT', given: ['Jean', 'Paul'], ins: NIR, visits: 2 }],
        headers: { Authorization: 'Bearer x', accept: 'application/json' },
        missing: undefined,
        pinUnset: undefined,
      }),
    ).toEqual({
      pin: MASK,
      card: { PIN: MASK, pinTriesLeft: 3, slot: 0 },
      patients: [{ family: MASK, given: MASK, ins: MASK, visits: 2 }],
      headers: { Authorization: MASK, accept: 'application/json' },
    });
  });

  it('redacts strings in values and in keys', () => {
    expect(redactValue({ note: `pour ${NIR}`, byIns: { [NIR]: 1 } })).toEqual({
      note: `pour ${MASK}`,
      byIns: { [MASK]: 1 },
    });
  });

  it('masks a NIR held as a number, keeps millisecond timestamps', () => {
    expect(redactValue({ n: Number(NIR), t: 1_785_000_000_000, small: 42, f: 1.5 })).toEqual({
      n: MASK,
      t: 1_785_000_000_000,
      small: 42,
      f: 1.5,
    });
    expect(redactValue(BigInt(NIR))).toBe(MASK);
  });

  it('serialises errors as name, code and redacted message, with their cause', () => {
    const cause = Object.assign(new Error(`patient ${NIR} inconnu`), { code: 'DMP_PATIENT' });
    const error = new TypeError('échec pin=1234', { cause });
    expect(redactValue({ error })).toEqual({
      error: {
        name: 'TypeError',
        message: `échec pin=${MASK}`,
        cause: { name: 'Error', code: 'DMP_PATIENT', message: `patient ${MASK} inconnu` },
      },
    });
  });

  it('turns other values into JSON-safe data', () => {
    const circular: Record<string, unknown> = { a: 1 };
    circular['self'] = circular;
    let deep: unknown = 'fond';
    for (let i = 0; i < 12; i++) deep = { d: deep };
    const out = redactValue({
      date: new Date('2026-01-02T03:04:05Z'),
      bytes: Buffer.from('secret'),
      url: new URL('https://x.example/a?token=abc'),
      map: new Map([['k', 1]]),
      set: new Set([1, 2]),
      fn: () => 1,
      circular,
      deep,
      long: 'x'.repeat(20_000),
      list: Array.from({ length: 150 }, (_, i) => i),
    }) as Record<string, unknown>;
    expect(out['date']).toBe('2026-01-02T03:04:05.000Z');
    expect(out['bytes']).toBe('[6 octets]');
    expect(out['url']).toBe(`https://x.example/a?token=${MASK}`);
    expect(out['map']).toEqual({ k: 1 });
    expect(out['set']).toEqual([1, 2]);
    expect('fn' in out).toBe(false);
    expect(out['circular']).toEqual({ a: 1, self: '[circulaire]' });
    expect(JSON.stringify(out['deep'])).toContain('[trop profond]');
    expect((out['long'] as string).length).toBeLessThan(8300);
    expect(out['long']).toMatch(/…\[tronqué\]$/);
    expect((out['list'] as unknown[]).length).toBe(101);
    expect(() => JSON.stringify(out)).not.toThrow();
  });

  it('does not leak a NIR cut at the truncation boundary', () => {
    const text = `${'x'.repeat(64 * 1024 - 5)}${NIR}`;
    expect(redactValue(text)).not.toContain(NIR.slice(0, 5));
  });
});
