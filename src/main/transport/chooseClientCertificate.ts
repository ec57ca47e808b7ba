// Which certificate answers a client-certificate request from Chromium: the one whose DER is the
// card's authentication certificate, read over PKCS#11 by the card layer. Never "the first one in
// the store" (Electron's default), never the signature certificate, never one for another site.
import { X509Certificate } from 'node:crypto';

function derOf(pem: string): Buffer | null {
  try {
    return new X509Certificate(pem).raw;
  } catch {
    return null;
  }
}

/** The entry of `list` (Electron Certificate objects: PEM in `data`) equal to `authCertDer`. */
export function chooseClientCertificate<T extends { readonly data: string }>(
  list: readonly T[],
  authCertDer: Uint8Array,
): T | null {
  const wanted = Buffer.from(authCertDer);
  return list.find((entry) => derOf(entry.data)?.equals(wanted) === true) ?? null;
}

/**
 * Whether a request is ours to answer: made from the main process (`webContents` null: net.fetch)
 * to an origin this transport is talking to. Anything else gets no certificate at all.
 */
export function isOwnClientCertificateRequest(
  fromMainProcess: boolean,
  url: string,
  origins: ReadonlySet<string>,
): boolean {
  if (!fromMainProcess) return false;
  try {
    return origins.has(new URL(url).origin);
  } catch {
    return false;
  }
}
