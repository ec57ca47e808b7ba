// RFC 7512 PKCS#11 URIs for the OpenSSL pkcs11 engine (libp11): which token, which key, and where
// the PIN comes from. The PIN itself never goes into a URI: libp11 prints the whole URI on stderr
// when the login fails (measured with libengine-pkcs11-openssl 0.4.12), so a `pin-value` would
// end up in the service's log. `pin-source` names a file instead (pinFile.ts).

/** Percent-encodes every byte outside RFC 3986 "unreserved" (always valid in a path attribute). */
export function encodeUriAttribute(value: string): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-._~]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** A CKA_ID written as hex ('0120') becomes '%01%20'. */
export function encodeObjectId(idHex: string): string {
  const hex = idHex.replace(/\s+/g, '');
  if (hex.length === 0 || hex.length % 2 !== 0 || !/^[0-9a-fA-F]+$/.test(hex)) {
    throw new TypeError(`CKA_ID must be an even number of hex digits (got "${idHex}")`);
  }
  return hex.replace(/../g, (pair) => `%${pair.toUpperCase()}`);
}

/** Encodes a file path for `pin-source`: '/' kept (libp11 takes the path as it is after "file:"). */
function encodePath(file: string): string {
  return file
    .split('/')
    .map((part) => encodeUriAttribute(part))
    .join('/');
}

export interface TokenKeyReference {
  /** CKA_LABEL of the token (the card's label). */
  readonly tokenLabel: string;
  /** CKA_ID of the private key in hex (the authentication key of a CPS ends in 0x20). */
  readonly keyIdHex: string;
}

/** `pkcs11:token=…;id=…;type=private`, plus `?pin-source=file:…` when a PIN file is given. */
export function pkcs11KeyUri(key: TokenKeyReference, pinFile?: string): string {
  const base =
    `pkcs11:token=${encodeUriAttribute(key.tokenLabel)};` +
    `id=${encodeObjectId(key.keyIdHex)};type=private`;
  return pinFile === undefined ? base : `${base}?pin-source=file:${encodePath(pinFile)}`;
}
