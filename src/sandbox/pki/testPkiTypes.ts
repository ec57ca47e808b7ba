// The shapes the test PKI produces. Everything is plain data (PEM strings, paths) so that
// `navette sandbox init` can print it as JSON and tests can use it directly.
import type { CardKind, KeyRole } from './cpsCertificateProfile.js';

/** The holder of a card, as the certificate carries it. */
export interface CardHolder {
  /** idNat_PS: 8 + RPPS for professionals, 3 + FINESS + / + internal id for establishment staff. */
  readonly id: string;
  readonly family: string;
  readonly given: string;
  /** TRE_G15 profession code ('10' médecin, '60' infirmier); null on a CPE. */
  readonly profession: string | null;
  /** TRE_R01 speciality code ('SM54' médecine générale, 'SM04' cardiologie); null when none. */
  readonly specialty: string | null;
}

/** What a test card is made of, before any key exists. */
export interface TestCardSpec {
  /** Short stable key for files and lookups: 'gp', 'cardiologist', 'nurse', 'secretary'. */
  readonly key: string;
  /** Token label (at most 32 bytes): how Navette's `--card LABEL` finds it. */
  readonly label: string;
  readonly kind: CardKind;
  readonly holder: CardHolder;
}

export interface TestStructureSpec {
  /** IdNatStruct (1 + FINESS here): the ORG certificates' OU and the VIHF Identifiant_Structure. */
  readonly id: string;
  readonly name: string;
  /** Département shown in ST, as in the official ORG certificates ("Rhône (69)"). */
  readonly region: string;
}

/** One issued certificate with its private key. */
export interface IssuedCertificate {
  readonly certPem: string;
  /** PKCS#8 PEM, unencrypted: test material only. */
  readonly keyPem: string;
  /** Subject in RFC 4514 order (most specific first), for logs and assertions. */
  readonly subject: string;
  readonly serialHex: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** Set when the PKI was written to a folder. */
  readonly certPath?: string;
  readonly keyPath?: string;
}

/** A card's key pair as it sits on the card: certificate, key, CKA_ID and labels. */
export interface CardKeyPair extends IssuedCertificate {
  readonly role: KeyRole;
  readonly ckaIdHex: string;
  readonly certificateLabel: string;
  readonly keyLabel: string;
}

export interface TestCard extends TestCardSpec {
  readonly authentication: CardKeyPair;
  readonly signature: CardKeyPair;
  /** PKCS#12 of the file-backed virtual card (both keys, labelled): set when written. */
  readonly p12Path?: string;
}

export interface TestStructure extends TestStructureSpec {
  /** ORG AUTH_CLI: TLS client certificate of the structure (indirect mode). */
  readonly authentication: IssuedCertificate;
  /** ORG SIGN: the structure's signing ("cachet") certificate (indirect mode VIHF, lot signature). */
  readonly signature: IssuedCertificate;
  /** Set when written: one PKCS#12 per certificate, as ANS delivers them, and one with both. */
  readonly p12?: { readonly auth: string; readonly sign: string; readonly combined: string };
}

export interface TestServer extends IssuedCertificate {
  readonly hostnames: readonly string[];
  readonly ipAddresses: readonly string[];
}

export interface TestPki {
  /** The folder the PKI was written to, when `dir` was given. */
  readonly dir: string | null;
  /** The root "IGC-Santé de test"; it issues every other certificate directly. */
  readonly ca: IssuedCertificate;
  readonly cards: readonly TestCard[];
  readonly structure: TestStructure;
  readonly server: TestServer;
  /** Password of every PKCS#12 file written. */
  readonly p12Password: string;
}
