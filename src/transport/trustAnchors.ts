// The trust anchors the DMP server's certificate must chain to: the IGC-Santé roots in production
// (resources/), the sandbox's test root in demo mode and tests. They replace Node's built-in root
// store (the `ca` option does), so a certificate from any public CA is refused as well.
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { transportErrors } from '../domain/ports/HttpsTransport.js';

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** Every certificate of a PEM text (a bundle may hold several), each checked to be a CA. */
export function parseTrustAnchors(pemText: string, source: string): string[] {
  const blocks = pemText.match(PEM_BLOCK) ?? [];
  if (blocks.length === 0) {
    throw transportErrors.trustAnchorsInvalid(`aucun certificat PEM dans ${source}`);
  }
  for (const block of blocks) {
    let certificate: X509Certificate;
    try {
      certificate = new X509Certificate(block);
    } catch (e: unknown) {
      throw transportErrors.trustAnchorsInvalid(`certificat illisible dans ${source}`, e);
    }
    if (!certificate.ca) {
      throw transportErrors.trustAnchorsInvalid(
        `${source} contient un certificat qui n'est pas une autorité (${certificate.subject.replace(/\n/g, ', ')})`,
      );
    }
  }
  return blocks;
}

/** Reads the configured anchor files; at least one anchor is required (never an empty store). */
export function readTrustAnchors(files: readonly string[]): string[] {
  if (files.length === 0) {
    throw transportErrors.trustAnchorsInvalid("aucun fichier d'autorité configuré");
  }
  return files.flatMap((file) => {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e: unknown) {
      throw transportErrors.trustAnchorsInvalid(`fichier illisible : ${file}`, e);
    }
    return parseTrustAnchors(text, file);
  });
}
