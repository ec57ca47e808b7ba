// Our server-certificate check for the Electron session: anchors given by configuration only,
// validity, hostname, TLS-server purpose; and its translation into Chromium's result codes.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  chainOf,
  chromiumVerifyResult,
  verifyServerChain,
} from '../../../../src/main/transport/verifyServerChain.js';
import { generateTestPki, type TestPki } from '../../../../src/sandbox/pki/index.js';
import { layeredChain, type LayeredChain } from './chainFixtures.js';

let pki: TestPki;
let other: TestPki;
let layered: LayeredChain;
let notCaIntermediate: LayeredChain;

beforeAll(() => {
  pki = generateTestPki({ cards: [] });
  other = generateTestPki({ cards: [] });
  layered = layeredChain();
  notCaIntermediate = layeredChain(false);
});

const now = (): Date => new Date();

describe('verifyServerChain', () => {
  it('accepts the server certificate issued by a configured anchor, by IP and by name', () => {
    for (const hostname of ['127.0.0.1', 'localhost']) {
      expect(
        verifyServerChain({
          chainPem: [pki.server.certPem],
          hostname,
          anchorsPem: [pki.ca.certPem],
          now: now(),
        }),
      ).toEqual({ ok: true });
    }
  });

  it('refuses a chain to a CA that is not configured, even a valid one', () => {
    const verdict = verifyServerChain({
      chainPem: [other.server.certPem, other.ca.certPem],
      hostname: '127.0.0.1',
      anchorsPem: [pki.ca.certPem],
      now: now(),
    });
    expect(verdict).toEqual({ ok: false, reason: 'untrusted' });
  });

  it('refuses a certificate for another host', () => {
    expect(
      verifyServerChain({
        chainPem: [pki.server.certPem],
        hostname: 'dmp.example.fr',
        anchorsPem: [pki.ca.certPem],
        now: now(),
      }),
    ).toEqual({ ok: false, reason: 'hostname-mismatch' });
  });

  it('refuses outside the validity window', () => {
    const base = {
      chainPem: [pki.server.certPem],
      hostname: 'localhost',
      anchorsPem: [pki.ca.certPem],
    };
    const after = new Date(pki.server.notAfter.getTime() + 1000);
    const before = new Date(pki.server.notBefore.getTime() - 1000);
    expect(verifyServerChain({ ...base, now: after })).toEqual({ ok: false, reason: 'expired' });
    expect(verifyServerChain({ ...base, now: before })).toEqual({
      ok: false,
      reason: 'not-yet-valid',
    });
  });

  it('refuses a certificate meant for TLS clients (the ORG AUTH_CLI one)', () => {
    expect(
      verifyServerChain({
        chainPem: [pki.structure.authentication.certPem],
        hostname: 'localhost',
        anchorsPem: [pki.ca.certPem],
        now: now(),
      }),
    ).toEqual({ ok: false, reason: 'not-for-servers' });
  });

  it('follows an intermediate the server sends, and only a CA one', () => {
    const input = { hostname: 'dmp.test', anchorsPem: [layered.rootPem], now: now() };
    expect(
      verifyServerChain({ ...input, chainPem: [layered.leafPem, layered.intermediatePem] }),
    ).toEqual({ ok: true });
    expect(verifyServerChain({ ...input, chainPem: [layered.leafPem] })).toEqual({
      ok: false,
      reason: 'untrusted',
    });
    expect(
      verifyServerChain({
        hostname: 'dmp.test',
        anchorsPem: [notCaIntermediate.rootPem],
        now: now(),
        chainPem: [notCaIntermediate.leafPem, notCaIntermediate.intermediatePem],
      }),
    ).toEqual({ ok: false, reason: 'untrusted' });
  });

  it('refuses garbage', () => {
    expect(
      verifyServerChain({
        chainPem: ['nope'],
        hostname: 'x',
        anchorsPem: [pki.ca.certPem],
        now: now(),
      }),
    ).toEqual({ ok: false, reason: 'malformed' });
    expect(
      verifyServerChain({ chainPem: [], hostname: 'x', anchorsPem: [pki.ca.certPem], now: now() }),
    ).toEqual({ ok: false, reason: 'malformed' });
  });
});

describe('chromiumVerifyResult', () => {
  it('accepts with 0 and names each failure with a net::ERR_CERT_* code', () => {
    expect(chromiumVerifyResult({ ok: true })).toBe(0);
    expect(chromiumVerifyResult({ ok: false, reason: 'hostname-mismatch' })).toBe(-200);
    expect(chromiumVerifyResult({ ok: false, reason: 'expired' })).toBe(-201);
    expect(chromiumVerifyResult({ ok: false, reason: 'not-yet-valid' })).toBe(-201);
    expect(chromiumVerifyResult({ ok: false, reason: 'untrusted' })).toBe(-202);
    expect(chromiumVerifyResult({ ok: false, reason: 'malformed' })).toBe(-207);
    expect(chromiumVerifyResult({ ok: false, reason: 'not-for-servers' })).toBe(-207);
  });
});

describe('chainOf', () => {
  it('walks issuerCert and stops at a self-signed certificate', () => {
    const root = { data: 'ROOT', fingerprint: 'r', issuerCert: undefined as unknown };
    root.issuerCert = root; // Electron repeats a self-signed certificate as its own issuer
    const mid = { data: 'MID', fingerprint: 'm', issuerCert: root };
    const leaf = { data: 'LEAF', fingerprint: 'l', issuerCert: mid };
    expect(chainOf(leaf)).toEqual(['LEAF', 'MID', 'ROOT']);
    expect(chainOf({ data: 'ALONE', fingerprint: 'a' })).toEqual(['ALONE']);
  });
});
