// xml-crypto is typed against the DOM library's Node and Document, the signature code works on
// @xmldom/xmldom nodes. At run time they are the same kind of object (xml-crypto itself parses
// with xmldom and only walks standard DOM properties), but not to the compiler: the one cast
// between the two lives here.
import type { Document, Node } from '@xmldom/xmldom';
import { SignedXml as SignedXmlClass, type SignedXml, type findAncestorNs } from 'xml-crypto';
import { RSA_SHA1, RSA_SHA256, SHA1, SHA256 } from './algorithms.js';

type CryptoNode = Parameters<SignedXml['getCanonXml']>[1];
type CryptoDocument = Parameters<typeof findAncestorNs>[0];

export function asCryptoNode(node: Node): CryptoNode {
  return node as unknown as CryptoNode;
}

export function asCryptoDocument(doc: Document): CryptoDocument {
  return doc as unknown as CryptoDocument;
}

/**
 * A SignedXml that verifies with `certificatePem` only (KeyInfo is read by us, not by
 * xml-crypto) and knows only RSA-SHA1/RSA-SHA256, SHA-1/SHA-256 and the given transforms:
 * anything else fails inside xml-crypto too, whatever our own checks let through.
 */
export function verifyingSignedXml(
  certificatePem: string,
  transforms: readonly string[],
): SignedXml {
  const sx = new SignedXmlClass({ publicCert: certificatePem });
  const defaults = new SignedXmlClass();
  const pick = <T>(table: Record<string, T>, uris: readonly string[]): Record<string, T> =>
    Object.fromEntries(uris.map((u) => [u, table[u] as T]));
  sx.SignatureAlgorithms = pick(defaults.SignatureAlgorithms, [RSA_SHA1, RSA_SHA256]);
  sx.HashAlgorithms = pick(defaults.HashAlgorithms, [SHA1, SHA256]);
  sx.CanonicalizationAlgorithms = pick(defaults.CanonicalizationAlgorithms, transforms);
  return sx;
}
