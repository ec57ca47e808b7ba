// The structure's certificates for the indirect modes: ORG SIGN signs the VIHF, ORG AUTH_CLI
// authenticates TLS. ANS delivers them as two files; `structure.p12` may also hold both (the
// sandbox writes one such file). The TLS transport takes a PKCS#12 with ONE key (OpenSSL would
// use the first), so a file holding both is split in memory: the AUTH_CLI pair is re-packed
// alone, with the same password. Nothing is written to disk.
import { readFileSync } from 'node:fs';
import forge from 'node-forge';
import { EKU, Pkcs12Signer, readPkcs12, type Pkcs12KeyPair } from '../../card/index.js';
import { dmpSetupErrors } from './DmpSetupError.js';

export interface StructureCertificate {
  readonly signer: Pkcs12Signer;
  /** A PKCS#12 holding only the authentication key (ORG AUTH_CLI), for the TLS transport. */
  readonly tlsPfx: Uint8Array;
  readonly authenticationSubject: string;
}

function isAuthentication(pair: Pkcs12KeyPair): boolean {
  return pair.description.extendedKeyUsage.includes(EKU.clientAuth);
}

/** A PKCS#12 (3DES, as node-forge and OpenSSL both read it) holding one key pair. */
export function singleKeyPkcs12(pair: Pkcs12KeyPair, password: string): Uint8Array {
  const asn1 = forge.pkcs12.toPkcs12Asn1(
    forge.pki.privateKeyFromPem(pair.privateKeyPem),
    [forge.pki.certificateFromPem(pair.certificatePem)],
    password,
    { algorithm: '3des', ...(pair.label === '' ? {} : { friendlyName: pair.label }) },
  );
  return new Uint8Array(Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary'));
}

/** Reads `file` (CARD_P12_PASSWORD / CARD_P12_UNREADABLE on failure). */
export function readStructureCertificate(file: string, password: string): StructureCertificate {
  const pairs = readPkcs12(file, password);
  const signer = new Pkcs12Signer({ path: file, password });
  let tls: Pkcs12KeyPair | undefined;
  let tlsPfx: Uint8Array;
  if (pairs.length === 1) {
    // One key only: it serves both roles (the DMP refuses a VIHF signed by AUTH_CLI; a second
    // file for ORG SIGN is not configurable yet).
    tls = pairs[0];
    tlsPfx = new Uint8Array(readFileSync(file));
  } else {
    tls = pairs.find(isAuthentication);
    if (tls === undefined) throw dmpSetupErrors.structureKeyMissing(file, 'authentication');
    tlsPfx = singleKeyPkcs12(tls, password);
  }
  if (tls === undefined) throw dmpSetupErrors.structureKeyMissing(file, 'authentication');
  return { signer, tlsPfx, authenticationSubject: tls.description.subject };
}
