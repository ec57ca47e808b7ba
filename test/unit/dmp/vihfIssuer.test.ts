// The VIHF cache: one signature per (patient, access mode) for the validity window, shared by
// concurrent calls, never caching a failed signature, and dropped on request.
import { describe, expect, it } from 'vitest';
import { DEFAULT_VIHF_TTL_MS, VIHF_EXPIRY_MARGIN_MS, VihfIssuer } from '../../../src/dmp/index.js';
import { NavetteError } from '../../../src/domain/errors/NavetteError.js';
import type { XmlSigner } from '../../../src/domain/ports/XmlSigner.js';
import { parseVihf, verifyVihf } from '../../../src/protocol/saml/index.js';
import { GP_CONTEXT, PATIENT_A, PATIENT_B, testSigner } from './dmpTestContext.js';

function clock(start = Date.parse('2026-05-06T08:00:00Z')): {
  now: () => Date;
  advance: (ms: number) => void;
} {
  let t = start;
  return { now: () => new Date(t), advance: (ms) => (t += ms) };
}

function issuer(options: Partial<ConstructorParameters<typeof VihfIssuer>[0]> = {}): VihfIssuer {
  return new VihfIssuer({ context: GP_CONTEXT, signer: testSigner(), ...options });
}

describe('VihfIssuer', () => {
  it('signs once per patient and access mode within the window, and the VIHF says who and for whom', async () => {
    const c = clock();
    const vihf = issuer({ now: c.now });
    const first = await vihf.vihfFor(PATIENT_A, { mode: 'normal' });
    c.advance(DEFAULT_VIHF_TTL_MS - 1);
    expect(await vihf.vihfFor(PATIENT_A, { mode: 'normal' })).toBe(first);
    expect(vihf.stats()).toEqual({ signatures: 1, reused: 1 });

    const verified = verifyVihf(first);
    expect(verified.assertion).toMatchObject({
      subjectId: '899900100001',
      structureId: '1759900012',
      authenticationMode: 'DIRECTE',
      accessMode: 'normal',
      patientId: '207058575627097^^^&1.2.250.1.213.1.4.10&ISO^NH',
      specialty: { code: 'SM54' },
    });
    expect(verified.signatureAlgorithm).toContain('rsa-sha256');
    expect(Buffer.from(verified.signerCertificateDer)).toEqual(
      Buffer.from(testSigner().certificateDer),
    );
  });

  it('signs again for another patient, another access mode or reason, and after the window', async () => {
    const c = clock();
    const vihf = issuer({ now: c.now });
    await vihf.vihfFor(PATIENT_A, { mode: 'normal' });
    await vihf.vihfFor(PATIENT_B, { mode: 'normal' });
    await vihf.vihfFor(undefined, { mode: 'normal' });
    const urgent = await vihf.vihfFor(PATIENT_A, {
      mode: 'bris_de_glace',
      reason: 'Urgence vitale',
    });
    await vihf.vihfFor(PATIENT_A, { mode: 'bris_de_glace', reason: 'Autre motif' });
    expect(vihf.stats().signatures).toBe(5);
    expect(parseVihf(urgent)).toMatchObject({
      accessMode: 'bris_de_glace',
      accessReason: 'Urgence vitale',
    });
    c.advance(DEFAULT_VIHF_TTL_MS);
    await vihf.vihfFor(PATIENT_A, { mode: 'normal' });
    expect(vihf.stats()).toEqual({ signatures: 6, reused: 0 });
  });

  it('makes one signature for calls that arrive while it is being made', async () => {
    const vihf = issuer();
    const all = await Promise.all(
      Array.from({ length: 8 }, () => vihf.vihfFor(PATIENT_A, { mode: 'normal' })),
    );
    expect(new Set(all).size).toBe(1);
    expect(vihf.stats()).toEqual({ signatures: 1, reused: 7 });
  });

  it('does not keep a failed signature: the next call asks the signer again', async () => {
    let fail = true;
    const signer: XmlSigner = {
      certificateDer: testSigner().certificateDer,
      sign: (data, algorithm) =>
        fail
          ? Promise.reject(new NavetteError('CARD_REMOVED', 'La carte a été retirée.'))
          : testSigner().sign(data, algorithm),
    };
    const vihf = issuer({ signer });
    await expect(vihf.vihfFor(PATIENT_A, { mode: 'normal' })).rejects.toMatchObject({
      code: 'CARD_REMOVED',
    });
    fail = false;
    await expect(vihf.vihfFor(PATIENT_A, { mode: 'normal' })).resolves.toContain('Assertion');
    expect(vihf.stats().signatures).toBe(2);
  });

  it('forgets one entry on invalidate() and all on clear()', async () => {
    const vihf = issuer();
    await vihf.vihfFor(PATIENT_A, { mode: 'normal' });
    await vihf.vihfFor(PATIENT_B, { mode: 'normal' });
    vihf.invalidate(PATIENT_A, { mode: 'normal' });
    await vihf.vihfFor(PATIENT_A, { mode: 'normal' });
    await vihf.vihfFor(PATIENT_B, { mode: 'normal' });
    expect(vihf.stats()).toEqual({ signatures: 3, reused: 1 });
    vihf.clear();
    await vihf.vihfFor(PATIENT_B, { mode: 'normal' });
    expect(vihf.stats().signatures).toBe(4);
  });

  it('writes Conditions on request and stops using the VIHF a margin before NotOnOrAfter', async () => {
    const c = clock();
    const ttlMs = 10 * 60_000;
    const vihf = issuer({ now: c.now, ttlMs, writeConditions: true });
    const xml = await vihf.vihfFor(PATIENT_A, { mode: 'normal' });
    const validity = parseVihf(xml).validity;
    const notOnOrAfter = Date.parse(validity?.notOnOrAfter ?? '');
    expect(notOnOrAfter - c.now().getTime()).toBe(ttlMs + VIHF_EXPIRY_MARGIN_MS);
    expect(Date.parse(validity?.notBefore ?? '')).toBeLessThan(c.now().getTime());
    c.advance(notOnOrAfter - VIHF_EXPIRY_MARGIN_MS - c.now().getTime());
    expect(await vihf.vihfFor(PATIENT_A, { mode: 'normal' })).not.toBe(xml);
    // Without the option the assertion carries no Conditions, like the official samples.
    expect(
      parseVihf(await issuer().vihfFor(PATIENT_A, { mode: 'normal' })).validity,
    ).toBeUndefined();
  });

  it('signs with RSA-SHA1 when configured, and keeps at most maxEntries entries', async () => {
    const vihf = issuer({ algorithm: 'rsa-sha1', maxEntries: 2 });
    const xml = await vihf.vihfFor(PATIENT_A, { mode: 'normal' });
    expect(verifyVihf(xml).signatureAlgorithm).toContain('rsa-sha1');
    await vihf.vihfFor(PATIENT_B, { mode: 'normal' });
    await vihf.vihfFor(undefined, { mode: 'normal' });
    // PATIENT_A was the oldest entry: it made room for the third one.
    await vihf.vihfFor(PATIENT_A, { mode: 'normal' });
    expect(vihf.stats()).toEqual({ signatures: 4, reused: 0 });
  });

  it('refuses a negative window', () => {
    expect(() => issuer({ ttlMs: -1 })).toThrow(RangeError);
  });
});
