// The sandbox's test PKI: a root "IGC-Santé de test" that directly issues
// - for each card, an AUTHENTICATION and a SIGNATURE certificate (CPS-like subject and extensions);
// - the structure's ORG AUTH_CLI and ORG SIGN certificates;
// - a TLS server certificate for localhost / 127.0.0.1.
// One root and no intermediate CA: real IGC-Santé has intermediates (…ELEMENTAIRE PERSONNES /
// ORGANISATIONS), but a flat test PKI keeps TLS chains and VIHF verification simple to configure.
// Not deterministic (fresh keys and serials each run); `now` fixes the validity window.
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type forge from 'node-forge';
import { buildCertificate, generateRsaKey, type KeyMaterial } from './certificateBuilder.js';
import {
  TEST_ROOT_NAME,
  cardExtensions,
  cardSubject,
  rootExtensions,
  serverExtensions,
  serverSubject,
  structureExtensions,
  structureSubject,
} from './certificateProfiles.js';
import { CARD_KEY_SLOTS, type KeyRole } from './cpsCertificateProfile.js';
import { DEFAULT_TEST_CARDS, DEFAULT_TEST_STRUCTURE } from './defaultTestCards.js';
import type { RelativeName } from './distinguishedName.js';
import { buildPkcs12 } from './pkcs12Writer.js';
import type {
  CardKeyPair,
  IssuedCertificate,
  TestCard,
  TestCardSpec,
  TestPki,
  TestServer,
  TestStructure,
  TestStructureSpec,
} from './testPkiTypes.js';

export interface TestPkiOptions {
  /** Folder to write PEM and PKCS#12 files into (created). Without it nothing is written. */
  readonly dir?: string;
  readonly cards?: readonly TestCardSpec[];
  readonly structure?: TestStructureSpec;
  /** Start of every validity window (default: now minus one day, to tolerate clock skew). */
  readonly now?: Date;
  /** Validity of leaf certificates in days (default 3 years, as IGC-Santé issues them). */
  readonly leafValidityDays?: number;
  /** Password of the PKCS#12 files (default: random, returned in the result). */
  readonly p12Password?: string;
  readonly serverHostnames?: readonly string[];
  readonly serverIpAddresses?: readonly string[];
}

const DAY_MS = 24 * 60 * 60 * 1000;

interface Issuer {
  readonly name: readonly RelativeName[];
  readonly key: KeyMaterial;
  readonly certificate: forge.pki.Certificate;
}

interface Window {
  readonly notBefore: Date;
  readonly notAfter: Date;
}

function issue(
  issuer: Issuer,
  subject: readonly RelativeName[],
  extensions: Parameters<typeof buildCertificate>[0]['extensions'],
  window: Window,
): IssuedCertificate & { readonly certificate: forge.pki.Certificate } {
  const key = generateRsaKey();
  const built = buildCertificate({
    subject,
    publicKey: key.publicKey,
    issuer: {
      name: issuer.name,
      privateKey: issuer.key.privateKey,
      certificate: issuer.certificate,
    },
    notBefore: window.notBefore,
    notAfter: window.notAfter,
    extensions,
  });
  return {
    certificate: built.certificate,
    certPem: built.certPem,
    keyPem: key.keyPem,
    subject: built.subject,
    serialHex: built.serialHex,
    notBefore: window.notBefore,
    notAfter: window.notAfter,
  };
}

function createRoot(now: Date): Issuer & { readonly issued: IssuedCertificate } {
  const key = generateRsaKey();
  const window = { notBefore: now, notAfter: new Date(now.getTime() + 10 * 365 * DAY_MS) };
  const built = buildCertificate({
    subject: TEST_ROOT_NAME,
    publicKey: key.publicKey,
    issuer: { name: TEST_ROOT_NAME, privateKey: key.privateKey },
    ...window,
    extensions: rootExtensions(),
  });
  return {
    name: TEST_ROOT_NAME,
    key,
    certificate: built.certificate,
    issued: {
      certPem: built.certPem,
      keyPem: key.keyPem,
      subject: built.subject,
      serialHex: built.serialHex,
      ...window,
    },
  };
}

function strip<T extends { readonly certificate: unknown }>(value: T): Omit<T, 'certificate'> {
  const { certificate: _certificate, ...rest } = value;
  return rest;
}

function cardKeyPair(root: Issuer, card: TestCardSpec, role: KeyRole, window: Window): CardKeyPair {
  const slot = CARD_KEY_SLOTS[role];
  return {
    ...strip(issue(root, cardSubject(card), cardExtensions(card, role), window)),
    role,
    ckaIdHex: slot.ckaIdHex,
    certificateLabel: slot.certificateLabel,
    keyLabel: slot.keyLabel,
  };
}

/** Creates the test PKI, and writes it under `options.dir` when given (see writeTestPki.ts). */
export function generateTestPki(options: TestPkiOptions = {}): TestPki {
  const now = options.now ?? new Date(Date.now() - DAY_MS);
  const leafDays = options.leafValidityDays ?? 3 * 365;
  const window = { notBefore: now, notAfter: new Date(now.getTime() + leafDays * DAY_MS) };
  const root = createRoot(now);

  const cards: TestCard[] = (options.cards ?? DEFAULT_TEST_CARDS).map((spec) => ({
    ...spec,
    authentication: cardKeyPair(root, spec, 'authentication', window),
    signature: cardKeyPair(root, spec, 'signature', window),
  }));

  const structureSpec = options.structure ?? DEFAULT_TEST_STRUCTURE;
  const structure: TestStructure = {
    ...structureSpec,
    authentication: strip(
      issue(
        root,
        structureSubject(structureSpec, 'authentication'),
        structureExtensions('authentication'),
        window,
      ),
    ),
    signature: strip(
      issue(
        root,
        structureSubject(structureSpec, 'signature'),
        structureExtensions('signature'),
        window,
      ),
    ),
  };

  const hostnames = options.serverHostnames ?? ['localhost'];
  const ipAddresses = options.serverIpAddresses ?? ['127.0.0.1', '::1'];
  const server: TestServer = {
    ...strip(
      issue(
        root,
        serverSubject(hostnames[0] ?? 'localhost'),
        serverExtensions(hostnames, ipAddresses),
        window,
      ),
    ),
    hostnames,
    ipAddresses,
  };

  const pki: TestPki = {
    dir: null,
    ca: root.issued,
    cards,
    structure,
    server,
    p12Password: options.p12Password ?? randomBytes(12).toString('hex'),
  };
  return options.dir === undefined ? pki : writeTestPki(pki, options.dir);
}

function writeFile(file: string, content: string | Buffer, secret: boolean): string {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content, secret ? { mode: 0o600 } : {});
  if (secret) chmodSync(file, 0o600); // an existing file keeps its mode otherwise
  return file;
}

function writeIssued<T extends IssuedCertificate>(issued: T, dir: string, base: string): T {
  return {
    ...issued,
    certPath: writeFile(path.join(dir, `${base}.pem`), issued.certPem, false),
    keyPath: writeFile(path.join(dir, `${base}.key.pem`), issued.keyPem, true),
  };
}

/**
 * Layout: ca/root.pem (+ root.key.pem); cards/<key>/{auth,sign}.pem (+ .key.pem) and card.p12
 * (the virtual card: both keys, labelled, localKeyId = CKA_ID); structure/{auth,sign}.pem,
 * auth.p12, sign.p12 and structure.p12 (both); server/server.pem (+ .key.pem).
 */
export function writeTestPki(pki: TestPki, dir: string): TestPki {
  const root = path.resolve(dir);
  const password = pki.p12Password;
  const cards = pki.cards.map((card) => {
    const cardDir = path.join(root, 'cards', card.key);
    const entries = [card.authentication, card.signature].map((pair) => ({
      keyPem: pair.keyPem,
      certPem: pair.certPem,
      label: pair.certificateLabel,
      localKeyIdHex: pair.ckaIdHex,
    }));
    return {
      ...card,
      authentication: writeIssued(card.authentication, cardDir, 'auth'),
      signature: writeIssued(card.signature, cardDir, 'sign'),
      p12Path: writeFile(path.join(cardDir, 'card.p12'), buildPkcs12(entries, password), true),
    };
  });
  const structureDir = path.join(root, 'structure');
  const s = pki.structure;
  const authEntry = {
    keyPem: s.authentication.keyPem,
    certPem: s.authentication.certPem,
    label: 'ORG AUTH_CLI',
    localKeyIdHex: '01',
  };
  const signEntry = {
    keyPem: s.signature.keyPem,
    certPem: s.signature.certPem,
    label: 'ORG SIGN',
    localKeyIdHex: '02',
  };
  const structure: TestStructure = {
    ...s,
    authentication: writeIssued(s.authentication, structureDir, 'auth'),
    signature: writeIssued(s.signature, structureDir, 'sign'),
    p12: {
      auth: writeFile(
        path.join(structureDir, 'auth.p12'),
        buildPkcs12([authEntry], password),
        true,
      ),
      sign: writeFile(
        path.join(structureDir, 'sign.p12'),
        buildPkcs12([signEntry], password),
        true,
      ),
      combined: writeFile(
        path.join(structureDir, 'structure.p12'),
        buildPkcs12([authEntry, signEntry], password),
        true,
      ),
    },
  };
  return {
    ...pki,
    dir: root,
    ca: writeIssued(pki.ca, path.join(root, 'ca'), 'root'),
    cards,
    structure,
    server: writeIssued(pki.server, path.join(root, 'server'), 'server'),
  };
}
