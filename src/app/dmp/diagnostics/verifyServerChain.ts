// Checks a server certificate chain against the configured anchors ourselves, for the one case
// Node cannot tell: a handshake the server ended (it wanted a client certificate we did not
// present) AFTER sending its own certificate. Node verifies the server only once the handshake
// completes, so the doctor verifies what it received: issued by (and signed by) an anchor through
// the chain the server sent, every certificate within its dates, and the host name.
import { X509Certificate } from 'node:crypto';
import tls, { type DetailedPeerCertificate } from 'node:tls';

/** The certificates the server sent, leaf first (Node links them through issuerCertificate). */
function chainOf(peer: DetailedPeerCertificate): X509Certificate[] {
  const out: X509Certificate[] = [];
  const seen = new Set<string>();
  let current: DetailedPeerCertificate | undefined = peer;
  while (current?.raw !== undefined && !seen.has(current.fingerprint256)) {
    seen.add(current.fingerprint256);
    out.push(new X509Certificate(current.raw));
    current = current.issuerCertificate;
  }
  return out;
}

function signedBy(cert: X509Certificate, issuer: X509Certificate): boolean {
  return cert.checkIssued(issuer) && cert.verify(issuer.publicKey);
}

/** null when the chain is trusted for `host`; the French reason otherwise. */
export function verifyServerChain(
  peer: DetailedPeerCertificate,
  anchorsPem: readonly string[],
  host: string,
  now: Date,
): string | null {
  const chain = chainOf(peer);
  const leaf = chain[0];
  if (leaf === undefined) return "le serveur n'a présenté aucun certificat";
  for (const cert of chain) {
    if (now < new Date(cert.validFrom) || now > new Date(cert.validTo)) {
      return `le certificat « ${cert.subject.replace(/\n/g, ', ')} » est hors de ses dates de validité`;
    }
  }
  const anchors = anchorsPem.map((pem) => new X509Certificate(pem));
  let trusted = false;
  for (let i = 0; i < chain.length && !trusted; i += 1) {
    const cert = chain[i];
    if (cert === undefined) break;
    if (i > 0 && !signedBy(chain[i - 1] as X509Certificate, cert)) break;
    trusted = anchors.some((a) => a.raw.equals(cert.raw) || signedBy(cert, a));
  }
  if (!trusted) return "il n'est pas émis par une des autorités de confiance configurées";
  const identity = tls.checkServerIdentity(host, peer);
  if (identity !== undefined) return `il n'est pas établi pour « ${host} »`;
  return null;
}
