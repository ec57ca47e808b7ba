// Reads the labelled key pairs of a PKCS#12 file (node-forge), for the structure's certificate
// (indirect mode) and the file-backed virtual test card. Keys become Node KeyObjects: signing
// then uses node:crypto, not forge's JavaScript RSA.
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import forge from 'node-forge';
import { cardErrors } from '../errors/cardErrors.js';
import {
  describeCertificate,
  type CertificateDescription,
} from '../certificates/describeCertificate.js';

export interface Pkcs12KeyPair {
  /** friendlyName of the bags ('' when absent). */
  readonly label: string;
  /** localKeyId in hex ('' when absent). */
  readonly localKeyIdHex: string;
  readonly privateKey: KeyObject;
  readonly privateKeyPem: string;
  readonly certificateDer: Uint8Array;
  readonly certificatePem: string;
  readonly description: CertificateDescription;
}

function attribute(bag: forge.pkcs12.Bag, name: 'friendlyName' | 'localKeyId'): string {
  const values = (bag.attributes as Record<string, unknown[] | undefined>)[name];
  const first = values?.[0];
  return typeof first === 'string' ? first : '';
}

/** Every private key of the file with the certificate that shares its localKeyId (or the only one). */
export function readPkcs12(path: string, password: string): Pkcs12KeyPair[] {
  let der: Buffer;
  try {
    der = readFileSync(path);
  } catch (e: unknown) {
    throw cardErrors.p12Unreadable(path, e instanceof Error ? e.message : String(e));
  }
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(der.toString('binary')), false, password);
  } catch (e: unknown) {
    const message = e instanceof Error ? e.message : String(e);
    if (/password|mac/i.test(message)) throw cardErrors.p12Password(path);
    throw cardErrors.p12Unreadable(path, message);
  }
  const keyBags =
    p12.getBags({ bagType: forge.pki.oids['pkcs8ShroudedKeyBag'] ?? '' })[
      forge.pki.oids['pkcs8ShroudedKeyBag'] ?? ''
    ] ?? [];
  const plainKeys =
    p12.getBags({ bagType: forge.pki.oids['keyBag'] ?? '' })[forge.pki.oids['keyBag'] ?? ''] ?? [];
  const certBags =
    p12.getBags({ bagType: forge.pki.oids['certBag'] ?? '' })[forge.pki.oids['certBag'] ?? ''] ??
    [];
  const pairs: Pkcs12KeyPair[] = [];
  for (const keyBag of [...keyBags, ...plainKeys]) {
    if (keyBag.key === undefined) continue;
    const localKeyId = attribute(keyBag, 'localKeyId');
    const certBag =
      certBags.find((c) => localKeyId !== '' && attribute(c, 'localKeyId') === localKeyId) ??
      (certBags.length === 1 ? certBags[0] : undefined);
    if (certBag?.cert === undefined) continue;
    const certificatePem = forge.pki.certificateToPem(certBag.cert);
    const certificateDer = Buffer.from(
      forge.asn1.toDer(forge.pki.certificateToAsn1(certBag.cert)).getBytes(),
      'binary',
    );
    const privateKeyPem = forge.pki.privateKeyToPem(keyBag.key);
    pairs.push({
      label: attribute(keyBag, 'friendlyName'),
      localKeyIdHex: forge.util.bytesToHex(localKeyId),
      privateKey: createPrivateKey(privateKeyPem),
      privateKeyPem,
      certificateDer: new Uint8Array(certificateDer),
      certificatePem,
      description: describeCertificate(certificateDer),
    });
  }
  if (pairs.length === 0)
    throw cardErrors.p12Unreadable(path, 'aucune clé privée avec son certificat');
  return pairs;
}
