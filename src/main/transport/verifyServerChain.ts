// Our own check of the DMP server's certificate, replacing Chromium's (session
// .setCertificateVerifyProc): the chain must lead to one of the CONFIGURED anchors (IGC-Santé in
// production, the sandbox root in demo), never to the operating system's store, whose public CAs
// have no business vouching for the DMP and which holds no IGC-Santé root anyway. Pure: the
// chain, the name and the time come in as values.
import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';

export type ChainVerdict =
  | { readonly ok: true }
  | {
      readonly ok: false;
      readonly reason:
        | 'malformed'
        | 'untrusted'
        | 'expired'
        | 'not-yet-valid'
        | 'hostname-mismatch'
        | 'not-for-servers';
    };

export interface ChainToVerify {
  /** PEM certificates as the server sent them, the server's own first. */
  readonly chainPem: readonly string[];
  readonly hostname: string;
  readonly anchorsPem: readonly string[];
  readonly now: Date;
}

const SERVER_AUTH = '1.3.6.1.5.5.7.3.1';
const MAX_DEPTH = 8;

function parse(pems: readonly string[]): X509Certificate[] | null {
  try {
    return pems.map((pem) => new X509Certificate(pem));
  } catch {
    return null;
  }
}

function dateCheck(cert: X509Certificate, now: Date): ChainVerdict | null {
  if (now.getTime() < new Date(cert.validFrom).getTime())
    return { ok: false, reason: 'not-yet-valid' };
  if (now.getTime() > new Date(cert.validTo).getTime()) return { ok: false, reason: 'expired' };
  return null;
}

function signedBy(child: X509Certificate, issuer: X509Certificate): boolean {
  return child.checkIssued(issuer) && child.verify(issuer.publicKey);
}

/** Chain to an anchor, every certificate in its validity window, leaf for this host and TLS servers. */
export function verifyServerChain(input: ChainToVerify): ChainVerdict {
  const chain = parse(input.chainPem);
  const anchors = parse(input.anchorsPem);
  const leaf = chain?.[0];
  if (chain === null || anchors === null || leaf === undefined)
    return { ok: false, reason: 'malformed' };

  // keyUsage is Node's name for the extended key usage; absent means "any purpose".
  const purposes = leaf.keyUsage as string[] | undefined;
  if (purposes !== undefined && !purposes.includes(SERVER_AUTH)) {
    return { ok: false, reason: 'not-for-servers' };
  }
  const matchesHost =
    isIP(input.hostname) !== 0
      ? leaf.checkIP(input.hostname) !== undefined
      : leaf.checkHost(input.hostname) !== undefined;
  if (!matchesHost) return { ok: false, reason: 'hostname-mismatch' };

  let current = leaf;
  const intermediates = chain.slice(1);
  for (let depth = 0; depth < MAX_DEPTH; depth += 1) {
    const dated = dateCheck(current, input.now);
    if (dated !== null) return dated;
    const anchor = anchors.find((a) => signedBy(current, a));
    if (anchor !== undefined) return dateCheck(anchor, input.now) ?? { ok: true };
    const next = intermediates.find((c) => c.ca && c !== current && signedBy(current, c));
    if (next === undefined) return { ok: false, reason: 'untrusted' };
    current = next;
  }
  return { ok: false, reason: 'untrusted' };
}

/**
 * The verdict as setCertificateVerifyProc's result: 0 accepts (and skips Certificate
 * Transparency, which IGC-Santé does not use); a failure is a Chromium certificate error code, so
 * that net.fetch fails with a net::ERR_CERT_* that says why (mapChromiumNetError.ts).
 */
export function chromiumVerifyResult(verdict: ChainVerdict): number {
  if (verdict.ok) return 0;
  switch (verdict.reason) {
    case 'hostname-mismatch':
      return -200; // ERR_CERT_COMMON_NAME_INVALID
    case 'expired':
    case 'not-yet-valid':
      return -201; // ERR_CERT_DATE_INVALID
    case 'untrusted':
      return -202; // ERR_CERT_AUTHORITY_INVALID
    case 'malformed':
    case 'not-for-servers':
      return -207; // ERR_CERT_INVALID
  }
}

/** An Electron Certificate and its issuers as PEM, the server's first (stops at a self-signed one). */
export function chainOf(certificate: {
  readonly data: string;
  readonly fingerprint: string;
  readonly issuerCert?: unknown;
}): string[] {
  type Link = {
    readonly data: string;
    readonly fingerprint: string;
    readonly issuerCert?: unknown;
  };
  const pems: string[] = [];
  let link: Link | undefined = certificate;
  const seen = new Set<string>();
  while (link !== undefined && !seen.has(link.fingerprint) && pems.length < MAX_DEPTH + 1) {
    seen.add(link.fingerprint);
    pems.push(link.data);
    link = link.issuerCert as Link | undefined;
  }
  return pems;
}
